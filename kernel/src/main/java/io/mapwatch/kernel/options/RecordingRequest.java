package io.mapwatch.kernel.options;

import io.mapwatch.kernel.units.DataSizes;
import io.mapwatch.kernel.units.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * What {@code record=} asks for, on JFR's conventions: the file, and how much of the recording JFR
 * keeps on disk ({@code maxage=}, {@code maxsize=}) and so writes at exit.
 *
 * @param file    absolute, with {@code %p} and {@code %t} expanded
 * @param maxAge  how far back data is kept; null for no limit
 * @param maxSize how many bytes are kept; 0 for no limit
 */
public record RecordingRequest(Path file, Duration maxAge, long maxSize) {
    /**
     * JFR's own limit for a disk recording given neither {@code maxage} nor {@code maxsize} (nor a
     * duration): {@code DCmdStart} sets it for {@code jcmd JFR.start} and {@code -XX:StartFlightRecording}
     * alike, on JDK 17 and 25 ("No limit specified, using maxsize=250MB as default").
     */
    public static final long JFR_DEFAULT_MAX_SIZE = 250L * 1024 * 1024;

    /**
     * The request for {@code file} with the limits the user gave: a limit of zero is no limit (as
     * JFR documents {@code 0}); when neither is given, JFR's default applies.
     *
     * @param maxAge  null when not given
     * @param maxSize null when not given
     */
    static RecordingRequest of(Path file, Duration maxAge, Long maxSize) {
        if (maxAge == null && maxSize == null) {
            return new RecordingRequest(file, null, JFR_DEFAULT_MAX_SIZE);
        }
        return new RecordingRequest(file, maxAge == null || maxAge.isZero() ? null : maxAge,
                maxSize == null ? 0 : maxSize);
    }

    /**
     * {@code template} with {@code %p} replaced by {@code pid}, {@code %t} by {@code time} as JFR
     * writes it ({@code yyyy_MM_dd_HH_mm_ss}) and {@code %%} by {@code %}; any other {@code %} stays.
     * The same expansion as the {@code filename} of {@code JFR.start} on JDK 25 (JDK 17 has none).
     */
    static String expandFileName(String template, long pid, LocalDateTime time) {
        StringBuilder name = new StringBuilder(template.length() + 24);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            char next = i + 1 < template.length() ? template.charAt(i + 1) : 0;
            if (c == '%' && (next == '%' || next == 'p' || next == 't')) {
                if (next == '%') {
                    name.append('%');
                } else if (next == 'p') {
                    name.append(pid);
                } else {
                    name.append(String.format(Locale.ROOT, "%04d_%02d_%02d_%02d_%02d_%02d", time.getYear(),
                            time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond()));
                }
                i++;
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /**
     * The options that ask for exactly this: {@code record=FILE} and the limits in effect, with
     * {@code maxsize=0} when there is none (alone, {@code record=FILE} would mean JFR's default).
     */
    @Override
    public String toString() {
        return "record=" + OptionString.escape(file.toString())
                + (maxAge == null ? "" : ",maxage=" + Durations.format(maxAge))
                + (maxSize == 0 && maxAge != null ? "" : ",maxsize=" + DataSizes.format(maxSize));
    }
}
