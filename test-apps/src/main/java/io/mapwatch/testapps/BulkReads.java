package io.mapwatch.testapps;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bulk copies of a fixed size between byte arrays (or a direct buffer) and a buffer: a mapped
 * file, or an ordinary direct buffer for comparison. The access the agent times with {@code access=on}.
 *
 * <pre>
 * BulkReads [--buffer mapped|direct] [--file PATH] [--size 64m] [--position 0] [--slice 0]
 *           [--op get|put|get-buffer|put-buffer] [--copy 4k]
 *           [--at INDEX,INDEX,...] [--copies N] [--warmup 2] [--seconds 5] [--hot] [--hold 0] [--ready-file PATH]
 * </pre>
 * The buffer covers {@code --size} bytes of the file from {@code --position}, sliced at
 * {@code --slice}; put operations map it READ_WRITE. Operations: {@code get} copies into a byte
 * array, {@code put} from one, {@code get-buffer} into a direct buffer, {@code put-buffer} from one.
 * {@code --hot} first touches every page with single-value reads (which the agent does not time).
 * <ul>
 *   <li>{@code --at}: one copy at each buffer index, printing {@code copy index=I file_offset=F bytes=B};</li>
 *   <li>{@code --copies N}: N copies at random copy-aligned indexes;</li>
 *   <li>otherwise copies for {@code --seconds} after {@code --warmup} seconds, printing {@code ops_per_sec},
 *       {@code ops_per_cpu_sec} (per second of the copying thread's CPU time) and {@code ops_per_sec_p90}
 *       (the 90th percentile over 10 ms slices).</li>
 * </ul>
 * Always prints {@code copies}, {@code major_faults} (of this process during the copies, from
 * /proc/self/stat; -1 where unreadable), {@code checksum} and, for a mapped buffer, {@code path}.
 */
public final class BulkReads {
    private static final int PAGE = 4096;
    private static final long SLICE_NANOS = 10_000_000;

    private static long checksum;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        boolean mapped = args.string("buffer", "mapped").equals("mapped");
        Path file = args.path("file", "mapwatch-bulk-reads.dat");
        long size = args.bytes("size", "64m");
        long position = args.bytes("position", "0");
        int slice = (int) args.bytes("slice", "0");
        String op = args.string("op", "get");
        int length = (int) args.bytes("copy", "4k");

        ByteBuffer whole = mapped ? map(file, position, size, op.startsWith("put")) : filledDirect(size);
        ByteBuffer buffer = whole.slice(slice, whole.capacity() - slice);
        if (args.flag("hot")) {
            Report.result("touched", touch(buffer));
        }
        if (mapped) {
            Report.result("path", file.toAbsolutePath());
        }
        run(args, copier(op, buffer, length), buffer.capacity(), length, position + slice);
        Report.result("checksum", checksum);
        Hold.signalAndHold(args);
        Report.result("capacity", buffer.capacity()); // keeps the mapping reachable while holding
    }

    /** One bulk copy of the workload's fixed size at an index of the buffer or segment. */
    interface CopyAt {
        void copy(int index);
    }

    /**
     * The copies {@code --at}, {@code --copies} or {@code --seconds} ask for, over a region of
     * {@code capacity} bytes whose index 0 lies at {@code fileOffset} in the file; prints
     * {@code copies} and {@code major_faults}.
     */
    static void run(Args args, CopyAt copies, long capacity, int length, long fileOffset) {
        long faultsBefore = majorFaults();
        long count;
        if (args.string("at", null) != null) {
            count = copyAt(copies, args.string("at", null), length, fileOffset);
        } else if (args.string("copies", null) != null) {
            count = Long.parseLong(args.string("copies", null));
            copyRandomly(copies, capacity, length, count);
        } else {
            count = copyFor(copies, capacity, length, args.decimal("warmup", 2), args.decimal("seconds", 5));
        }
        long faultsAfter = majorFaults();
        Report.result("copies", count);
        Report.result("major_faults", faultsBefore < 0 || faultsAfter < 0 ? -1 : faultsAfter - faultsBefore);
    }

    /** The copy {@code --op} names, with its own array and direct buffer, so that copying allocates nothing. */
    private static CopyAt copier(String op, ByteBuffer buffer, int length) {
        byte[] array = new byte[length];
        ByteBuffer direct = ByteBuffer.allocateDirect(length);
        switch (op) {
            case "get":
                return index -> {
                    buffer.get(index, array, 0, length);
                    checksum += array[length - 1];
                };
            case "put":
                return index -> {
                    array[0]++;
                    buffer.put(index, array, 0, length);
                };
            case "get-buffer":
                return index -> {
                    direct.put(0, buffer, index, length);
                    checksum += direct.get(length - 1);
                };
            case "put-buffer":
                return index -> {
                    direct.put(0, (byte) (direct.get(0) + 1));
                    buffer.put(index, direct, 0, length);
                };
            default:
                throw new IllegalArgumentException("--op get|put|get-buffer|put-buffer, not " + op);
        }
    }

    private static ByteBuffer map(Path file, long position, long size, boolean writable) throws IOException {
        DataFiles.ensure(file, Math.max(position + size, Files.exists(file) ? Files.size(file) : 0));
        try (FileChannel channel = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, position, size);
        }
    }

    private static ByteBuffer filledDirect(long size) {
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.toIntExact(size));
        for (int i = 0; i + 8 <= direct.capacity(); i += 8) {
            direct.putLong(i, i * 0x9E3779B97F4A7C15L);
        }
        return direct;
    }

    private static long touch(ByteBuffer buffer) {
        long sum = 0;
        for (int i = 0; i < buffer.capacity(); i += PAGE) {
            sum += buffer.get(i);
        }
        return sum;
    }

    private static long copyAt(CopyAt copies, String indexes, int length, long fileOffset) {
        long count = 0;
        for (String text : indexes.split(",")) {
            int index = (int) Args.parseBytes(text);
            copies.copy(index);
            count++;
            System.out.println("copy index=" + index + " file_offset=" + (fileOffset + index) + " bytes=" + length);
        }
        return count;
    }

    private static void copyRandomly(CopyAt copies, long capacity, int length, long count) {
        SplittableRandom random = new SplittableRandom(42);
        int slots = (int) (capacity / length);
        for (long i = 0; i < count; i++) {
            copies.copy(random.nextInt(slots) * length);
        }
    }

    /**
     * Copies for {@code seconds} after a warm-up. Prints the throughput per second of wall time, per
     * second of this thread's CPU time, and the 90th percentile of the throughput of 10 ms slices:
     * other processes on a shared machine only ever slow a slice down, so the fast slices show
     * the workload's own speed.
     */
    private static long copyFor(CopyAt copies, long capacity, int length, double warmupSeconds, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(42);
        int slots = (int) (capacity / length);
        long startAt = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long endAt = startAt + (long) (seconds * 1e9);
        double[] slices = new double[(int) (seconds * 1e9 / SLICE_NANOS) + 2];
        int sliceCount = 0;
        long counted = 0;
        long sliceCopies = 0;
        long sliceStart = 0;
        long cpuStart = 0;
        long wallStart = 0;
        boolean measuring = false;
        while (true) {
            for (int i = 0; i < 256; i++) {
                copies.copy(random.nextInt(slots) * length);
            }
            long now = System.nanoTime();
            if (measuring) {
                counted += 256;
                sliceCopies += 256;
                if (now - sliceStart >= SLICE_NANOS && sliceCount < slices.length) {
                    slices[sliceCount++] = sliceCopies / ((now - sliceStart) / 1e9);
                    sliceCopies = 0;
                    sliceStart = now;
                }
                if (now >= endAt) {
                    Report.result("ops_per_sec", counted / ((now - wallStart) / 1e9));
                    Report.result("ops_per_cpu_sec", counted / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9));
                    double[] measured = Arrays.copyOf(slices, sliceCount);
                    Arrays.sort(measured);
                    Report.result("ops_per_sec_p90", measured[(int) (0.9 * (measured.length - 1))]);
                    return counted;
                }
            } else if (now >= startAt) {
                measuring = true;
                wallStart = now;
                sliceStart = now;
                cpuStart = threads.getCurrentThreadCpuTime();
            }
        }
    }

    /** This process's major faults so far (field 12 of /proc/self/stat), or -1. */
    private static long majorFaults() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12 - 3]);
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }
}
