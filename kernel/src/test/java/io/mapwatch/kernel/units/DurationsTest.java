package io.mapwatch.kernel.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    @Test
    void readsEachOfJfrsUnits() {
        assertEquals(Duration.ofNanos(20), Durations.parse("20ns"));
        assertEquals(Duration.ofNanos(20_000), Durations.parse("20us"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(20), Durations.parse("20s"));
        assertEquals(Duration.ofMinutes(60), Durations.parse("60m"));
        assertEquals(Duration.ofHours(6), Durations.parse("6h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
    }

    @Test
    void readsDecimalsBlanksAndAnyCase() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("1.5m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5 s"));
        assertEquals(Duration.ofMillis(500), Durations.parse(" 500MS "));
        assertEquals(Duration.ofNanos(500_000), Durations.parse(".5ms"));
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
