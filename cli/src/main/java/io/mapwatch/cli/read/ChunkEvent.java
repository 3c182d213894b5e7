package io.mapwatch.cli.read;

import io.mapwatch.cli.read.ChunkMetadata.Field;
import io.mapwatch.cli.read.ChunkMetadata.Type;

import java.time.Instant;

/**
 * One event as mapwatch's chunk parser decoded it, read by a converter as {@code jdk.jfr.consumer}
 * would read it: integers widened as {@code getLong} widens them, times converted with the first
 * chunk's clock (as JFR's parser does for every chunk of a file), constants looked up in the chunk's
 * pools. Reused for every event of a chunk.
 *
 * <p>A probe (no pools) decodes nothing: it runs each converter once per metadata and checks that
 * every field it asks for is one this class reads exactly as JFR does, or throws
 * {@link UnsupportedRecording}; so a file is either read here whole, or by JFR's parser whole.
 */
final class ChunkEvent implements EventFields {
    /** Converts ticks to nanoseconds since the epoch, as JFR's {@code TimeConverter} does. */
    record Clock(long startTicks, long startNanos, double ticksPerNanosecond) {
        long nanos(long ticks) {
            return startNanos + (long) ((ticks - startTicks) / ticksPerNanosecond);
        }
    }

    private final Clock clock;
    private final ChunkPools pools;
    private final ChunkBytes in;
    private EventLayout layout;
    private long[] longs = new long[16];
    private double[] doubles = new double[16];
    /** Where each string field of the event starts and ends: strings are read only when asked for. */
    private int[] stringFrom = new int[16];
    private int[] stringTo = new int[16];
    /** The strings last read in place, of any field, as a recording repeats its strings. */
    private final RecentStrings recentStrings;
    private long lastStackKey = -1;
    private Fact.Stack lastStack;
    private long lastThreadKey = -1;
    private ChunkPools.ThreadInfo lastThread;
    private int calls;

    ChunkEvent(Clock clock, ChunkPools pools, ChunkBytes in, SharedStrings shared) {
        this.clock = clock;
        this.pools = pools;
        this.in = in;
        this.recentStrings = new RecentStrings(shared);
    }

    /** A probe for {@code layout}: see the class comment. */
    static ChunkEvent probe(EventLayout layout) {
        ChunkEvent probe = new ChunkEvent(new Clock(0, 0, 1), null, null, null);
        probe.start(layout);
        return probe;
    }

    private void start(EventLayout next) {
        layout = next;
        calls = 0;
        int n = next.fields.length;
        if (longs.length < n) {
            longs = new long[n];
            doubles = new double[n];
            stringFrom = new int[n];
            stringTo = new int[n];
        }
    }

