package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;

/**
 * A mapping that someone else breaks: maps {@code --file} READ_ONLY, writes {@code --ready-file},
 * and waits for {@code --go-file}. Then it reads the last byte of the mapping, which after another
 * process truncated the file raises SIGBUS, turned by the JVM into an InternalError ("a fault
 * occurred in an unsafe memory access operation"), which it catches and reports.
 *
 * <pre>
 * HazardTarget --file PATH --ready-file PATH --go-file PATH [--size 16m]
 * </pre>
 * Prints {@code access_at_ms} (epoch millis of the access) and {@code error} (the error, or none).
 */
public final class HazardTarget {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        DataFile data = DataFile.of(args, "mapwatch-hazard.dat", "16m");
        MappedByteBuffer buffer = MapScenario.mapOne(data.path(), "READ_ONLY", 0, data.size());
        Report.result("first_byte", buffer.get(0));
        Hold.signalReady(args.path("ready-file", "hazard.ready"));
        Hold.awaitFile(args.path("go-file", "hazard.go"));
        Report.result("access_at_ms", System.currentTimeMillis());
        String error = "none";
        try {
            Report.result("last_byte", buffer.get((int) data.size() - 1));
        } catch (InternalError e) {
            error = e.toString();
        }
        Report.result("error", error);
    }
}
