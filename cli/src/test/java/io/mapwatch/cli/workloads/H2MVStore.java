package io.mapwatch.cli.workloads;

import io.mapwatch.testapps.Args;
import io.mapwatch.testapps.Hold;
import io.mapwatch.testapps.Report;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * An application that embeds H2's storage engine, MVStore, on H2's memory-mapped file system
 * ({@code nioMapped:}): H2 maps the whole file READ_WRITE and, whenever a write reaches past its
 * end, unmaps it, grows the file and maps it again.
 *
 * <pre>
 * H2MVStore --file PATH.mv.db [--size 32m] [--commits 8] [--hold S] [--ready-file PATH]
 * </pre>
 * Writes {@code --size} bytes of incompressible values in {@code --commits} commits, prints
 * {@code file_size} (the file's length with the store open and idle), then holds the store open
 * (see Hold) and closes it. No background writer: nothing changes the file while it holds.
 */
public final class H2MVStore {
    private static final int VALUE_SIZE = 16 << 10;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-h2.mv.db").toAbsolutePath();
        long size = args.bytes("size", "32m");
        int commits = args.integer("commits", 8);
        MVStore store = new MVStore.Builder().fileName("nioMapped:" + file).autoCommitDisabled().open();
        try {
            MVMap<Integer, byte[]> values = store.openMap("values");
            SplittableRandom random = new SplittableRandom(42);
            int count = (int) (size / VALUE_SIZE);
            for (int key = 0; key < count; key++) {
                byte[] value = new byte[VALUE_SIZE];
                random.nextBytes(value);
                values.put(key, value);
                if ((key + 1) % Math.max(1, count / commits) == 0) {
                    store.commit();
                }
            }
            store.commit();
            Report.result("values", values.size());
            Report.result("path", file);
            Report.result("file_size", Files.size(file));
            Hold.signalAndHold(args);
        } finally {
            store.close();
        }
        Report.result("closed_file_size", Files.size(file));
    }
}
