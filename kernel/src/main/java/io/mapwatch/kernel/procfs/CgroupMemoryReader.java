package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the memory files of one cgroup, v1 or v2, into a {@link CgroupMemory}; also holds the pure parsers of
 * the single-number files. Reuses one buffer, so one thread at a time. The files stay open between reads, so
 * that reading one again is one system call: a sampler reads them every second.
 */
public final class CgroupMemoryReader {
    /** v1 reports "no limit" as the largest page-aligned long (9223372036854771712); anything this large is none. */
    private static final long V1_UNLIMITED = 1L << 62;

    private final CgroupLocation location;
    private final ProcText text = new ProcText();
    private final Map<Path, RandomAccessFile> open = new HashMap<>();

    /** A reader of the cgroup found by {@link CgroupLocation#read} or {@link CgroupLocation#locate}. */
    public CgroupMemoryReader(CgroupLocation location) {
        this.location = location;
    }

    /** The cgroup's figures now; a file that is missing or unreadable gives -1 (or {@link PressureStallInfo#UNKNOWN}). */
    public CgroupMemory read() {
        Path dir = location.directory();
        if (location.version() == 1) {
            long limit = read(dir.resolve("memory.limit_in_bytes")) ? parseV1Limit(text) : -1;
            long usage = read(dir.resolve("memory.usage_in_bytes")) ? parseBytes(text) : -1;
            CgroupMemoryStat stat = CgroupMemoryStat.parseV1(read(dir.resolve("memory.stat")) ? text : "");
            return new CgroupMemory(1, limit, usage, stat, PressureStallInfo.UNKNOWN);
        }
        long limit = read(dir.resolve("memory.max")) ? parseV2Max(text) : -1;
        long usage = read(dir.resolve("memory.current")) ? parseBytes(text) : -1;
        CgroupMemoryStat stat = CgroupMemoryStat.parseV2(read(dir.resolve("memory.stat")) ? text : "");
        PressureStallInfo pressure = read(dir.resolve("memory.pressure"))
                ? PressureStallInfo.parse(text) : PressureStallInfo.UNKNOWN;
        return new CgroupMemory(2, limit, usage, stat, pressure);
    }

    /** A v1 {@code memory.limit_in_bytes} text in bytes; -1 when it means unlimited or is not a number. */
    public static long parseV1Limit(CharSequence text) {
        long limit = parseBytes(text);
        return limit >= V1_UNLIMITED ? -1 : limit;
    }

    /** A v2 {@code memory.max} text in bytes; -1 for {@code max} (unlimited) or when it is not a number. */
    public static long parseV2Max(CharSequence text) {
        return parseBytes(text);
    }

    /** A text holding one number of bytes ({@code memory.usage_in_bytes}, {@code memory.current}); -1 if not. */
    public static long parseBytes(CharSequence text) {
        ProcText proc = ProcText.of(text);
        byte[] b = proc.bytes();
        int to = AsciiScan.firstLineEnd(proc);
        int from = AsciiScan.skipBlanks(b, 0, to);
        long value = AsciiScan.decimal(b, from, AsciiScan.fieldEnd(b, from, to));
        return value < 0 ? -1 : value;
    }

    /** Reads {@code file} into the buffer; a file that cannot be read now is opened afresh next time. */
    private boolean read(Path file) {
        RandomAccessFile in = open.get(file);
        try {
            if (in == null) {
                in = new RandomAccessFile(file.toFile(), "r");
                open.put(file, in);
            }
            text.readRecord(in); // each of these files is printed whole by one call in the kernel
            return true;
        } catch (IOException | RuntimeException unreadable) {
            close(open.remove(file));
            return false;
        }
    }

    private static void close(RandomAccessFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // a cgroup file holds nothing to lose
            }
        }
    }
}
