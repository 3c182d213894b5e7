package io.mapwatch.kernel.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    /** Each of JFR's units, then what mapwatch takes beyond JFR: decimals, a blank before the unit, any case. */
    @ParameterizedTest
    @CsvSource({"20ns, 20", "20us, 20000", "250ms, 250000000", "20s, 20000000000", "60m, 3600000000000",
            "6h, 21600000000000", "7d, 604800000000000",
            "1.5m, 90000000000", "1.5 s, 1500000000", "' 500MS ', 500000000", ".5ms, 500000"})
    void readsJfrsUnitsAndDecimals(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @Test
    void aBareZeroIsZeroAsInJfr() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "s", "soon", "1 sec", "1min", "1.s", "-1s", "1e3ms", "99999999999999999999s",
            "106752d"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().length() > 10, "a sentence for the user: " + e.getMessage());
    }

    @Test
    void formatsInTheLargestExactUnitSoThatParseReadsItBack() {
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("1h", Durations.format(Duration.ofMinutes(60)));
        assertEquals("2d", Durations.format(Duration.ofHours(48)));
        assertEquals("1500us", Durations.format(Duration.ofNanos(1_500_000)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("10 m", Durations.format(Duration.ofMinutes(10), " "));
        for (String text : new String[]{"7ns", "1.5s", "36h", "10 m"}) {
            Duration duration = Durations.parse(text);
            assertEquals(duration, Durations.parse(Durations.format(duration)), text);
        }
    }

    @Test
    void measuredDurationsReadToAboutThreeDigits() {
        assertEquals("850 ns", Durations.human(850));
        assertEquals("1.5 us", Durations.human(1_500));
        assertEquals("12.3 ms", Durations.human(12_340_000));
        assertEquals("1.50 s", Durations.human(1_500_000_000));
        assertEquals("95.00 s", Durations.human(95_000_000_000L));
    }
}
