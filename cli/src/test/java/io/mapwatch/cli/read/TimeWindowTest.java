package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 09:00 to 17:00 UTC: 10:00 to 18:00 in Berlin. */
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant END = Instant.parse("2026-12-07T17:00:00Z");

    private static TimeWindow window(String from, String to) {
        return TimeWindow.of(from, to, START, END, BERLIN);
    }

    @Test
    void offsetsCountFromTheStartAndFromTheEndInJfrUnits() {
        assertEquals(new TimeWindow(Instant.parse("2026-12-07T09:10:00Z"), Instant.parse("2026-12-07T16:55:00Z")),
                window("+10m", "-5m"));
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"), window("+1.5h", null).from());
        assertEquals(Instant.parse("2026-12-07T09:00:00.250Z"), window("+250ms", null).from());
    }

    @Test
    void absoluteTimesAsAUserTypesThem() {
        assertEquals(Instant.parse("2026-12-07T12:15:00Z"), window("2026-12-07T12:15:00Z", null).from());
        assertEquals(Instant.parse("2026-12-07T12:15:00Z"), window("2026-12-07T13:15:00+01:00", null).from());
        assertEquals(Instant.parse("2026-12-07T12:15:00Z"), window("2026-12-07 13:15", null).from(), "local time");
        assertEquals(Instant.parse("2026-12-07T12:15:30Z"), window("2026-12-07T13:15:30", null).from());
        assertEquals(Instant.parse("2026-12-07T12:15:00Z"), window("13:15", null).from(), "on the recording's day");
        assertEquals(Instant.parse("2026-12-07T12:15:00.500Z"), window(null, "13:15:00.5").to());
    }

    @Test
    void aWindowReachingPastTheRecordingIsCutToIt() {
        assertEquals(new TimeWindow(START, END), window("2026-12-06 10:00", "2026-12-08 10:00"));
        assertTrue(window("+0s", "-0s").covers(START, END));
    }

    @Test
    void badValuesAreOneSentenceAndAUsageError() {
        assertUsage("--from: cannot read yesterday as a time; give a time such as", "yesterday", null);
        assertUsage("--from +5x: expected a duration such as 500ms", "+5x", null);
        assertUsage("--to: cannot read 2026-13-01 10:00 as a time", null, "2026-13-01 10:00");
        assertUsage("--from (2026-12-07T10:00:00Z) must be before --to (2026-12-07T09:30:00Z)", "+1h", "+30m");
        assertUsage("the time from 2026-12-07T18:00:00Z to 2026-12-07T19:00:00Z lies outside the recording, which runs"
                + " from 2026-12-07T09:00:00Z to 2026-12-07T17:00:00Z", "+9h", "+10h");
        assertUsage("must be before", "-1m", "-1m");
    }

    private static void assertUsage(String expected, String from, String to) {
        CliException e = assertThrows(CliException.class, () -> window(from, to));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(expected) || e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
