package io.mapwatch.cli.read;

import java.time.Instant;

/**
 * The fields of one event as a converter reads them into a {@link Fact}, whichever parser read the
 * event: JFR's own ({@code jdk.jfr.consumer}) or mapwatch's chunk parser. The meanings are those of
 * {@code jdk.jfr.consumer.RecordedObject}, so that both give the same facts.
 */
public interface EventFields {
    /** Start of the event in nanoseconds since the epoch, as {@code RecordedEvent.getStartTime()}. */
    long startNanos();

    /** {@code RecordedEvent.getDuration()} in nanoseconds; 0 for an instant event. */
    long durationNanos();

    /** Whether the event's type has the field. */
    boolean hasField(String name);

    /** As {@code RecordedObject.getLong}. */
    long getLong(String name);

    /** As {@code RecordedObject.getBoolean}. */
    boolean getBoolean(String name);

    /** As {@code RecordedObject.getDouble}. */
    double getDouble(String name);

    /** As {@code RecordedObject.getInstant}. */
    Instant getInstant(String name);

    /** A text field, or null when it is null or the event's type has no such field. */
    String text(String name);

    /** The Java frames of the event's stack trace, or null when it has none. */
    Fact.Stack stack();

    /** The OS thread id of the thread in field {@code name}; -1 when there is none or it is virtual. */
    long osThreadId(String name);

    /** The Java name of the thread in field {@code name}, or null. */
    String threadName(String name);

    /** The name of the class in field {@code name}, with dots, or null. */
    String className(String name);
}
