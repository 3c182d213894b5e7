package io.mapwatch.testapps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bulk copies of a fixed size out of or into a file mapped as a MemorySegment, through each of the
 * static {@code MemorySegment.copy} methods. Built and run on JDK 22+ only.
 *
 * <pre>
 * SegmentCopies --op OP [--file PATH] [--size 64m] [--position 0] [--copy 4k]
 *               [--at INDEX,INDEX,...] [--copies N] [--warmup 2] [--seconds 5]
 * </pre>
 * {@code OP}: {@code to-array} (segment to byte[]), {@code to-long-array} (to long[], 8-byte
 * elements), {@code to-segment} (to a native segment), {@code to-segment-elements} (the same by
 * layout), {@code from-array} (byte[] into the mapping), {@code from-segment}
 * ({@code copyFrom} a native segment). Prints what {@link BulkReads} prints.
 */
public final class SegmentCopies {
    private static long checksum;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-segment-copies.dat");
        long size = args.bytes("size", "64m");
        long position = args.bytes("position", "0");
        String op = args.string("op", "to-array");
        int length = (int) args.bytes("copy", "4k");
        boolean writes = op.startsWith("from");
        DataFiles.ensure(file, position + size);

        try (Arena arena = Arena.ofConfined();
             FileChannel channel = writes
                     ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                     : FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapped = channel.map(writes ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY,
                    position, size, arena);
            Report.result("path", file.toAbsolutePath());
            BulkReads.run(args, copier(op, mapped, length, arena), size, length, position);
        }
        Report.result("checksum", checksum);
    }

    private static BulkReads.CopyAt copier(String op, MemorySegment mapped, int length, Arena arena) {
        byte[] bytes = new byte[length];
        long[] longs = new long[length / Long.BYTES];
        MemorySegment nativeSegment = arena.allocate(length);
        return switch (op) {
            case "to-array" -> index -> {
                MemorySegment.copy(mapped, ValueLayout.JAVA_BYTE, index, bytes, 0, length);
                checksum += bytes[length - 1];
            };
            case "to-long-array" -> index -> {
                MemorySegment.copy(mapped, ValueLayout.JAVA_LONG_UNALIGNED, index, longs, 0, longs.length);
                checksum += longs[longs.length - 1];
            };
            case "to-segment" -> index -> {
                MemorySegment.copy(mapped, index, nativeSegment, 0, length);
                checksum += nativeSegment.get(ValueLayout.JAVA_BYTE, length - 1);
            };
            case "to-segment-elements" -> index -> {
                MemorySegment.copy(mapped, ValueLayout.JAVA_BYTE, index, nativeSegment, ValueLayout.JAVA_BYTE, 0, length);
                checksum += nativeSegment.get(ValueLayout.JAVA_BYTE, length - 1);
            };
            case "from-array" -> index -> {
                bytes[0]++;
                MemorySegment.copy(bytes, 0, mapped, ValueLayout.JAVA_BYTE, index, length);
            };
            case "from-segment" -> index -> {
                nativeSegment.set(ValueLayout.JAVA_BYTE, 0, (byte) index);
                mapped.asSlice(index, length).copyFrom(nativeSegment);
            };
            default -> throw new IllegalArgumentException("unknown --op " + op);
        };
    }
}
