package io.mapwatch.kernel.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSizesTest {
    @Test
    void readsWhatJfrsMaxsizeReads() {
        assertEquals(4096, DataSizes.parse("4096"));
        assertEquals(64L << 10, DataSizes.parse("64k"));
        assertEquals(64L << 10, DataSizes.parse("64kb"));
        assertEquals(250L << 20, DataSizes.parse("250M"));
        assertEquals(250L << 20, DataSizes.parse("250MB"));
        assertEquals(1L << 30, DataSizes.parse("1g"));
        assertEquals(1L << 30, DataSizes.parse("1GB"));
    }

    @Test
    void readsWhatTheCliPrintsAndTookBefore() {
        assertEquals(64L << 20, DataSizes.parse("64MiB"));
        assertEquals(1L << 10, DataSizes.parse("1KiB"));
        assertEquals(2L << 40, DataSizes.parse("2TiB"));
        assertEquals(1536L << 20, DataSizes.parse("1.50 GiB"));
        assertEquals(12, DataSizes.parse("12 B"));
        assertEquals(0, DataSizes.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "lots", "1 kilobyte", "1p", "-1k", "1e3", "8388608t", "9223372036854775808"})
    void rejectsWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSizes.parse(text));
        assertTrue(e.getMessage().length() > 10, "a sentence for the user: " + e.getMessage());
    }

    @Test
    void formatsInTheLargestExactUnitSoThatParseReadsItBack() {
        assertEquals("64MiB", DataSizes.format(64L << 20));
        assertEquals("1GiB", DataSizes.format(1L << 30));
        assertEquals("4KiB", DataSizes.format(4096));
        assertEquals("1000", DataSizes.format(1000));
        assertEquals("1025KiB", DataSizes.format(1025L << 10));
        for (long bytes : new long[]{0, 1, 1000, 4096, 250L << 20, 3L << 40}) {
            assertEquals(bytes, DataSizes.parse(DataSizes.format(bytes)), Long.toString(bytes));
        }
    }

    @Test
    void measuredSizesReadToAboutThreeDigits() {
        assertEquals("512 B", DataSizes.human(512));
        assertEquals("1.50 KiB", DataSizes.human(1536));
        assertEquals("12.3 MiB", DataSizes.human(12_900_000));
        assertEquals("256 GiB", DataSizes.human(256L << 30));
        assertEquals("1000 MiB", DataSizes.human(1000L << 20));
    }
}
