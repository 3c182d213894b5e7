package io.mapwatch.cli.read;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What a pass over a recording learned about the recording itself. */
public record RecordingInfo(Path file, Instant start, Instant end, long events, long mapwatchEvents, boolean cutShort) {
    public Duration duration() {
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }
}
