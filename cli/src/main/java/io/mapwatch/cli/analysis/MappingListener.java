package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;

/**
 * What {@link LiveMappings} tells the aggregators about mappings, once it has decided which events
 * tell of the same mapping.
 */
interface MappingListener {
    /** The recording holds the map that made {@code mapping}: a map to count. */
    default void made(RecordedMapping mapping) {
    }

    /** {@code mapping}'s bytes are mapped from {@code at}: it was made then, or found live then (made before). */
    default void live(RecordedMapping mapping, Instant at) {
    }

    /** An unmap; {@code mapping} is null when the pass did not know the mapping. */
    default void unmapped(Fact.Unmap unmap, RecordedMapping mapping) {
    }

    /** {@code mapping} is gone without an unmap: its address was mapped again, and its unmap was not recorded. */
    default void lost(RecordedMapping mapping, Instant at) {
    }

    /** {@code mapping} was still mapped at {@code end}, when its process ended or the recordings did. */
    default void stillLive(RecordedMapping mapping, Instant end) {
    }
}
