package io.mapwatch.cli.read;

import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of the events of one pass the cheap way. JFR finds a field by walking the
 * event's fields by name, once for {@code hasField} and again for {@code getValue}; this knows
 * which fields each event type has, so that a field is looked up once. And a recording names the
 * same few paths, triggers and states millions of times, with a new string from JFR's parser for
 * each event: the facts share one copy of each text, which keeps what stays alive between two
 * garbage collections small. Confined to the thread that reads the events.
 */
public final class FieldReader {
    /** Distinct texts kept; past it the table starts afresh, so that texts that never repeat cannot fill the heap. */
    private static final int MAX_TEXTS = 1 << 16;

    private final Map<EventType, Set<String>> fieldsByType = new IdentityHashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    /** A text field of {@code event}, or null when this recording's event type has no such field. */
    public String text(RecordedEvent event, String field) {
        if (!has(event, field)) {
            return null;
        }
        String text = event.getValue(field);
        if (text == null) {
            return null;
        }
        String shared = texts.putIfAbsent(text, text);
        if (shared != null) {
            return shared;
        }
        if (texts.size() > MAX_TEXTS) {
            texts.clear();
        }
        return text;
    }

    /** The stack trace of {@code event}, or null when it has none. */
    public RecordedStackTrace stack(RecordedEvent event) {
        return has(event, "stackTrace") ? event.getValue("stackTrace") : null;
    }

    private boolean has(RecordedEvent event, String field) {
        return fieldsByType.computeIfAbsent(event.getEventType(), type -> type.getFields().stream()
                .map(ValueDescriptor::getName).collect(Collectors.toUnmodifiableSet())).contains(field);
    }
}
