package io.mapwatch.cli.jmc;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.read.RecordingInfo;
import io.mapwatch.events.MapwatchEvents;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IRange;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The CLI's {@link RecordingAnalysis} of a recording as JMC's parser read it: each event the CLI
 * reads becomes the same {@link Fact} as {@code mapwatch}'s own reader makes of it, so that the
 * CLI's rules judge JMC's items with the CLI's code. JMC's items carry JMC's stack traces: an
 * execution sample's and a failed map's become the {@link Fact.Stack} the CLI's own readers make
 * (the frames where stall time went, the site {@code map-failures} names); the other stacks (a
 * mapping's site, an error's) are left out, and JMC shows them itself.
 */
final class JmcFacts {
    /** The frames of each stack: JMC shares one stack object among the events with that stack. */
    private final Map<IMCStackTrace, Fact.Stack> stacks = new IdentityHashMap<>();
    private final Map<String, Function<JmcEvents.Fields, Fact>> converters = converters();
    /** The last recording analysed, as JMC evaluates all rules on one recording at once. */
    private static WeakReference<IItemCollection> lastItems = new WeakReference<>(null);
    private static RecordingAnalysis lastAnalysis;

    private JmcFacts() {
    }

    /** The names of the event types that become facts: the CLI reader's. */
    static Set<String> eventNames() {
        return new JmcFacts().converters.keySet();
    }

    /** The analysis of {@code items}; the rules of one recording share it. */
    static synchronized RecordingAnalysis analysis(IItemCollection items) {
        if (lastItems.get() != items) {
            lastAnalysis = new JmcFacts().analyse(items);
            lastItems = new WeakReference<>(items);
        }
        return lastAnalysis;
    }

    private RecordingAnalysis analyse(IItemCollection items) {
        List<Fact> facts = new ArrayList<>();
        long[] mapwatchEvents = {0};
        converters.forEach((type, converter) -> JmcEvents.forEach(items, type, event -> {
            facts.add(converter.apply(event));
            if (type.startsWith(MapwatchEvents.PREFIX)) {
                mapwatchEvents[0]++;
            }
        }));
        facts.sort(Comparator.comparingLong(Fact::endNanos));
        IQuantity start = null;
        IQuantity end = null;
        for (IRange<IQuantity> chunk : items.getUnfilteredTimeRanges()) {
            start = start == null || chunk.getStart().compareTo(start) < 0 ? chunk.getStart() : start;
            end = end == null || chunk.getEnd().compareTo(end) > 0 ? chunk.getEnd() : end;
        }
        if (start == null) {
            start = RulesToolkit.getEarliestStartTime(items);
            end = RulesToolkit.getLatestEndTime(items);
        }
        RecordingInfo recording = new RecordingInfo(null, instant(start), instant(end), 1, mapwatchEvents[0], false);
        return RecordingAnalysis.of(recording, facts);
    }

    private static Instant instant(IQuantity time) {
        return time == null ? Instant.EPOCH : Instant.ofEpochSecond(0, time.clampedLongValueIn(UnitLookup.EPOCH_NS));
    }

