package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A READ_WRITE writer that appends records into a mapped file and forces them to storage every
 * {@code --force-every} bytes, like a journal.
 *
 * <pre>
 * ForceWriter --file PATH [--size 64m] [--record 256] [--force-every 64k] [--forces N | --seconds 5]
 * </pre>
 * Prints {@code forces}, {@code force_avg_us}, {@code force_max_us}, {@code bytes_written}.
 */
public final class ForceWriter {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-journal.dat");
        long size = args.bytes("size", "64m");
        int record = (int) args.bytes("record", "256");
        long forceEvery = args.bytes("force-every", "64k");
        int maxForces = args.integer("forces", Integer.MAX_VALUE);
        long endAt = System.nanoTime() + (long) (args.decimal("seconds", 5) * 1e9);

        byte[] payload = new byte[record];
        long forces = 0;
        long forceNanos = 0;
        long forceMax = 0;
        long written = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer journal = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            Report.result("pid", ProcessHandle.current().pid());
            int sinceForce = 0;
            int forcedFrom = 0;
            while (forces < maxForces && (maxForces != Integer.MAX_VALUE || System.nanoTime() < endAt)) {
                if (journal.remaining() < record) {
                    journal.position(0);
                    forcedFrom = 0;
                }
                payload[(int) (written % record)]++;
                journal.put(payload);
                written += record;
                sinceForce += record;
                if (sinceForce >= forceEvery) {
                    long start = System.nanoTime();
                    journal.force(forcedFrom, journal.position() - forcedFrom);
                    long took = System.nanoTime() - start;
                    forces++;
                    forceNanos += took;
                    forceMax = Math.max(forceMax, took);
                    forcedFrom = journal.position();
                    sinceForce = 0;
                }
            }
            Unmapping.unmapNow(journal);
        }
        Report.result("forces", forces);
        Report.result("force_avg_us", forces == 0 ? 0 : forceNanos / 1e3 / forces);
        Report.result("force_max_us", forceMax / 1e3);
        Report.result("bytes_written", written);
    }
}
