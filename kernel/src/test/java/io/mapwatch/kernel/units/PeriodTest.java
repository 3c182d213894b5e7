package io.mapwatch.kernel.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodTest {
    @Test
    void parsesTheFormsTheOptionsUse() {
        assertEquals(Duration.ofMillis(500), Period.parse("500ms").duration());
        assertEquals(Duration.ofSeconds(1), Period.parse("1s").duration());
        assertEquals(Duration.ofMinutes(2), Period.parse("2m").duration());
        assertEquals(Duration.ofHours(1), Period.parse("1h").duration());
        assertTrue(Period.parse("OFF").isOff());
        assertEquals("90s", Period.parse("90s").toString());
        assertEquals("2m", Period.parse("120s").toString());
    }

    @Test
    void takesJfrsWholeGrammarDaysAndDecimalsIncluded() {
        assertEquals(Duration.ofDays(1), Period.parse("1d").duration());
        assertEquals(Duration.ofMillis(1500), Period.parse("1.5s").duration());
        assertEquals("1500ms", Period.parse("1.5s").toString());
        assertEquals(Duration.ofNanos(250_000), Period.parse("250us").duration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0ms", "0s", "-1s", "1", "s", "99999999999999999999s", "9223372036854775807h"})
    void rejectsWhatIsNotAPositivePeriod(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Period.parse(text));
        assertTrue(e.getMessage().length() > 10, "a sentence for the user");
    }
}
