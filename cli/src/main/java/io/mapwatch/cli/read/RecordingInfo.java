package io.mapwatch.cli.read;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What a pass over one recording file learned about the file itself.
 *
 * @param eventTypes names of the event types the recording's metadata declares, with events or
 *                   not: a type the agent registered whose count is zero was measured as none
 */
public record RecordingInfo(Path file, Instant start, Instant end, int chunks, long mapwatchEvents, boolean cutShort,
                            Set<String> eventTypes) {
}
