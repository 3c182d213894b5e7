package io.mapwatch.cli.read;

import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of the events JFR's own parser hands over, the cheap way. JFR finds a field by
 * walking the event's fields by name, once for {@code hasField} and again for {@code getValue};
 * this knows which fields each event type has, so that a field is looked up once. And a recording
 * names the same few paths, triggers and states millions of times, with a new string from JFR's
 * parser for each event: the facts share one copy of each text, which keeps what stays alive
 * between two garbage collections small. JFR shares one stack object among the events of a chunk
 * with the same stack, and so do the {@link Fact.Stack}s made of them. Confined to the thread that
 * reads the events; {@link #of} points it at the next event.
 */
public final class FieldReader implements EventFields {
    private static final int MAX_STACKS = 4096;

    private final Map<EventType, Set<String>> fieldsByType = new IdentityHashMap<>();
    private final SharedStrings texts = new SharedStrings();
    private final Map<RecordedStackTrace, Fact.Stack> stacks = new IdentityHashMap<>();
    private RecordedEvent event;

    /** This reader, reading {@code next}. */
    public FieldReader of(RecordedEvent next) {
        this.event = next;
        return this;
    }

    @Override
    public long startNanos() {
        Instant start = event.getStartTime();
        return start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    @Override
    public long durationNanos() {
        return event.getDuration().toNanos();
    }

    @Override
    public boolean hasField(String name) {
        return fieldsByType.computeIfAbsent(event.getEventType(), type -> type.getFields().stream()
                .map(ValueDescriptor::getName).collect(Collectors.toUnmodifiableSet())).contains(name);
    }

    @Override
    public long getLong(String name) {
        return event.getLong(name);
    }

    @Override
    public boolean getBoolean(String name) {
        return event.getBoolean(name);
    }

    @Override
    public double getDouble(String name) {
        return event.getDouble(name);
    }

    @Override
    public Instant getInstant(String name) {
        return event.getInstant(name);
    }

    @Override
    public String text(String name) {
        if (!hasField(name)) {
            return null;
        }
        return texts.share(event.getValue(name));
    }

    @Override
    public Fact.Stack stack() {
        RecordedStackTrace trace = hasField("stackTrace") ? event.getValue("stackTrace") : null;
        if (trace == null) {
            return null;
        }
        Fact.Stack stack = stacks.get(trace);
        if (stack == null) {
            if (stacks.size() >= MAX_STACKS) {
                stacks.clear();
            }
            List<Fact.Frame> frames = new ArrayList<>();
            for (RecordedFrame frame : trace.getFrames()) {
                if (frame.isJavaFrame()) {
                    frames.add(new Fact.Frame(frame.getMethod().getType().getName(), frame.getMethod().getName(),
                            frame.getLineNumber()));
                }
            }
            stack = new Fact.Stack(frames);
            stacks.put(trace, stack);
        }
        return stack;
    }

    @Override
    public long osThreadId(String name) {
        RecordedThread thread = event.getThread(name);
        return thread == null ? -1 : thread.getOSThreadId();
    }

    @Override
    public String threadName(String name) {
        RecordedThread thread = event.getThread(name);
        return thread == null ? null : thread.getJavaName();
    }

    @Override
    public String className(String name) {
        RecordedClass type = event.getClass(name);
        return type == null ? null : type.getName();
    }
}
