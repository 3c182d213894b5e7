package io.mapwatch.cli.read;

import io.mapwatch.cli.read.ChunkMetadata.Field;
import io.mapwatch.cli.read.ChunkMetadata.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constant pools of one chunk, read only when an event needs one of its constants: the first
 * such need walks the chunk's checkpoint events once and notes where each constant's value lies,
 * without decoding it; each constant is then decoded when first asked for, and kept for the rest
 * of the chunk. Knows the few constants facts use: strings, threads, stack traces (with their
 * methods, classes and symbols) and classes. Confined to the thread that parses the chunk.
 */
final class ChunkPools {
    private static final long CHECKPOINT = 1;

    /** What a fact uses of a thread. */
    record ThreadInfo(long osThreadId, String javaName) {
    }

    private final ChunkBytes in;
    private final ChunkMetadata metadata;
    private final long firstCheckpoint;
    private Map<Long, LongIndex> offsets;
    private Type stringType;
    private final Map<Long, String> strings = new HashMap<>();
    private final LongIndex threadSlots = new LongIndex();
    private final List<ThreadInfo> threads = new ArrayList<>();
    private final LongIndex stackSlots = new LongIndex();
    private final List<Fact.Stack> stacks = new ArrayList<>();
    private final Map<Long, String[]> methods = new HashMap<>();
    private final Map<Long, String> classes = new HashMap<>();

    ChunkPools(ChunkBytes in, ChunkMetadata metadata, long firstCheckpoint) {
        this.in = in;
        this.metadata = metadata;
        this.firstCheckpoint = firstCheckpoint;
    }

    /** The string constant {@code key}, or null when the chunk has none by that key. */
    String string(long key) {
        String string = strings.get(key);
        if (string == null && !strings.containsKey(key)) {
            if (stringType == null) {
                stringType = named("java.lang.String");
            }
            Type type = stringType;
            int saved = in.position();
            string = seek(type, key) ? in.readString(null) : null;
            in.position(saved);
            strings.put(key, string);
        }
        return string;
    }

    /** The thread constant {@code key}, or null. */
    ThreadInfo thread(Type type, long key) {
        int slot = threadSlots.get(key);
        if (slot >= 0) {
            return threads.get(slot);
        }
        ThreadInfo thread = null;
        Object[] values = decode(type, key);
        if (values != null) {
            Object osThreadId = value(type, values, "osThreadId");
            boolean virtual = Boolean.TRUE.equals(value(type, values, "virtual"));
            thread = new ThreadInfo(virtual || !(osThreadId instanceof Long id) ? -1 : id,
                    text(type.field("javaName"), value(type, values, "javaName")));
        }
        threadSlots.put(key, threads.size());
        threads.add(thread);
        return thread;
    }

    /** The name of class constant {@code key}, with dots; null when the chunk has no such class. */
    String className(Type type, long key) {
        String name = classes.get(key);
        if (name == null && !classes.containsKey(key)) {
            Object[] values = decode(type, key);
            if (values != null) {
                name = text(type.field("name"), value(type, values, "name"));
                if (name == null) {
                    throw new DamagedChunk("a class without a name");
                }
                name = name.replace('/', '.');
            }
            classes.put(key, name);
        }
        return name;
    }

    /** The Java frames of stack trace constant {@code key}; null when the chunk has no such stack trace. */
    Fact.Stack stack(Type type, long key) {
        int slot = stackSlots.get(key);
        if (slot >= 0) {
            return stacks.get(slot);
        }
        Fact.Stack stack = null;
        Object[] values = decode(type, key);
        if (values != null) {
            Field framesField = type.field("frames");
            Type frameType = framesField.type;
            Field methodField = frameType.field("method");
            Object[] frames = (Object[]) value(type, values, "frames");
            List<Fact.Frame> javaFrames = new ArrayList<>(frames == null ? 0 : frames.length);
            for (Object frame : frames == null ? new Object[0] : frames) {
                Object[] frameValues = (Object[]) frame;
                String[] method = method(methodField.type, (Long) value(frameType, frameValues, "method"));
                Object line = value(frameType, frameValues, "lineNumber");
                javaFrames.add(new Fact.Frame(method[0], method[1], line instanceof Long l ? (int) (long) l : -1));
            }
            stack = new Fact.Stack(javaFrames);
        }
        stackSlots.put(key, stacks.size());
        stacks.add(stack);
        return stack;
    }

    /** The class name and the name of method constant {@code key}. */
    private String[] method(Type type, long key) {
        String[] method = methods.get(key);
        if (method == null) {
            Object[] values = decode(type, key);
            if (values == null) {
                throw new DamagedChunk("a frame of a method the chunk does not hold");
            }
            Field classField = type.field("type");
            String className = className(classField.type, (Long) value(type, values, "type"));
            if (className == null) {
                throw new DamagedChunk("a method of a class the chunk does not hold");
            }
            method = new String[] {className, text(type.field("name"), value(type, values, "name"))};
            methods.put(key, method);
        }
        return method;
    }

