package io.mapwatch.agent.it;

import io.mapwatch.events.MapwatchEvents;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack trace of every mapwatch event that carries one reads, in {@code jfr print} and in JDK
 * Mission Control, as the user's call into the JDK: the JDK method that mapped, unmapped, forced,
 * loaded or copied on top, then JDK frames down to the application's method, and never a frame of
 * the agent.
 */
class StackTracesIT {
    private static final String APPLICATION = "io.mapwatch.testapps.";
    private static final String SCENARIO_MAIN = "io.mapwatch.testapps.MapScenario.main";

    @Test
    void mapLoadForceCopiesAndUnmapStartAtTheJdkThenTheApplication(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("stacks.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_WRITE:0:1m:1m",
                        "--load", "--force", "--copy", "--unmap")
                .agent("")
                // Unmap stacks are off by default; every copy of a whole 1 MiB mapping is timed.
                .jvmArg(ShippedJfc.startFlightRecording(ShippedJfc.extract(dir), recording, "unmap-stack-trace=true",
                        "mapped-read-threshold=0ms", "mapped-write-threshold=0ms"))
                .run().assertSucceeded();

        Stacks stacks = Stacks.of(recording);
        stacks.assertStartAt(MapwatchEvents.MAP, "sun.nio.ch.FileChannelImpl.mapInternal", "io.mapwatch.testapps.MapScenario.mapOne");
        stacks.assertStartAt(MapwatchEvents.LOAD, "java.nio.MappedMemoryUtils.load", SCENARIO_MAIN);
        stacks.assertStartAt(MapwatchEvents.FORCE, "java.nio.MappedMemoryUtils.force", SCENARIO_MAIN);
        stacks.assertStartAt(MapwatchEvents.MAPPED_READ, "java.nio.ByteBuffer.getArray", SCENARIO_MAIN);
        stacks.assertStartAt(MapwatchEvents.MAPPED_WRITE, "java.nio.ByteBuffer.putArray", SCENARIO_MAIN);
        stacks.assertStartAt(MapwatchEvents.UNMAP, "sun.nio.ch.FileChannelImpl$Unmapper.unmap", "io.mapwatch.testapps.Unmapping.unmapNow");
    }

    @Test
    void mapFailureStartsAtTheJdkThenTheApplication(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("failure.jfr");
        Path sparse = dir.resolve("sparse.dat");
        MapFailureIT.outOfAddressSpace(sparse).agent("record=" + recording).run().assertSucceeded();
        Files.delete(sparse);

        Stacks.of(recording).assertStartAt(MapwatchEvents.MAP_FAILURE,
                "sun.nio.ch.FileChannelImpl.mapInternal", "io.mapwatch.testapps.FailingMap.main");
    }

    /** The stack traces of a recording per mapwatch event type, as jdk.jfr.consumer and JMC read them. */
    private static final class Stacks {
        private final Map<String, List<List<String>>> consumed;
        private final Map<String, List<List<String>>> inJmc;

        private Stacks(Map<String, List<List<String>>> consumed, Map<String, List<List<String>>> inJmc) {
            this.consumed = consumed;
            this.inJmc = inJmc;
        }

        static Stacks of(Path recording) throws Exception {
            Map<String, List<List<String>>> consumed = RecordingFile.readAllEvents(recording).stream()
                    .filter(e -> e.getEventType().getName().startsWith(MapwatchEvents.PREFIX))
                    .collect(Collectors.groupingBy(e -> e.getEventType().getName(),
                            Collectors.mapping(Recordings::frames, Collectors.toList())));
            return new Stacks(consumed, stacksInJmc(recording));
        }

        /**
         * Every {@code eventType} stack, in both readers alike: {@code jdkMethod} on top, only JDK frames
         * down to {@code applicationMethod}, no frame of the agent anywhere.
         */
        void assertStartAt(String eventType, String jdkMethod, String applicationMethod) {
            List<List<String>> fromJdk = consumed.getOrDefault(eventType, List.of());
            assertFalse(fromJdk.isEmpty(), "no " + eventType + " in the recording");
            assertEquals(sorted(fromJdk), sorted(inJmc.getOrDefault(eventType, List.of())),
                    eventType + ": the same stacks in JMC as in jdk.jfr.consumer");
            for (List<String> frames : fromJdk) {
                String where = eventType + ": " + frames;
                assertEquals(jdkMethod, frames.isEmpty() ? null : frames.get(0), where);
                assertEquals(applicationMethod, frames.stream().filter(f -> !Recordings.isJdkFrame(f)).findFirst().orElse(null), where);
                assertTrue(frames.stream().allMatch(f -> Recordings.isJdkFrame(f) || f.startsWith(APPLICATION)),
                        "only JDK and application frames, none of the agent: " + where);
            }
        }
    }

    /** Stack traces per mapwatch event type as JMC's parser reads them, {@code package.Type.method} per frame. */
    private static Map<String, List<List<String>>> stacksInJmc(Path recording) throws Exception {
        Map<String, List<List<String>>> stacks = new TreeMap<>();
        for (IItemIterable iterable : JfrLoaderToolkit.loadEvents(recording.toFile())) {
            String eventType = iterable.getType().getIdentifier();
            if (!eventType.startsWith(MapwatchEvents.PREFIX)) {
                continue;
            }
            IMemberAccessor<IMCStackTrace, IItem> stackTrace = JfrAttributes.EVENT_STACKTRACE.getAccessor(iterable.getType());
            for (IItem item : iterable) {
                IMCStackTrace trace = stackTrace == null ? null : stackTrace.getMember(item);
                List<String> frames = new ArrayList<>();
                if (trace != null) {
                    for (IMCFrame frame : trace.getFrames()) {
                        frames.add(frame.getMethod().getType().getFullName() + "." + frame.getMethod().getMethodName());
                    }
                }
                stacks.computeIfAbsent(eventType, t -> new ArrayList<>()).add(frames);
            }
        }
        return stacks;
    }

    private static List<String> sorted(List<List<String>> stacks) {
        return stacks.stream().map(String::valueOf).sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }
}
