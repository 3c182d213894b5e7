package io.mapwatch.agent.bootstrap;

import jdk.jfr.Event;

/**
 * "Check the threshold, then fill" for the events about a range of mapped memory
 * ({@code mapwatch.Force}, {@code Load}, {@code MappedRead}, {@code MappedWrite}), in one place. Such
 * an event is reported when it took at least its threshold and its range is not in one of the
 * agent's own mappings; a range in no tracked mapping is reported with a null path, address 0 and
 * offset -1. The advice commits what comes back.
 */
final class MappedRangeEvents {
    /** Writes where a range lies into the fields of one event type. */
    interface Fields<E extends Event> {
        /** {@code path} is null, {@code address} 0 and {@code offset} -1 for a range no tracked mapping holds. */
        void fill(E event, String path, long address, long offset, long length);
    }

    private MappedRangeEvents() {
    }

    /** Begins timing {@code event}, a new event of one of these types, and returns it. */
    static <E extends Event> E started(E event) {
        event.begin();
        return event;
    }

    /**
     * Ends {@code event}, timed around {@code length} bytes from memory address {@code start}:
     * the filled event when it is to be reported, else null.
     */
    static <E extends Event> E finished(E event, long start, long length, Fields<? super E> fields) {
        event.end();
        if (!event.shouldCommit()) {
            return null;
        }
        Mapping mapping = MappingRegistry.containing(start);
        if (mapping == null) {
            fields.fill(event, null, 0, -1, length);
        } else if (mapping.own) {
            return null;
        } else {
            fields.fill(event, mapping.path, mapping.address, mapping.fileOffsetOf(start), length);
        }
        return event;
    }
}
