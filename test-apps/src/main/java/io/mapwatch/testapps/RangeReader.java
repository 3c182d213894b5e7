package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * One thread that reads only pages in one range of a file mapped whole, and says how many major
 * faults it took doing so, as the kernel counts them for it ({@code /proc/thread-self/stat}, read
 * by the thread itself before and after).
 *
 * <pre>
 * RangeReader --file PATH --from 128m --to 256m [--reads 3000] [--thread range-reader]
 *             [--start-file PATH] [--hold 0] [--ready-file PATH] [--restricted-call]
 * </pre>
 * The file must exist (at most 1 GiB). The thread starts at once and prints {@code reader_tid};
 * with {@code --start-file} it waits for that file before reading. Then it reads one long from
 * {@code --reads} random pages of [from, to), prints {@code reader_major_faults} (with
 * {@code reader_major_before} and {@code reader_major_after}) and stays alive while the workload
 * holds, so that per-thread counters read from outside see all of its faults. {@code --restricted-call} first
 * makes the kind of call the JDK restricts ({@code System.loadLibrary} of a library that does not
 * exist): JDK 24+ warns about it on stderr, as it does for any application.
 */
public final class RangeReader {
    private static final int PAGE = 4096;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-range.dat");
        long from = args.bytes("from", "0");
        long to = args.bytes("to", "1m");
        int reads = args.integer("reads", 3000);
        Path start = args.path("start-file", null);
        if (args.flag("restricted-call")) {
            restrictedCall();
        }
        MappedByteBuffer mapping;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        Report.result("mapped_bytes", (long) mapping.capacity());
        long[] sum = new long[1];
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                Report.result("reader_tid", threadId());
                System.out.flush();
                if (start != null) {
                    Hold.awaitFile(start);
                }
                long before = majorFaults();
                SplittableRandom random = new SplittableRandom(42);
                long pages = (to - from) / PAGE;
                for (int i = 0; i < reads; i++) {
                    sum[0] += mapping.getLong((int) (from + random.nextLong(pages) * PAGE));
                }
                long after = majorFaults();
                Report.result("reader_major_before", before);
                Report.result("reader_major_after", after);
                Report.result("reader_major_faults", after - before);
                done.countDown();
                released.await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, args.string("thread", "range-reader"));
        reader.start();
        done.await();
        Report.result("checksum", sum[0]);
        Hold.signalAndHold(args);
        released.countDown();
        reader.join();
        Report.result("mapped_until_exit", (long) mapping.capacity()); // keeps the mapping reachable while holding
    }

    /** This thread's id as the kernel knows it: {@code /proc/thread-self} links to {@code PID/task/TID}. */
    private static long threadId() throws IOException {
        return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString());
    }

    /** This thread's major faults: majflt, the tenth field after the command name of its stat. */
    private static long majorFaults() throws IOException {
        String stat = Files.readString(Paths.get("/proc/thread-self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[9]);
    }

    private static void restrictedCall() {
        try {
            System.loadLibrary("mapwatch-no-such-library");
        } catch (UnsatisfiedLinkError expected) {
            Report.result("restricted_call", "made");
        }
    }
}
