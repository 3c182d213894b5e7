package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.kernel.units.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The part of the recordings a command looks at: {@code --from} and {@code --to} read against the
 * time the recordings cover. Events outside it are left out of every figure; what was live when it
 * opened is still known (see {@code RecordingAnalysis}).
 */
public record TimeWindow(Instant from, Instant to) {
    private static final String FORMS = "give a time such as 2026-12-07T10:15:00Z, 2026-12-07 10:15 or 10:15 (local"
            + " time), or an offset such as +10m (after the start) or -5m (before the end)";

    /**
     * The window {@code --from} and {@code --to} give over recordings from {@code start} to {@code end}
     * (either may be null: the start, the end), cut to the recordings.
     *
     * @throws CliException (usage) for a value that is not a time, or a window that is empty or outside the recordings
     */
    public static TimeWindow of(String from, String to, Instant start, Instant end, ZoneId zone) {
        Instant opens = from == null ? start : instant("--from", from, start, end, zone);
        Instant closes = to == null ? end : instant("--to", to, start, end, zone);
        if (!opens.isBefore(closes)) {
            throw usage("--from (" + opens + ") must be before --to (" + closes + ")");
        }
        if (!opens.isBefore(end) || !closes.isAfter(start)) {
            throw usage("the time from " + opens + " to " + closes + " lies outside the recording, which runs from "
                    + start + " to " + end);
        }
        return new TimeWindow(opens.isBefore(start) ? start : opens, closes.isAfter(end) ? end : closes);
    }

    /** Whether the window is the whole of what {@code start} to {@code end} cover. */
    public boolean covers(Instant start, Instant end) {
        return !from.isAfter(start) && !to.isBefore(end);
    }

    /** {@code text} as a moment: an offset from the start or the end, an ISO-8601 time, a local date and time, or a time of day. */
    static Instant instant(String option, String text, Instant start, Instant end, ZoneId zone) {
        String value = text.strip();
        if (value.startsWith("+") || value.startsWith("-")) {
            Duration offset;
            try {
                offset = Durations.parse(value.substring(1));
            } catch (IllegalArgumentException e) {
                throw usage(option + " " + text + ": " + e.getMessage());
            }
            return value.startsWith("+") ? start.plus(offset) : end.minus(offset);
        }
        String iso = value.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            if (iso.matches(".*T.*([zZ]|[+-]\\d{2}(:?\\d{2})?)$")) {
                return OffsetDateTime.parse(iso.replaceFirst("z$", "Z")).toInstant();
            }
            if (iso.contains("T")) {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            }
            if (iso.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
            }
            LocalTime time = LocalTime.parse(iso);
            Instant onStartDay = LocalDate.ofInstant(start, zone).atTime(time).atZone(zone).toInstant();
            Instant nextDay = onStartDay.atZone(zone).plusDays(1).toInstant();
            return onStartDay.isBefore(start) && !nextDay.isAfter(end) ? nextDay : onStartDay;
        } catch (DateTimeParseException e) {
            throw usage(option + ": cannot read " + text + " as a time; " + FORMS);
        }
    }

    private static CliException usage(String sentence) {
        return new CliException(ExitCode.USAGE, sentence);
    }
}
