package io.mapwatch.kernel.options;

import io.mapwatch.kernel.options.OptionString.Item;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OptionStringTest {
    @Test
    void itemsAreTrimmedKeysInLowerCaseAndValues() {
        assertEquals(List.of(new Item("sample", "500ms"), new Item("help", null), new Item("log", "DEBUG")),
                OptionString.parse(" Sample = 500ms ,,help, log=DEBUG,"));
        assertEquals(List.of(), OptionString.parse(null));
        assertEquals(List.of(new Item("record", "")), OptionString.parse("record="));
    }

    @Test
    void aBackslashKeepsACommaInTheValue() {
        assertEquals(List.of(new Item("record", "/data/a,b.jfr"), new Item("log", "info")),
                OptionString.parse("record=/data/a\\,b.jfr,log=info"));
        assertEquals(List.of(new Item("record", "/data/a\\"), new Item("b.jfr", null)),
                OptionString.parse("record=/data/a\\\\,b.jfr"), "an escaped backslash does not escape the comma");
        assertEquals(List.of(new Item("record", "C:\\data\\x.jfr")), OptionString.parse("record=C:\\data\\x.jfr"),
                "a backslash before anything else stays");
        assertEquals(List.of(new Item("record", "a=b,c")), OptionString.parse("record=a=b\\,c"), "only the first = splits");
    }

    @Test
    void anEscapedValueReadsBackWhole() {
        for (String value : new String[]{"/data/a,b.jfr", "/x\\,y", "trailing\\", ",,", "plain"}) {
            List<Item> items = OptionString.parse("record=" + OptionString.escape(value) + ",log=info");
            assertEquals(List.of(new Item("record", value), new Item("log", "info")), items, value);
        }
    }
}
