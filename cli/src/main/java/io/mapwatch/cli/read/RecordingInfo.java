package io.mapwatch.cli.read;

import java.nio.file.Path;
import java.time.Instant;

/** What a pass over one recording file learned about the file itself. */
public record RecordingInfo(Path file, Instant start, Instant end, int chunks, long mapwatchEvents, boolean cutShort) {
}
