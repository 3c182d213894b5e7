package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload's side of the files it and its test signal each other with, so that a test can
 * look at a workload from outside while its mappings are still live. Public for the workloads of
 * other modules' tests that need a peer library (H2) test-apps must not depend on.
 */
public final class Hold {
    private Hold() {
    }

    /** Tells the test that the workload is ready: writes its pid into {@code file}. */
    public static void signalReady(Path file) throws IOException {
        Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
    }

    /** Waits until the test creates {@code file}. */
    public static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(10);
        }
    }

    /**
     * Writes {@code --ready-file} (if given) and then waits {@code --hold} seconds, or until the
     * ready file is deleted by the test, whichever comes first.
     */
    public static void signalAndHold(Args args) throws IOException, InterruptedException {
        Path ready = args.path("ready-file", null);
        double holdSeconds = args.decimal("hold", 0);
        if (ready != null) {
            signalReady(ready);
        }
        Report.result("holding", true);
        System.out.flush();
        long deadline = System.nanoTime() + (long) (holdSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (ready != null && !Files.exists(ready)) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