    /**
     * The text a field's decoded value stands for: the string itself, or the constant it refers to
     * (a string, or a one-field type such as JFR's symbols, whose value is its field's).
     */
    private String text(Field field, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return pooledText(field.type, (Long) value);
    }

    private String pooledText(Type type, long key) {
        if (type.name.equals("java.lang.String")) {
            return string(key);
        }
        Object[] values = decode(type, key);
        return values == null ? null : text(type.fields.get(0), values[0]);
    }

    private static Object value(Type type, Object[] values, String fieldName) {
        int index = type.index(fieldName);
        return index < 0 ? null : values[index];
    }

    /** The fields of constant {@code key} of {@code type}, decoded; null when the chunk has no such constant. */
    private Object[] decode(Type type, long key) {
        int saved = in.position();
        try {
            if (!seek(type, key)) {
                return null;
            }
            if (type.fields.isEmpty()) {
                throw new DamagedChunk("a constant of primitive type " + type.name);
            }
            return fields(type);
        } finally {
            in.position(saved);
        }
    }

    private Object[] fields(Type type) {
        Object[] values = new Object[type.fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field(type.fields.get(i));
        }
        return values;
    }

    private Object field(Field field) {
        if (!field.array) {
            return one(field);
        }
        Object[] elements = new Object[in.readCount()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = one(field);
        }
        return elements;
    }

    private Object one(Field field) {
        if (field.pooled) {
            return in.readLong();
        }
        Type type = field.type;
        return switch (type.name) {
            case "boolean" -> in.readBoolean();
            case "byte" -> (long) in.readByte();
            case "short" -> (long) (short) in.readLong();
            case "char" -> (long) (char) in.readLong();
            case "int" -> (long) (int) in.readLong();
            case "long" -> in.readLong();
            case "float" -> (double) in.readFloat();
            case "double" -> in.readDouble();
            case "java.lang.String" -> in.readString(this);
            default -> {
                if (type.fields.isEmpty()) {
                    throw new DamagedChunk("a value of unknown primitive type " + type.name);
                }
                yield fields(type);
            }
        };
    }

    private boolean seek(Type type, long key) {
        if (offsets == null) {
            offsets = index();
        }
        LongIndex pool = offsets.get(type.id);
        int offset = pool == null ? -1 : pool.get(key);
        if (offset < 0) {
            return false;
        }
        in.position(offset);
        return true;
    }

    private Type named(String name) {
        for (Type type : metadata.types.values()) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new DamagedChunk("metadata without " + name);
    }

    /** Where each constant's value lies, by type and key: one walk over the chunk's checkpoint events. */
    private Map<Long, LongIndex> index() {
        Map<Long, LongIndex> found = new HashMap<>();
        int saved = in.position();
        long at = firstCheckpoint;
        for (int walked = 0; ; walked++) {
            if (at <= 0 || at >= in.limit() || walked > in.limit()) {
                throw new DamagedChunk("a checkpoint at " + at + ", outside the chunk");
            }
            in.position(at);
            long size = in.readLong();
            if (in.readLong() != CHECKPOINT) {
                throw new DamagedChunk("no checkpoint event at " + at);
            }
            in.readLong(); // start
            in.readLong(); // duration
            long delta = in.readLong();
            in.readByte(); // kind
            int pools = in.readInt();
            for (int p = 0; p < pools; p++) {
                Type type = metadata.type(in.readLong());
                LongIndex pool = found.computeIfAbsent(type.id, id -> new LongIndex());
                int count = in.readCount();
                for (int c = 0; c < count; c++) {
                    long key = in.readLong();
                    pool.put(key, in.position());
                    skip(type);
                }
            }
            if (in.position() != at + size) {
                throw new DamagedChunk("a checkpoint event whose size does not match its content");
            }
            if (delta == 0) {
                break;
            }
            at += delta;
        }
        in.position(saved);
        return found;
    }

    /** Steps over one value of {@code field} at the cursor of {@code bytes}. */
    static void skip(ChunkBytes bytes, Field field) {
        int count = field.array ? bytes.readCount() : 1;
        for (int i = 0; i < count; i++) {
            if (field.pooled) {
                bytes.readLong();
            } else {
                skip(bytes, field.type, 0);
            }
        }
    }

    private void skip(Type type) {
        skip(in, type, 0);
    }

    private static void skip(ChunkBytes bytes, Type type, int depth) {
        switch (type.encoding) {
            case ChunkMetadata.ONE_BYTE -> bytes.readByte();
            case ChunkMetadata.INTEGER -> bytes.readLong();
            case ChunkMetadata.FOUR_BYTES -> bytes.readFloat();
            case ChunkMetadata.EIGHT_BYTES -> bytes.readDouble();
            case ChunkMetadata.STRING -> bytes.skipString();
            default -> {
                if (type.fields.isEmpty() || depth > 32) {
                    throw new DamagedChunk("a value of unknown type " + type.name);
                }
                for (Field field : type.fields) {
                    int count = field.array ? bytes.readCount() : 1;
                    for (int i = 0; i < count; i++) {
                        if (field.pooled) {
                            bytes.readLong();
                        } else {
                            skip(bytes, field.type, depth + 1);
                        }
                    }
                }
            }
        }
    }
}
