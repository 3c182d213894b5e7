package io.mapwatch.testapps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps a file as a MemorySegment in a confined, shared or automatic arena, keeps it for
 * {@code --hold-ms}, then closes the arena (or drops an automatic one and lets the GC free it).
 * Built and run on JDK 22+ only. Prints {@code lifetime_min_ms} and {@code lifetime_max_ms} as
 * the workload's own clock bounds the mapping's life.
 *
 * <pre>
 * SegmentArenas --file PATH --arena confined|shared|auto [--hold-ms 300] [--size 64k]
 * </pre>
 */
public final class SegmentArenas {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        DataFile data = DataFile.of(args, "mapwatch-segment.dat", "64k");
        Path file = data.path();
        String kind = args.string("arena", "confined");
        long holdMillis = args.integer("hold-ms", 300);

        Arena arena = switch (kind) {
            case "confined" -> Arena.ofConfined();
            case "shared" -> Arena.ofShared();
            case "auto" -> Arena.ofAuto();
            default -> throw new IllegalArgumentException("arena " + kind);
        };
        MemorySegment segment;
        long mapCalled = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, data.size(), arena);
        }
        long mappedAt = System.nanoTime();
        Report.result("first_byte", segment.get(ValueLayout.JAVA_BYTE, 0));
        Report.result("address", segment.address());
        Thread.sleep(holdMillis);
        long letGo = System.nanoTime();
        long gone;
        if (kind.equals("auto")) {
            java.lang.ref.WeakReference<MemorySegment> watch = new java.lang.ref.WeakReference<>(segment);
            segment = null;
            arena = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (watch.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            // The Common-Cleaner unmaps shortly after the segment became unreachable.
            while (mappedHere(file) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            gone = System.nanoTime();
        } else {
            arena.close();
            gone = System.nanoTime();
        }
        Report.result("released", !mappedHere(file));
        Report.result("lifetime_min_ms", (letGo - mappedAt) / 1e6);
        Report.result("lifetime_max_ms", (gone - mapCalled) / 1e6); // the agent's lifetime starts inside map()
        Report.result("path", file.toAbsolutePath());
    }

    private static boolean mappedHere(Path file) throws java.io.IOException {
        String path = file.toAbsolutePath().toString();
        try (var lines = java.nio.file.Files.lines(Path.of("/proc/self/maps"))) {
            return lines.anyMatch(l -> l.endsWith(" " + path));
        }
    }
}
