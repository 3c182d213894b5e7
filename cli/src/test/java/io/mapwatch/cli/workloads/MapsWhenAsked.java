package io.mapwatch.cli.workloads;

import io.mapwatch.testapps.DataFiles;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM to record from outside: maps {@code DIR/before.dat} at start, then maps
 * {@code DIR/after-N.dat} each time the file {@code DIR/ask} appears (and deletes it when done),
 * keeping every mapping live, until it is ended. Prints {@code before=PATH} once and
 * {@code after=PATH} per request.
 * <pre>MapsWhenAsked DIR</pre>
 */
public final class MapsWhenAsked {
    private static final long SIZE = 64 * 1024;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path ask = dir.resolve("ask");
        List<MappedByteBuffer> live = new ArrayList<>();
        live.add(map(dir.resolve("before.dat")));
        System.out.println("before=" + dir.resolve("before.dat"));
        System.out.flush();
        for (int round = 1; ; Thread.sleep(10)) {
            if (Files.exists(ask)) {
                Path file = dir.resolve("after-" + round++ + ".dat");
                live.add(map(file));
                System.out.println("after=" + file);
                System.out.flush();
                Files.delete(ask);
            }
        }
    }

    private static MappedByteBuffer map(Path file) throws Exception {
        DataFiles.ensure(file, SIZE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
        }
    }
}
