package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;

/**
 * What {@link LiveMappings} tells the aggregators about mappings, once it has decided which events
 * tell of the same mapping.
 */
interface MappingListener {
    /** {@code mapping} is live from {@code at}: made then ({@link Mapping#made()}), or found live then. */
    default void mapped(Mapping mapping, Instant at) {
    }

    /** The Map event of {@code mapping}, which was already counted live: a map to count, not bytes. */
    default void madeEarlier(Mapping mapping) {
    }

    /** An unmap; {@code mapping} is null when the pass did not know the mapping. */
    default void unmapped(Fact.Unmap unmap, Mapping mapping) {
    }

    /** {@code mapping} is gone without an unmap: its address was mapped again, and its unmap was not recorded. */
    default void lost(Mapping mapping, Instant at) {
    }
}
