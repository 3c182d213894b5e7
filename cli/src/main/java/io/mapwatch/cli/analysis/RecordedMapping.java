package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One mapping as the recording tells of it: from the {@code mapwatch.Map} that made it during the recording,
 * or from a {@code mapwatch.LiveMapping} that found it live at the start of a chunk.
 *
 * @param mappedAt   when it was mapped (for a mapping found live, possibly long before the recording)
 * @param made       whether the recording holds the map that made it
 * @param stack      the stack of its Map event; null for a mapping found live
 * @param mappedFrom the frames the agent kept of where it was mapped, one per line, top first; null if none
 */
public record RecordedMapping(String path, long address, long mappedSize, Instant mappedAt, boolean made,
                              boolean fileExtended, Fact.Stack stack, String mappedFrom) {
    /**
     * How far apart a Map event's time and a LiveMapping's {@code mappedAt} may be when they tell of
     * the same map: JFR's clock and the agent's wall clock differ by a little.
     */
    private static final Duration SAME_MAP_WITHIN = Duration.ofSeconds(1);

    static RecordedMapping of(Fact.Map map) {
        return new RecordedMapping(map.path(), map.address(), map.mappedSize(), map.time(), true, map.fileExtended(),
                map.stack(), null);
    }

    static RecordedMapping of(Fact.LiveMapping live) {
        return new RecordedMapping(live.path(), live.address(), live.mappedSize(), live.mappedAt(), false, false, null,
                live.mappedFrom());
    }

    /**
     * Whether {@code other} tells of this same mapping rather than of a new one at the same address:
     * same file and size, mapped at the same time. Two Map events are always two maps.
     */
    boolean sameAs(RecordedMapping other) {
        return !(made && other.made) && address == other.address && mappedSize == other.mappedSize
                && Objects.equals(path, other.path)
                && Duration.between(mappedAt, other.mappedAt).abs().compareTo(SAME_MAP_WITHIN) <= 0;
    }
}
