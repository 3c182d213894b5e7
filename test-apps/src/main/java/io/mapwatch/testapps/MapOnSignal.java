package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-running JVM for attach and JMX tests: each time the file {@code --trigger} appears it
 * maps {@code --maps} files READ_ONLY, unmaps them with invokeCleaner, prints
 * {@code round=N mapped=K} and deletes the trigger; it exits when {@code --stop} appears.
 * {@code --load} calls {@code load()} on each mapping (every page resident, a known burst of page
 * faults); {@code --keep} keeps the mappings live instead of unmapping them.
 *
 * <pre>
 * MapOnSignal --dir DIR --trigger FILE --stop FILE [--maps 5] [--size 8k] [--load] [--keep]
 * </pre>
 */
public final class MapOnSignal {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = args.path("dir", ".");
        Path trigger = args.path("trigger", "map.trigger");
        Path stop = args.path("stop", "map.stop");
        int maps = args.integer("maps", 5);
        long size = args.bytes("size", "8k");
        boolean load = args.flag("load");
        boolean keep = args.flag("keep");
        List<MappedByteBuffer> kept = new ArrayList<>();
        Files.createDirectories(dir);
        Report.result("pid", ProcessHandle.current().pid());
        int round = 0;
        while (!Files.exists(stop)) {
            if (Files.exists(trigger)) {
                round++;
                for (int i = 0; i < maps; i++) {
                    Path file = dir.resolve("round-" + round + "-" + i + ".dat");
                    DataFiles.ensure(file, size);
                    MappedByteBuffer buffer = MapScenario.mapOne(file, "READ_ONLY", 0, size);
                    buffer.get(0);
                    if (load) {
                        buffer.load();
                    }
                    if (keep) {
                        kept.add(buffer);
                    } else {
                        Unmapping.unmapNow(buffer);
                    }
                }
                System.out.println("round=" + round + " mapped=" + maps);
                System.out.flush();
                Files.delete(trigger);
            }
            Thread.sleep(10);
        }
        Report.result("rounds", round);
        Report.result("kept", kept.size()); // keeps the kept buffers reachable to the end
    }
}
