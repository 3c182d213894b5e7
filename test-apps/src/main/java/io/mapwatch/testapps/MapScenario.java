package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps exactly what it is told and says what it did, so a test can compare each mapwatch.Map
 * event with the call that made it.
 *
 * <pre>
 * MapScenario --dir DIR --maps MODE:POSITION:SIZE:FILESIZE[,...] [--force] [--load] [--copy] [--unmap]
 *             [--exit N] [--hold S]
 * </pre>
 * Each map uses its own file {@code DIR/map-I.dat} created with FILESIZE bytes (0: create empty).
 * {@code --copy} copies each whole mapping out into a byte array, and back in when it is writable.
 * Prints one line per map: {@code map=I path=... mode=... position=... size=... file_size=...}.
 * {@code --exit N} ends with {@code System.exit(N)}; {@code --hold S} waits S seconds first, with the
 * mappings live (a test may end it earlier with a signal).
 */
public final class MapScenario {
    /**
     * Static, so that the mappings stay reachable through the JVM's exit too: a GC while the
     * recording is written at exit must not unmap what the scenario says is live.
     */
    private static final List<MappedByteBuffer> LIVE = new ArrayList<>();

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String dirOption = args.string("dir", ".");
        // --dir @jdk.jfr.repository: a folder named by a system property, such as JFR's repository
        Path dir = Path.of(dirOption.startsWith("@") ? System.getProperty(dirOption.substring(1)) : dirOption);
        List<MappedByteBuffer> live = LIVE;
        String[] specs = args.string("maps", "READ_ONLY:0:4096:4096").split(",");
        for (int i = 0; i < specs.length; i++) {
            String[] parts = specs[i].split(":");
            String mode = parts[0];
            long position = Args.parseBytes(parts[1]);
            long size = Args.parseBytes(parts[2]);
            long fileSize = Args.parseBytes(parts[3]);
            Path file = dir.resolve("map-" + i + ".dat");
            if (fileSize > 0) {
                DataFiles.ensure(file, fileSize);
            } else {
                Files.deleteIfExists(file);
                Files.createFile(file);
            }
            MappedByteBuffer buffer = mapOne(file, mode, position, size);
            live.add(buffer);
            System.out.println("map=" + i + " path=" + file.toAbsolutePath() + " mode=" + mode
                    + " position=" + position + " size=" + size + " file_size=" + fileSize
                    + " file_size_after=" + Files.size(file));
            if (args.flag("load")) {
                buffer.load();
            }
            if (args.flag("copy")) {
                byte[] copy = new byte[buffer.capacity()];
                buffer.get(0, copy);
                if (!buffer.isReadOnly()) {
                    buffer.put(0, copy);
                }
            }
            if (args.flag("force") && !mode.equals("READ_ONLY") && !mode.equals("PRIVATE")) {
                buffer.put(0, (byte) 1);
                buffer.force();
            }
        }
        if (args.flag("unmap")) {
            live.forEach(Unmapping::unmapNow);
        }
        Report.result("maps", live.size());
        Hold.signalAndHold(args);
        Report.result("live", live.size());
        if (args.string("exit", null) != null) {
            System.out.flush();
            System.exit(args.integer("exit", 0));
        }
    }

    static MappedByteBuffer mapOne(Path file, String mode, long position, long size) throws IOException {
        FileChannel.MapMode mapMode;
        switch (mode) {
            case "READ_ONLY": mapMode = FileChannel.MapMode.READ_ONLY; break;
            case "READ_WRITE": mapMode = FileChannel.MapMode.READ_WRITE; break;
            case "PRIVATE": mapMode = FileChannel.MapMode.PRIVATE; break;
            default: throw new IllegalArgumentException("mode " + mode);
        }
        boolean writable = mapMode != FileChannel.MapMode.READ_ONLY;
        try (FileChannel channel = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(mapMode, position, size);
        }
    }
}
