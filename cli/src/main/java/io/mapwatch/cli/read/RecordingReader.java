package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;
import io.mapwatch.events.MapwatchEvents;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One streaming, time-ordered pass over a recording that turns mapwatch events into small
 * immutable records. Memory stays bounded by what the consumer keeps.
 */
public final class RecordingReader {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private RecordingReader() {
    }

    /**
     * Reads {@code file}, handing every lifecycle record to {@code sink} in time order.
     *
     * @throws CliException (exit 3) when the file cannot be used at all
     */
    public static RecordingInfo read(Path file, Consumer<LifecycleRecord> sink, PrintWriter warnings) {
        checkReadable(file);
        Instant[] span = new Instant[2];
        long[] counts = new long[2];
        boolean cutShort = false;
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(true);
            stream.onEvent(event -> {
                counts[0]++;
                Instant start = event.getStartTime();
                Instant end = event.getEndTime();
                if (span[0] == null || start.isBefore(span[0])) {
                    span[0] = start;
                }
                if (span[1] == null || end.isAfter(span[1])) {
                    span[1] = end;
                }
                String name = event.getEventType().getName();
                if (name.startsWith(MapwatchEvents.PREFIX)) {
                    counts[1]++;
                    LifecycleRecord record = toRecord(name, event);
                    if (record != null) {
                        sink.accept(record);
                    }
                }
            });
            stream.start();
        } catch (IOException | RuntimeException e) {
            if (counts[0] == 0) {
                throw CliException.badInput(file + " is not a readable JFR recording (" + e.getMessage() + ")");
            }
            cutShort = true;
            warnings.println("mapwatch: " + file + " was cut short; using the " + counts[0] + " events before the damage");
            warnings.flush();
        }
        return new RecordingInfo(file, span[0], span[1], counts[0], counts[1], cutShort);
    }

    static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw CliException.badInput(file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw CliException.badInput(file + " is a directory, not a recording");
        }
        if (!Files.isReadable(file)) {
            throw CliException.badInput(file + " cannot be read (permission denied)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            for (int i = 0; i < MAGIC.length; i++) {
                if (head.length < MAGIC.length || head[i] != MAGIC[i]) {
                    throw CliException.badInput(file + " is not a JFR recording");
                }
            }
        } catch (IOException e) {
            throw CliException.badInput(file + " cannot be read: " + e.getMessage());
        }
    }

    private static LifecycleRecord toRecord(String name, RecordedEvent e) {
        switch (name) {
            case MapwatchEvents.MAP:
                return new LifecycleRecord.Map(e.getStartTime(), e.getDuration().toNanos(), e.getString("path"),
                        e.getString("mode"), e.getLong("position"), e.getLong("size"), e.getLong("mappedSize"),
                        e.getLong("address"), e.getLong("fileSize"), e.getBoolean("fileExtended"), e.getString("api"),
                        topApplicationFrame(e.getStackTrace()));
            case MapwatchEvents.UNMAP:
                return new LifecycleRecord.Unmap(e.getStartTime(), e.getDuration().toNanos(), e.getString("path"),
                        e.getLong("address"), e.getLong("mappedSize"), e.getDuration("lifetime").toNanos(),
                        e.getString("trigger"));
            case MapwatchEvents.FORCE:
                return new LifecycleRecord.Force(e.getStartTime(), e.getDuration().toNanos(), e.getString("path"),
                        e.getLong("offset"), e.getLong("length"));
            case MapwatchEvents.LOAD:
                return new LifecycleRecord.Load(e.getStartTime(), e.getDuration().toNanos(), e.getString("path"),
                        e.getLong("offset"), e.getLong("length"));
            default:
                return null;
        }
    }

    /** The first frame that belongs to neither the JDK nor mapwatch: the code that asked. */
    public static String topApplicationFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (isInfrastructure(type)) {
                continue;
            }
            return type + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
        }
        return null;
    }

    public static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("sun.") || className.startsWith("jdk.")
                || className.startsWith("io.mapwatch.agent.");
    }
}