    /** As the CLI's reader (RecordingReader) converts the events, field by field. */
    private Map<String, Function<JmcEvents.Fields, Fact>> converters() {
        Map<String, Function<JmcEvents.Fields, Fact>> c = new LinkedHashMap<>();
        c.put(MapwatchEvents.MAP, e -> new Fact.Map(start(e), duration(e), e.text("path"),
                e.number("mappedSize"), e.number("address"), e.flag("fileExtended"), null));
        c.put(MapwatchEvents.LIVE_MAPPING, e -> new Fact.LiveMapping(start(e), e.text("path"), e.number("mappedSize"),
                e.number("address"), Instant.ofEpochSecond(0, e.number("mappedAt")), e.text("mappedFrom")));
        c.put(MapwatchEvents.UNMAP, e -> new Fact.Unmap(start(e), duration(e), e.text("path"),
                e.number("address"), e.number("lifetime"), e.text("trigger")));
        c.put(MapwatchEvents.MAP_FAILURE, e -> new Fact.MapFailure(start(e), e.text("path"), e.text("mode"),
                e.number("size"), e.text("message"), e.number("mapCount"), e.number("maxMapCount"), stack(e)));
        c.put(MapwatchEvents.FORCE, e -> new Fact.Force(start(e), duration(e), e.text("path")));
        c.put(MapwatchEvents.LOAD, e -> new Fact.Load(start(e), duration(e), e.text("path")));
        c.put(MapwatchEvents.MAPPED_READ, e -> new Fact.MappedAccess(start(e), duration(e),
                e.osThreadId(JmcEvents.EVENT_THREAD), e.text("path"), e.number("bytesRead"), false));
        c.put(MapwatchEvents.MAPPED_WRITE, e -> new Fact.MappedAccess(start(e), duration(e),
                e.osThreadId(JmcEvents.EVENT_THREAD), e.text("path"), e.number("bytesWritten"), true));
        c.put(MapwatchEvents.MAPPING_RESIDENCY, e -> new Fact.MappingResidency(start(e), e.text("path"),
                e.number("address"), e.number("mappedSize"), e.number("residentBytes"), e.number("pageCacheBytes"),
                new Fact.SmapsFigures(e.number("rss"), e.number("pss"), e.number("sharedClean"),
                        e.number("sharedDirty"), e.number("privateClean"), e.number("privateDirty"),
                        e.number("referenced"), e.number("swap"))));
        c.put(MapwatchEvents.WORKING_SET, e -> new Fact.WorkingSet(start(e), e.text("path"), e.number("address"),
                e.number("mappedSize"), e.number("window"), e.number("referencedBytes"), e.number("residentBytes")));
        c.put(MapwatchEvents.MAPPED_MEMORY, e -> new Fact.MappedMemory(start(e), e.number("trackedCount"),
                e.number("trackedBytes"), e.number("trackedResidentBytes"), e.number("untrackedCount"),
                e.number("untrackedBytes"), e.number("mapCount"), e.number("maxMapCount"), e.number("rssFile"),
                e.number("rssAnon")));
        c.put(MapwatchEvents.UNTRACKED_MAPPING, e -> new Fact.UntrackedMapping(start(e), e.text("path"),
                e.number("address"), e.number("size")));
        c.put(MapwatchEvents.PAGE_FAULTS, e -> new Fact.PageFaults(start(e), e.number("minorFaults"),
                e.number("majorFaults")));
        c.put(MapwatchEvents.THREAD_PAGE_FAULTS, e -> new Fact.ThreadPageFaults(start(e), e.number("osThreadId"),
                e.text("threadName"), e.number("minorFaults"), e.number("majorFaults")));
        c.put(MapwatchEvents.PAGE_FAULT_STALL, e -> new Fact.PageFaultStall(start(e), duration(e),
                e.has("blockedTime") ? e.number("blockedTime") : duration(e), e.number("osThreadId"),
                e.text("threadName"), e.number("samples"), e.number("majorFaults")));
        c.put(MapwatchEvents.FAULT_RANGE, e -> new Fact.FaultRange(start(e), duration(e), e.text("path"),
                e.flag("tracked"), e.number("osThreadId"), e.text("threadName"), e.number("offset"),
                e.number("length"), e.number("majorFaults"), e.number("stallTime"), e.number("interval")));
        c.put(MapwatchEvents.MEMORY_PRESSURE, e -> new Fact.MemoryPressure(start(e), e.decimal("psiSomeAvg10"),
                e.decimal("psiFullAvg10"), e.number("cgroupLimit"), e.number("cgroupUsage"), e.number("cgroupFile"),
                e.number("cgroupRefaults"), e.number("cached")));
        c.put(MapwatchEvents.MAPPING_HAZARD, e -> new Fact.MappingHazard(start(e), e.text("kind"), e.text("path"),
                e.number("address"), e.number("mappedSize"), e.number("fileSize"), e.text("detail")));
        c.put(MapwatchEvents.AGENT_STATUS, e -> new Fact.AgentStatus(start(e), e.text("version")));
        c.put(MapwatchEvents.SOURCE_STATUS, e -> new Fact.SourceStatus(start(e), e.text("source"), e.text("state"),
                e.text("reason")));
        // JMC calls the sampled thread (JFR's sampledThread) the event's thread.
        c.put(JmcEvents.EXECUTION_SAMPLE, e -> new Fact.ExecutionSample(start(e), e.osThreadId(JmcEvents.EVENT_THREAD),
                e.value(JmcEvents.EVENT_THREAD) instanceof IMCThread thread ? thread.getThreadName() : null, stack(e)));
        c.put(JmcEvents.FILE_READ, e -> new Fact.FileRead(start(e), duration(e), e.text("path"),
                e.number("bytesRead")));
        c.put(JmcEvents.ERROR_THROW, e -> new Fact.ErrorThrown(start(e), e.osThreadId(JmcEvents.EVENT_THREAD),
                e.value("thrownClass") instanceof IMCType type ? type.getFullName() : null, e.text("message"), null));
        c.put(JmcEvents.JVM_INFORMATION, e -> new Fact.JvmIdentity(start(e), e.number("pid"),
                Instant.ofEpochSecond(0, e.number("jvmStartTime"))));
        return c;
    }

    /**
     * The event's stack as the CLI writes a frame ({@code type.method:line}), one a line, top first;
     * null without one. One string per stack, as the CLI's analysis caches what it made of it by that object.
     */
    private Fact.Stack stack(JmcEvents.Fields event) {
        return event.value("stackTrace") instanceof IMCStackTrace stack ? stacks.computeIfAbsent(stack, JmcFacts::frames) : null;
    }

    /** JMC's frames as the CLI's readers give them: class with dots, method, line (below 1 when unknown). */
    private static Fact.Stack frames(IMCStackTrace stack) {
        List<Fact.Frame> frames = new ArrayList<>();
        for (IMCFrame frame : stack.getFrames()) {
            Integer line = frame.getFrameLineNumber();
            frames.add(new Fact.Frame(frame.getMethod().getType().getFullName(), frame.getMethod().getMethodName(),
                    line == null ? 0 : line));
        }
        return new Fact.Stack(frames);
    }

    private static long start(JmcEvents.Fields event) {
        return event.number("startTime");
    }

    private static long duration(JmcEvents.Fields event) {
        return Math.max(0, event.number("duration"));
    }
}
