package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FileMappings;
import io.mapwatch.cli.live.IntervalEvents;
import io.mapwatch.cli.live.ProcessSample;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.TextRenderer;
import io.mapwatch.cli.render.Units;
import io.mapwatch.kernel.procfs.TaskStat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One interval of {@code top}: the process's file mappings by resident bytes now (smaps), then the
 * files that had events in the interval but are not mapped now (unmapped meanwhile), its
 * faults in the interval (its {@code /proc} counters), and what the agent's events said in it:
 * stalls, exact faults and maps by file, hazards, memory pressure.
 */
public final class TopView {
    /** Threads text shows; JSON has every thread that faulted or stalled. */
    private static final int TEXT_THREADS = 5;

    private TopView() {
    }

    /** A file's mappings now and its events in the interval. */
    private record TopFile(FileMappings.File mappings, IntervalEvents.FileActivity events) {
    }

    /** A thread's faults and stalls in the interval; faults -1 for a thread that ended meanwhile. */
    private record TopThread(String name, long osThreadId, long majorFaults, long minorFaults, long stalls, long stallNanos) {
    }

    /**
     * @param process   the process's name
     * @param every     the interval asked for; the sample says how long it was
     * @param maxMapCount {@code vm.max_map_count}, -1 if unknown
     * @param fileRows  how many files text shows (JSON shows all)
     */
    public static Document of(long pid, String process, Duration every, ProcessSample before,
                              ProcessSample now, IntervalEvents.Interval events, long maxMapCount, int fileRows) {
        Duration interval = Duration.ofNanos(now.nanoTime() - before.nanoTime());
        Instant time = now.time();
        List<FileMappings.File> mapped = now.files().files();
        List<TopFile> files = new ArrayList<>(mapped.stream().map(f -> new TopFile(f, events.file(f.path))).toList());
        Set<String> mappedNow = new HashSet<>(mapped.stream().map(f -> f.path).toList());
        events.files().keySet().stream().filter(path -> path != null && !mappedNow.contains(path)).sorted()
                .forEach(path -> files.add(new TopFile(FileMappings.File.unmapped(path), events.file(path))));
        List<TopThread> threads = threads(before, now, events);
        long majorFaults = now.process().majorFaults() - before.process().majorFaults();
        long minorFaults = now.process().minorFaults() - before.process().minorFaults();
        long stalls = events.stallSampler() ? events.stalls().values().stream().mapToLong(IntervalEvents.ThreadStalls::stalls).sum() : -1;
        long stallNanos = events.stallSampler() ? events.stalls().values().stream().mapToLong(IntervalEvents.ThreadStalls::nanos).sum() : -1;
        long mappedBytes = mapped.stream().mapToLong(f -> f.size).sum();
        long residentBytes = mapped.stream().mapToLong(f -> f.rss).sum();
        double mapShare = maxMapCount > 0 ? (double) now.mapCount() / maxMapCount : -1;
        Fact.MemoryPressure pressure = events.pressure();

        Document document = new Document();
        document.add(new Note(String.join("\n",
                "mapwatch top: process " + pid + " (" + process + "), " + TextRenderer.format(Kind.TIME, time) + ", every "
                        + Units.duration(every),
                "Mappings " + now.mapCount() + " of vm.max_map_count " + TextRenderer.format(Kind.COUNT, maxMapCount) + " ("
                        + TextRenderer.format(Kind.SHARE, mapShare) + "); files mapped " + TextRenderer.format(Kind.BYTES, mappedBytes)
                        + ", resident " + TextRenderer.format(Kind.BYTES, residentBytes),
                "In the interval: " + majorFaults + " major and " + minorFaults + " minor page faults; stalled "
                        + TextRenderer.format(Kind.NANOS, stallNanos) + " in " + TextRenderer.format(Kind.COUNT, stalls) + " stalls",
                "Memory pressure: " + pressureLine(pressure, events.refaults())), Section.Audience.TEXT));
        document.add(new Fields("sample", "Sample")
                .add("time", "Time", Kind.TIME, time)
                .add("intervalSeconds", "Interval", Kind.SECONDS, interval.toNanos() / 1e9)
                .add("pid", "PID", Kind.COUNT, pid)
                .add("mapCount", "Mappings", Kind.COUNT, now.mapCount())
                .add("maxMapCount", "vm.max_map_count", Kind.COUNT, maxMapCount)
                .add("mapCountShare", "Share of the limit", Kind.SHARE, mapShare)
                .add("files", "Mapped files", Kind.COUNT, (long) mapped.size())
                .add("mappedBytes", "Files mapped", Kind.BYTES, mappedBytes)
                .add("rssBytes", "Files resident", Kind.BYTES, residentBytes)
                .add("majorFaults", "Major faults", Kind.COUNT, majorFaults)
                .add("minorFaults", "Minor faults", Kind.COUNT, minorFaults)
                .add("stalls", "Stalls", Kind.COUNT, stalls)
                .add("stallMillis", "Stall time", Kind.MILLIS, stallNanos < 0 ? -1 : stallNanos / 1_000_000)
                .only(Section.Audience.DATA));
        document.add(new Fields("pressure", "Memory pressure")
                .add("psiSomeAvg10", "PSI some (10 s)", Kind.SHARE, pressure == null ? -1 : pressure.psiSomeAvg10())
                .add("psiFullAvg10", "PSI full (10 s)", Kind.SHARE, pressure == null ? -1 : pressure.psiFullAvg10())
                .add("cgroupLimitBytes", "cgroup limit", Kind.BYTES, pressure == null ? -1 : pressure.cgroupLimit())
                .add("cgroupUsageBytes", "cgroup usage", Kind.BYTES, pressure == null ? -1 : pressure.cgroupUsage())
                .add("cgroupFileBytes", "cgroup page cache", Kind.BYTES, pressure == null ? -1 : pressure.cgroupFile())
                .add("cgroupRefaults", "cgroup refaults", Kind.COUNT, events.refaults())
                .add("pageCacheBytes", "Page cache", Kind.BYTES, pressure == null ? -1 : pressure.cached())
                .only(Section.Audience.DATA));
        Columns<TopFile> columns = fileColumns();
        document.add(columns.table("files", "", files).only(Section.Audience.DATA));
        document.add(columns.table("files", "Files by resident bytes" + (files.size() > fileRows
                        ? " (the " + fileRows + " largest of " + files.size() + ")" : ""),
                files.subList(0, Math.min(fileRows, files.size())))
                .only(Section.Audience.TEXT).whenEmpty("the process maps no file"));
        Columns<TopThread> threadColumns = threadColumns();
        document.add(threadColumns.table("threads", "", threads).only(Section.Audience.DATA));
        document.add(threadColumns.table("threads", "Threads that faulted or stalled", threads.subList(0,
                Math.min(TEXT_THREADS, threads.size()))).only(Section.Audience.TEXT).whenEmpty(null));
        document.add(new Columns<Fact.MappingHazard>()
                .add("kind", "HAZARD", Kind.TEXT, Fact.MappingHazard::kind)
                .add("path", "FILE", Kind.TEXT, Fact.MappingHazard::path)
                .add("detail", "DETAIL", Kind.TEXT, Fact.MappingHazard::detail)
                .table("hazards", "Hazards", events.hazards()).whenEmpty(null));
        return document;
    }

