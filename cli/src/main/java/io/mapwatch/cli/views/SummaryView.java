package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FileLifecycle;
import io.mapwatch.cli.analysis.Hazards;
import io.mapwatch.cli.analysis.MappedAccesses;
import io.mapwatch.cli.analysis.Paths;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Residency;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.analysis.Untracked;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code summary}: mappings by file, untracked mappings, totals, hazards, findings. */
public final class SummaryView {
    /** Above this many files, text groups them by directory. */
    public static final int GROUP_ABOVE_FILES = 20;
    /** Untracked files text shows; the rest are in JSON and CSV. */
    public static final int TEXT_UNTRACKED = 12;

    private SummaryView() {
    }

    public static Document of(RecordingAnalysis analysis, List<Finding> findings) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        List<FileLifecycle.Stats> files = analysis.files().files();
        boolean grouped = files.size() > GROUP_ABOVE_FILES;
        Table mappings = document.add(mappings(analysis, files));
        if (grouped) {
            mappings.only(Section.Audience.DATA);
            document.add(directories(analysis));
            document.note(files.size() + " files in " + analysis.files().directories().size()
                    + " directories; --format json or csv lists every file.");
        }
        document.add(forces(files));
        document.add(sharing(analysis, files));
        untracked(document, analysis.untracked().files());
        document.add(totals(analysis));
        document.add(hazards(analysis.hazards().hazards()));
        FindingsView.add(document, findings);
        return document;
    }

    /** The figures of a file or directory, as the mappings and directories tables show them. */
    private static final List<Column> FIGURES = List.of(
            new Column("maps", "MAPS", Kind.COUNT),
            new Column("unmaps", "UNMAPS", Kind.COUNT),
            new Column("peakMappedBytes", "PEAK MAPPED", Kind.BYTES),
            new Column("peakResidentBytes", "PEAK RES", Kind.BYTES),
            new Column("peakPageCacheBytes", "IN CACHE", Kind.BYTES),
            new Column("majorFaults", "MAJ FLT", Kind.COUNT),
            new Column("stallMillis", "STALL", Kind.MILLIS),
            new Column("liveAtEndBytes", "LIVE AT END", Kind.BYTES));

    private static Object[] figures(FileLifecycle.Stats stats, Residency.FileResidency residency, long[] stall) {
        return new Object[]{stats.maps, stats.unmaps, stats.peakMappedBytes, residency.peakResidentBytes,
                residency.peakPageCacheBytes, stall[0], stall[1], stats.liveBytes};
    }

    private static Table mappings(RecordingAnalysis analysis, List<FileLifecycle.Stats> files) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("path", "FILE", Kind.TEXT));
        columns.addAll(FIGURES);
        columns.addAll(List.of(
                Column.dataOnly("cachedShare", Kind.SHARE),
                Column.dataOnly("rssBytes", Kind.BYTES),
                Column.dataOnly("pssBytes", Kind.BYTES),
                Column.dataOnly("sharedCleanBytes", Kind.BYTES),
                Column.dataOnly("sharedDirtyBytes", Kind.BYTES),
                Column.dataOnly("privateCleanBytes", Kind.BYTES),
                Column.dataOnly("privateDirtyBytes", Kind.BYTES),
                Column.dataOnly("swapBytes", Kind.BYTES),
                Column.dataOnly("gcUnmaps", Kind.COUNT),
                Column.dataOnly("extendingMaps", Kind.COUNT),
                Column.dataOnly("forces", Kind.COUNT),
                Column.dataOnly("forceNanos", Kind.NANOS),
                Column.dataOnly("forceMaxNanos", Kind.NANOS),
                Column.dataOnly("loads", Kind.COUNT),
                Column.dataOnly("loadNanos", Kind.NANOS),
                Column.dataOnly("slowReads", Kind.COUNT),
                Column.dataOnly("slowReadNanos", Kind.NANOS)));
        Table table = new Table("mappings", "Mappings by file", columns).whenEmpty("no file was mapped");
        for (FileLifecycle.Stats f : files) {
            Residency.FileResidency r = analysis.residency().file(f.path);
            Fact.Smaps smaps = r.smapsAtPeak;
            long[] stall = stallOf(analysis, analysis.stalls().file(f.path));
            MappedAccesses.Accesses reads = analysis.accesses().of(f.path);
            List<Object> row = new ArrayList<>();
            row.add(f.path);
            row.addAll(List.of(figures(f, r, stall)));
            row.addAll(Arrays.asList(r.averageCachedShare(),
                    smaps == null ? -1 : smaps.rss(), smaps == null ? -1 : smaps.pss(),
                    smaps == null ? -1 : smaps.sharedClean(), smaps == null ? -1 : smaps.sharedDirty(),
                    smaps == null ? -1 : smaps.privateClean(), smaps == null ? -1 : smaps.privateDirty(),
                    smaps == null ? -1 : smaps.swap(), f.gcUnmaps, f.extendingMaps, f.forces, f.forceNanos,
                    f.forces == 0 ? -1 : f.forceMaxNanos, f.loads, f.loadNanos, reads.reads, reads.readNanos));
            table.row(row.toArray());
        }
        return table;
    }

    /** Major faults and stall milliseconds tied to a file: -1 when the stall sampler did not run. */
    private static long[] stallOf(RecordingAnalysis analysis, Stalls.Group group) {
        if (!analysis.stallSamplerRan()) {
            return new long[]{-1, -1};
        }
        return group == null ? new long[]{0, 0} : new long[]{group.majorFaults, group.millis()};
    }

    private static Table directories(RecordingAnalysis analysis) {
        Map<String, Stalls.Group> stallsByDirectory = new HashMap<>();
        for (Stalls.FileStalls f : analysis.stalls().files()) {
            stallsByDirectory.computeIfAbsent(Paths.directoryOf(f.path()), d -> new Stalls.Group()).add(f.stalls());
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("directory", "DIRECTORY", Kind.TEXT));
        columns.add(new Column("files", "FILES", Kind.COUNT));
        columns.addAll(FIGURES);
        Table table = new Table("directories", "Mappings by directory", columns).only(Section.Audience.TEXT);
        for (FileLifecycle.Stats d : analysis.files().directories()) {
            long[] stall = stallOf(analysis, stallsByDirectory.get(d.path));
            Object[] row = new Object[columns.size()];
            row[0] = d.path;
            row[1] = (long) d.files;
            System.arraycopy(figures(d, analysis.residency().directory(d.path), stall), 0, row, 2, FIGURES.size());
            table.row(row);
        }
        return table;
    }

    private static Table forces(List<FileLifecycle.Stats> files) {
        Table table = new Table("forces", "force() by file", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("forces", "FORCES", Kind.COUNT),
                new Column("forceNanos", "TOTAL", Kind.NANOS),
                new Column("averageNanos", "AVERAGE", Kind.NANOS),
                new Column("forceMaxNanos", "LONGEST", Kind.NANOS))).only(Section.Audience.TEXT).whenEmpty(null);
        files.stream().filter(f -> f.forces > 0).forEach(f -> table.row(f.path, f.forces, f.forceNanos,
                f.forceNanos / f.forces, f.forceMaxNanos));
        return table;
    }

    private static Table sharing(RecordingAnalysis analysis, List<FileLifecycle.Stats> files) {
        Table table = new Table("sharing", "Sharing with other processes (smaps, at the pass with the largest Rss;"
                + " Pss below Rss means shared pages)", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("rssBytes", "RSS", Kind.BYTES),
                new Column("pssBytes", "PSS", Kind.BYTES),
                new Column("sharedCleanBytes", "SHR CLEAN", Kind.BYTES),
                new Column("sharedDirtyBytes", "SHR DIRTY", Kind.BYTES),
                new Column("privateCleanBytes", "PRV CLEAN", Kind.BYTES),
                new Column("privateDirtyBytes", "PRV DIRTY", Kind.BYTES),
                new Column("swapBytes", "SWAP", Kind.BYTES))).only(Section.Audience.TEXT).whenEmpty(null);
        for (FileLifecycle.Stats f : files) {
            Fact.Smaps s = analysis.residency().file(f.path).smapsAtPeak;
            if (s != null) {
                table.row(f.path, s.rss(), s.pss(), s.sharedClean(), s.sharedDirty(), s.privateClean(),
                        s.privateDirty(), s.swap());
            }
        }
        return table;
    }

    /** Untracked mappings: all of them in JSON and CSV, the largest in text. */
    private static void untracked(Document document, List<Untracked.File> files) {
        String title = "Untracked file mappings (made without FileChannel.map: JVM, JNI libraries)";
        List<Column> columns = List.of(new Column("path", "FILE", Kind.TEXT), new Column("bytes", "SIZE", Kind.BYTES),
                new Column("mappings", "MAPPINGS", Kind.COUNT));
        Table all = document.add(new Table("untracked", title, columns).whenEmpty("none recorded"));
        files.forEach(f -> all.row(f.path(), f.bytes(), (long) f.mappings()));
        if (files.size() > TEXT_UNTRACKED) {
            all.only(Section.Audience.DATA);
            Table largest = document.add(new Table("untrackedLargest", title, columns).only(Section.Audience.TEXT));
            files.stream().limit(TEXT_UNTRACKED).forEach(f -> largest.row(f.path(), f.bytes(), (long) f.mappings()));
            document.add(new Note("  and " + (files.size() - TEXT_UNTRACKED) + " smaller files (--format json lists"
                    + " them all).", Section.Audience.TEXT));
        }
    }

    static Fields totals(RecordingAnalysis a) {
        Stalls.Group stalls = a.stalls().total();
        boolean sampled = a.stallSamplerRan();
        return new Fields("totals", "Totals")
                .add("peakMappedBytes", "Peak mapped (all files at once)", Kind.BYTES, a.files().peakMappedBytes())
                .add("peakResidentBytes", "Peak resident", Kind.BYTES, a.peakResidentBytes())
                .add("peakPageCacheBytes", "Peak in page cache", Kind.BYTES, a.residency().process().peakPageCacheBytes)
                .add("majorFaults", "Major faults (process)", Kind.COUNT, a.faults().majorFaults())
                .add("minorFaults", "Minor faults (process)", Kind.COUNT, a.faults().minorFaults())
                .add("stallMillis", "Stall time in page faults", Kind.MILLIS, sampled ? stalls.millis() : -1)
                .add("attributedStallMillis", "  of it tied to a file", Kind.MILLIS, sampled ? a.stalls().withFile().millis() : -1)
                .add("maps", "Maps", Kind.COUNT, a.files().maps())
                .add("unmaps", "Unmaps", Kind.COUNT, a.files().unmaps())
                .add("liveAtEndMappings", "Still mapped at the end", Kind.COUNT, a.lifetimes().liveCount())
                .add("liveAtEndBytes", "  bytes", Kind.BYTES, a.lifetimes().liveBytes())
                .add("peakUntrackedBytes", "Peak untracked mapped", Kind.BYTES, a.process().peakUntrackedBytes())
                .add("peakRssFileBytes", "Peak RssFile (process)", Kind.BYTES, a.process().peakRssFile())
                .add("peakRssAnonBytes", "Peak RssAnon (process)", Kind.BYTES, a.process().peakRssAnon())
                .add("peakMapCount", "Peak map count", Kind.COUNT, a.process().peakMapCount())
                .add("maxMapCount", "vm.max_map_count", Kind.COUNT, a.process().maxMapCount());
    }

    static Table hazards(List<Hazards.Hazard> hazards) {
        Table table = new Table("hazards", "Hazards", List.of(
                new Column("kind", "KIND", Kind.TEXT), new Column("path", "FILE", Kind.TEXT),
                new Column("time", "FIRST SEEN", Kind.TIME), new Column("count", "TIMES", Kind.COUNT),
                new Column("detail", "DETAIL", Kind.TEXT))).whenEmpty("none");
        hazards.forEach(h -> table.row(h.kind, h.path, h.firstSeen, h.count, h.detail));
        return table;
    }
}