    /** Decodes the fields of an event of {@code next} at the cursor of {@code in}. */
    void read(EventLayout next, ChunkBytes in) {
        start(next);
        int[] kinds = next.kinds;
        int[] widths = next.widths;
        Field[] fields = next.fields;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case EventLayout.INTEGER -> longs[i] = integer(in, widths[i]);
                case EventLayout.POOLED -> longs[i] = in.readLong();
                case EventLayout.BOOLEAN -> longs[i] = in.readByte() != 0 ? 1 : 0;
                case EventLayout.FLOATING -> doubles[i] = widths[i] == EventLayout.FLOAT ? in.readFloat() : in.readDouble();
                case EventLayout.STRING -> {
                    stringFrom[i] = in.position();
                    in.skipString();
                    stringTo[i] = in.position();
                }
                default -> ChunkPools.skip(in, fields[i]);
            }
        }
    }

    /** An integer field written as {@code width} ({@link EventLayout#LONG}, ...), widened as JFR's parser does. */
    static long integer(ChunkBytes in, int width) {
        return switch (width) {
            case EventLayout.INT -> (int) in.readLong();
            case EventLayout.SHORT -> (short) in.readLong();
            case EventLayout.CHAR -> (char) in.readLong();
            case EventLayout.BYTE -> in.readByte();
            default -> in.readLong();
        };
    }

    private boolean probing() {
        return pools == null;
    }

    private int index(String name) {
        return layout.index(name, calls++);
    }

    /** The index of field {@code name}, which must be of {@code kind}. */
    private int required(String name, int kind) {
        int index = index(name);
        if (index < 0) {
            throw new UnsupportedRecording(layout.type.name + " has no field " + name);
        }
        if (layout.kinds[index] != kind) {
            throw new UnsupportedRecording(layout.type.name + "." + name + " is of a kind this parser does not read");
        }
        return index;
    }

    @Override
    public long startNanos() {
        return clock.nanos(longs[0]);
    }

    @Override
    public long durationNanos() {
        return layout.hasDuration ? clock.nanos(longs[0] + longs[1]) - clock.nanos(longs[0]) : 0;
    }

    @Override
    public boolean hasField(String name) {
        return index(name) >= 0;
    }

    @Override
    public long getLong(String name) {
        int index = required(name, EventLayout.INTEGER);
        if (probing() && layout.fields[index].unsigned && !layout.fields[index].type.name.equals("long")
                && !layout.fields[index].type.name.equals("char")) {
            throw new UnsupportedRecording(layout.type.name + "." + name + " is unsigned");
        }
        return longs[index];
    }

    @Override
    public boolean getBoolean(String name) {
        return longs[required(name, EventLayout.BOOLEAN)] != 0;
    }

    @Override
    public double getDouble(String name) {
        int index = index(name);
        if (index >= 0 && layout.kinds[index] == EventLayout.INTEGER) {
            return longs[index];
        }
        calls--;
        return doubles[required(name, EventLayout.FLOATING)];
    }

    @Override
    public Instant getInstant(String name) {
        int index = required(name, EventLayout.INTEGER);
        String unit = layout.fields[index].timestampUnit;
        if (probing() && !"MILLISECONDS_SINCE_EPOCH".equals(unit) && !"TICKS".equals(unit)) {
            throw new UnsupportedRecording(layout.type.name + "." + name + " has no timestamp unit this parser knows");
        }
        long value = longs[index];
        if (value == Long.MIN_VALUE) {
            return Instant.MIN;
        }
        return unit.equals("TICKS") ? Instant.ofEpochSecond(0, clock.nanos(value)) : Instant.ofEpochMilli(value);
    }

    @Override
    public String text(String name) {
        int index = index(name);
        if (index < 0) {
            return null;
        }
        if (layout.kinds[index] != EventLayout.STRING) {
            throw new UnsupportedRecording(layout.type.name + "." + name + " is not a string written in place");
        }
        if (probing()) {
            return null;
        }
        return recentStrings.text(in, stringFrom[index], stringTo[index], pools);
    }

    /**
     * The strings last read in a chunk with their bytes, in a table by a hash of the bytes' ends: a
     * recording names the same paths, modes and triggers over and over, and comparing bytes is
     * cheaper than decoding them into a new string. One table for all fields, so that the events of
     * a chunk share one string; and a string decoded is the pass's {@link SharedStrings} one.
     */
    private static final class RecentStrings {
        private static final int SLOTS = 256;
        private final byte[][] encoded = new byte[SLOTS][];
        private final String[] texts = new String[SLOTS];
        private final SharedStrings shared;

        RecentStrings(SharedStrings shared) {
            this.shared = shared;
        }

        String text(ChunkBytes in, int from, int to, ChunkPools pools) {
            int slot = in.endsHash(from, to) & (SLOTS - 1);
            if (in.equals(from, to, encoded[slot])) {
                return texts[slot];
            }
            int end = in.position();
            in.position(from);
            String text = shared.share(in.readString(pools));
            in.position(end);
            encoded[slot] = in.copy(from, to);
            texts[slot] = text;
            return text;
        }
    }

    @Override
    public Fact.Stack stack() {
        int index = index("stackTrace");
        if (index < 0) {
            return null;
        }
        Type type = pooled(index, "jdk.types.StackTrace");
        if (probing()) {
            checkStackTrace(type);
            return null;
        }
        long key = longs[index];
        if (key != lastStackKey) {
            lastStack = pools.stack(type, key);
            lastStackKey = key;
        }
        return lastStack;
    }

    @Override
    public long osThreadId(String name) {
        ChunkPools.ThreadInfo thread = thread(name);
        return thread == null ? -1 : thread.osThreadId();
    }

    @Override
    public String threadName(String name) {
        ChunkPools.ThreadInfo thread = thread(name);
        return thread == null ? null : thread.javaName();
    }

    private ChunkPools.ThreadInfo thread(String name) {
        int index = required(name, EventLayout.POOLED);
        Type type = pooled(index, "java.lang.Thread");
        if (probing()) {
            check(type, "osThreadId", "long");
            checkText(type, "javaName");
            Field virtual = type.field("virtual");
            if (virtual != null && (virtual.array || virtual.pooled || !virtual.type.name.equals("boolean"))) {
                throw new UnsupportedRecording("a thread's virtual field is not a boolean");
            }
            return null;
        }
        long key = longs[index];
        if (key != lastThreadKey) {
            lastThread = pools.thread(type, key);
            lastThreadKey = key;
        }
        return lastThread;
    }

    @Override
    public String className(String name) {
        int index = required(name, EventLayout.POOLED);
        Type type = pooled(index, "java.lang.Class");
        if (probing()) {
            checkText(type, "name");
            return null;
        }
        return pools.className(type, longs[index]);
    }

    /** The type of the constants of field {@code index}; the probe checks that it is {@code typeName} (once per metadata, not per event). */
    private Type pooled(int index, String typeName) {
        Field field = layout.fields[index];
        if (probing() && (!field.pooled || field.array || !field.type.name.equals(typeName))) {
            throw new UnsupportedRecording(layout.type.name + "." + field.name + " is not a " + typeName + " constant");
        }
        return field.type;
    }

    private static void checkStackTrace(Type stackTrace) {
        Field frames = stackTrace.field("frames");
        if (frames == null || !frames.array || frames.pooled) {
            throw new UnsupportedRecording("stack traces without an array of frames");
        }
        Type frame = frames.type;
        if (frame.field("javaFrame") != null) {
            throw new UnsupportedRecording("stack frames that tell Java frames from others");
        }
        Field method = frame.field("method");
        if (method == null || !method.pooled || method.array) {
            throw new UnsupportedRecording("stack frames without a method constant");
        }
        Field line = frame.field("lineNumber");
        if (line == null || line.pooled || line.array || !line.type.name.equals("int")) {
            throw new UnsupportedRecording("stack frames without an int line number");
        }
        Field type = method.type.field("type");
        if (type == null || !type.pooled || type.array || !type.type.name.equals("java.lang.Class")) {
            throw new UnsupportedRecording("methods without a class constant");
        }
        checkText(method.type, "name");
        checkText(type.type, "name");
    }

    private static void check(Type type, String fieldName, String fieldType) {
        Field field = type.field(fieldName);
        if (field == null || field.array || field.pooled || !field.type.name.equals(fieldType)) {
            throw new UnsupportedRecording(type.name + "." + fieldName + " is not a " + fieldType);
        }
    }

    /** A field that holds a string, in place or as a constant of a string or of a one-string type (a symbol). */
    private static void checkText(Type type, String fieldName) {
        Field field = type.field(fieldName);
        if (field == null || field.array) {
            throw new UnsupportedRecording(type.name + "." + fieldName + " is not a text");
        }
        Type value = field.type;
        for (int depth = 0; !value.name.equals("java.lang.String"); depth++) {
            if (!field.pooled || !value.simple() || value.fields.get(0).array || depth > 4) {
                throw new UnsupportedRecording(type.name + "." + fieldName + " is not a text");
            }
            field = value.fields.get(0);
            value = field.type;
        }
    }
}