    private static Columns<TopFile> fileColumns() {
        return MapsView.residentColumns().<TopFile>on(TopFile::mappings)
                .add("majorFaults", "MAJ FAULTS", Kind.COUNT, f -> f.events().majorFaults)
                .add("stallMillis", "STALL", Kind.MILLIS, f -> f.events().stallNanos < 0 ? -1 : f.events().stallNanos / 1_000_000)
                .add("maps", "MAPPED", Kind.COUNT, f -> f.events().maps)
                .add("unmaps", "UNMAPPED", Kind.COUNT, f -> f.events().unmaps)
                .addAll(MapsView.detailColumns().dataOnly().on(TopFile::mappings));
    }

    private static Columns<TopThread> threadColumns() {
        return new Columns<TopThread>()
                .add("thread", "THREAD", Kind.TEXT, TopThread::name)
                .add("osThreadId", "TID", Kind.COUNT, TopThread::osThreadId)
                .add("majorFaults", "MAJ FAULTS", Kind.COUNT, TopThread::majorFaults)
                .add("minorFaults", "MIN FAULTS", Kind.COUNT, TopThread::minorFaults)
                .add("stalls", "STALLS", Kind.COUNT, TopThread::stalls)
                .add("stallMillis", "STALL", Kind.MILLIS, t -> t.stallNanos() < 0 ? -1 : t.stallNanos() / 1_000_000);
    }

    /**
     * The threads that took faults or stalled in the interval, the longest stalled first, then the
     * most major faults; a thread born in the interval counts all its faults.
     */
    private static List<TopThread> threads(ProcessSample before, ProcessSample now, IntervalEvents.Interval events) {
        List<TopThread> threads = new ArrayList<>();
        Set<Long> ids = new HashSet<>(now.threads().keySet());
        ids.addAll(events.stalls().keySet());
        for (long id : ids) {
            TaskStat then = before.threads().get(id);
            TaskStat current = now.threads().get(id);
            IntervalEvents.ThreadStalls stalls = events.stalls().get(id);
            long major = current == null ? -1 : current.majorFaults() - (then == null ? 0 : then.majorFaults());
            long minor = current == null ? -1 : current.minorFaults() - (then == null ? 0 : then.minorFaults());
            if (major <= 0 && stalls == null) {
                continue;
            }
            String name = stalls != null && stalls.name() != null ? stalls.name() : current.comm();
            threads.add(new TopThread(name, id, major, minor,
                    stalls != null ? stalls.stalls() : events.stallSampler() ? 0 : -1,
                    stalls != null ? stalls.nanos() : events.stallSampler() ? 0 : -1));
        }
        threads.sort(Comparator.comparingLong(TopThread::stallNanos).thenComparingLong(TopThread::majorFaults).reversed());
        return threads;
    }

    private static String pressureLine(Fact.MemoryPressure pressure, long refaults) {
        if (pressure == null) {
            return "not measured yet";
        }
        return "PSI some " + TextRenderer.format(Kind.SHARE, pressure.psiSomeAvg10()) + ", full "
                + TextRenderer.format(Kind.SHARE, pressure.psiFullAvg10()) + " (last 10 s); cgroup "
                + TextRenderer.format(Kind.BYTES, pressure.cgroupUsage()) + " of "
                + (pressure.cgroupLimit() < 0 ? "no limit" : TextRenderer.format(Kind.BYTES, pressure.cgroupLimit()))
                + ", page cache " + TextRenderer.format(Kind.BYTES, pressure.cached()) + ", "
                + TextRenderer.format(Kind.COUNT, refaults) + " refaults";
    }
}
