package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FaultRanges;
import io.mapwatch.cli.analysis.HazardsByFile;
import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.StallFigures;
import io.mapwatch.cli.analysis.UntrackedFiles;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.Table;

import java.util.List;

/** The answer of {@code summary}: mappings by file, untracked mappings, totals, hazards, findings. */
public final class SummaryView {
    /** Above this many files, text groups them by directory. */
    public static final int GROUP_ABOVE_FILES = 20;
    /** Untracked files text shows; the rest are in JSON and CSV. */
    public static final int TEXT_UNTRACKED = 12;

    /** The figures of a file or directory, as the mappings and directories tables show them. */
    private static final Columns<MappedFile> FIGURES = new Columns<MappedFile>()
            .add("maps", "MAPS", Kind.COUNT, f -> f.lifecycle().maps())
            .add("unmaps", "UNMAPS", Kind.COUNT, f -> f.lifecycle().unmaps())
            .add("peakMappedBytes", "PEAK MAPPED", Kind.BYTES, f -> f.lifecycle().peakMappedBytes())
            .add("peakResidentBytes", "PEAK RES", Kind.BYTES, f -> f.memory().peakResidentBytes())
            .add("peakPageCacheBytes", "IN CACHE", Kind.BYTES, f -> f.memory().peakPageCacheBytes())
            .add("majorFaults", "MAJ FLT", Kind.COUNT, f -> f.stalls().majorFaults())
            .add("stallMillis", "STALL", Kind.MILLIS, f -> f.stalls().millis())
            .add("liveAtEndBytes", "LIVE AT END", Kind.BYTES, f -> f.lifecycle().liveAtEndBytes());

    /** A range of a file with exact major faults, in bytes from the start of the file. */
    static final Columns<FaultRanges.OffsetRange> FAULT_RANGE = new Columns<FaultRanges.OffsetRange>()
            .add("offset", "OFFSET", Kind.BYTES, FaultRanges.OffsetRange::offset)
            .add("length", "LENGTH", Kind.BYTES, FaultRanges.OffsetRange::length)
            .add("majorFaults", "MAJ FLT", Kind.COUNT, FaultRanges.OffsetRange::majorFaults)
            .add("stallMillis", "STALL", Kind.MILLIS, r -> millis(r.stallNanos()));

    /** Every figure of a file: those text shows, then those only JSON and CSV carry. */
    private static final Columns<MappedFile> FILE = new Columns<MappedFile>()
            .add("path", "FILE", Kind.PATH, MappedFile::path)
            .addAll(FIGURES)
            .dataOnly("cachedShare", Kind.SHARE, f -> f.memory().cachedShare())
            .dataOnly("workingSetBytes", Kind.BYTES, f -> f.workingSet().bytes())
            .dataOnly("rssBytes", Kind.BYTES, f -> f.memory().smaps().rss())
            .dataOnly("pssBytes", Kind.BYTES, f -> f.memory().smaps().pss())
            .dataOnly("sharedCleanBytes", Kind.BYTES, f -> f.memory().smaps().sharedClean())
            .dataOnly("sharedDirtyBytes", Kind.BYTES, f -> f.memory().smaps().sharedDirty())
            .dataOnly("privateCleanBytes", Kind.BYTES, f -> f.memory().smaps().privateClean())
            .dataOnly("privateDirtyBytes", Kind.BYTES, f -> f.memory().smaps().privateDirty())
            .dataOnly("swapBytes", Kind.BYTES, f -> f.memory().smaps().swap())
            .dataOnly("gcUnmaps", Kind.COUNT, f -> f.lifecycle().gcUnmaps())
            .dataOnly("extendingMaps", Kind.COUNT, f -> f.lifecycle().extendingMaps())
            .dataOnly("forces", Kind.COUNT, f -> f.lifecycle().forces())
            .dataOnly("forceNanos", Kind.NANOS, f -> f.lifecycle().forceNanos())
            .dataOnly("forceMaxNanos", Kind.NANOS, f -> f.lifecycle().forceMaxNanos())
            .dataOnly("loads", Kind.COUNT, f -> f.lifecycle().loads())
            .dataOnly("loadNanos", Kind.NANOS, f -> f.lifecycle().loadNanos())
            .dataOnly("slowReads", Kind.COUNT, f -> f.copies().reads())
            .dataOnly("slowReadNanos", Kind.NANOS, f -> f.copies().readNanos())
            .nested("faultRanges", "Fault ranges by file", false, FAULT_RANGE, MappedFile::faultRanges);

    private static final Columns<MappedFile> DIRECTORY = new Columns<MappedFile>()
            .add("directory", "DIRECTORY", Kind.PATH, MappedFile::path)
            .add("files", "FILES", Kind.COUNT, f -> (long) f.files())
            .addAll(FIGURES);

    private static final Columns<MappedFile> FORCES = new Columns<MappedFile>()
            .add("path", "FILE", Kind.PATH, MappedFile::path)
            .add("forces", "FORCES", Kind.COUNT, f -> f.lifecycle().forces())
            .add("forceNanos", "TOTAL", Kind.NANOS, f -> f.lifecycle().forceNanos())
            .add("averageNanos", "AVERAGE", Kind.NANOS, f -> f.lifecycle().forceNanos() / f.lifecycle().forces())
            .add("forceMaxNanos", "LONGEST", Kind.NANOS, f -> f.lifecycle().forceMaxNanos());

    private static final Columns<MappedFile> SHARING = new Columns<MappedFile>()
            .add("path", "FILE", Kind.PATH, MappedFile::path)
            .add("rssBytes", "RSS", Kind.BYTES, f -> f.memory().smaps().rss())
            .add("pssBytes", "PSS", Kind.BYTES, f -> f.memory().smaps().pss())
            .add("sharedCleanBytes", "SHR CLEAN", Kind.BYTES, f -> f.memory().smaps().sharedClean())
            .add("sharedDirtyBytes", "SHR DIRTY", Kind.BYTES, f -> f.memory().smaps().sharedDirty())
            .add("privateCleanBytes", "PRV CLEAN", Kind.BYTES, f -> f.memory().smaps().privateClean())
            .add("privateDirtyBytes", "PRV DIRTY", Kind.BYTES, f -> f.memory().smaps().privateDirty())
            .add("swapBytes", "SWAP", Kind.BYTES, f -> f.memory().smaps().swap());

    private SummaryView() {
    }

    /** Whole milliseconds of {@code nanos}, -1 (not measured) kept. */
    static long millis(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    public static Document of(RecordingAnalysis analysis, List<Finding> findings) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        List<MappedFile> files = analysis.files();
        Table mappings = document.add(FILE.table("mappings", "Mappings by file", files).whenEmpty("no file was mapped"));
        if (files.size() > GROUP_ABOVE_FILES) {
            mappings.only(Section.Audience.DATA);
            document.add(DIRECTORY.table("directories", "Mappings by directory", analysis.directories())
                    .only(Section.Audience.TEXT));
            document.note(files.size() + " files in " + analysis.directories().size()
                    + " directories; --format json or csv lists every file.");
        }
        document.add(FORCES.table("forces", "force() by file",
                files.stream().filter(f -> f.lifecycle().forces() > 0).toList())
                .only(Section.Audience.TEXT).whenEmpty(null));
        document.add(SHARING.table("sharing", "Sharing with other processes (smaps, at the pass with the largest Rss;"
                        + " Pss below Rss means shared pages)", files.stream().filter(f -> f.memory().smaps().measured()).toList())
                .only(Section.Audience.TEXT).whenEmpty(null));
        untracked(document, analysis);
        document.add(totals(analysis));
        document.add(hazards(analysis.hazards().hazards()));
        FindingsView.add(document, findings);
        return document;
    }

    /** Untracked mappings: all of them in JSON and CSV, the largest in text. */
    private static void untracked(Document document, RecordingAnalysis analysis) {
        List<UntrackedFiles.UntrackedFile> files = analysis.untracked().files();
        String title = "Untracked file mappings (made without FileChannel.map: JVM, JNI libraries)";
        Columns<UntrackedFiles.UntrackedFile> columns = new Columns<UntrackedFiles.UntrackedFile>()
                .add("path", "FILE", Kind.PATH, UntrackedFiles.UntrackedFile::path)
                .add("bytes", "SIZE", Kind.BYTES, UntrackedFiles.UntrackedFile::bytes)
                .add("mappings", "MAPPINGS", Kind.COUNT, f -> (long) f.mappings())
                .add("majorFaults", "MAJ FLT", Kind.COUNT, f -> analysis.exactFaultsOn(f.path()).majorFaults())
                .add("stallMillis", "STALL", Kind.MILLIS, f -> analysis.exactFaultsOn(f.path()).millis());
        Table all = document.add(columns.table("untracked", title, files).whenEmpty("none recorded"));
        if (files.size() > TEXT_UNTRACKED) {
            all.only(Section.Audience.DATA);
            document.add(columns.table("untrackedLargest", title, files.subList(0, TEXT_UNTRACKED))
                    .only(Section.Audience.TEXT));
            document.add(new Note("  and " + (files.size() - TEXT_UNTRACKED) + " smaller files (--format json lists"
                    + " them all).", Section.Audience.TEXT));
        }
    }

    /**
     * Without exact faults a stall is tied to a file only when a timed access overlapped it: none
     * tied means the file is unknown, not that no stall was on a file (-1, printed as not measured).
     */
    private static long attributedStallMillis(RecordingAnalysis a) {
        long millis = a.stallsWithFile().millis();
        return !a.exactFaultsRan() && millis <= 0 && a.stallTotal().millis() > 0 ? -1 : millis;
    }

    static Fields totals(RecordingAnalysis a) {
        StallFigures stalls = a.stallTotal();
        return new Fields("totals", "Totals")
                .add("peakMappedBytes", "Peak mapped (all files at once)", Kind.BYTES, a.lifecycle().peakMappedBytes())
                .add("peakResidentBytes", "Peak resident", Kind.BYTES, a.peakResidentBytes())
                .add("peakPageCacheBytes", "Peak in page cache", Kind.BYTES, a.residency().process().peakPageCacheBytes)
                .add("majorFaults", "Major faults (process)", Kind.COUNT, a.faults().majorFaults())
                .add("minorFaults", "Minor faults (process)", Kind.COUNT, a.faults().minorFaults())
                .add("stallMillis", "Stall time in page faults", Kind.MILLIS, stalls.millis())
                .add("attributedStallMillis", "  of it tied to a file", Kind.MILLIS, attributedStallMillis(a))
                .add("notFileMajorFaults", "Major faults on memory that is not a file", Kind.COUNT,
                        a.notAFile().majorFaults())
                .add("notFileStallMillis", "  stall time on them", Kind.MILLIS, a.notAFile().millis())
                .add("maps", "Maps", Kind.COUNT, a.lifecycle().maps())
                .add("unmaps", "Unmaps", Kind.COUNT, a.lifecycle().unmaps())
                .add("liveAtEndMappings", "Still mapped at the end", Kind.COUNT, a.lifetimes().liveCount())
                .add("liveAtEndBytes", "  bytes", Kind.BYTES, a.lifetimes().liveBytes())
                .add("peakUntrackedBytes", "Peak untracked mapped", Kind.BYTES, a.process().peakUntrackedBytes())
                .add("peakRssFileBytes", "Peak RssFile (process)", Kind.BYTES, a.process().peakRssFile())
                .add("peakRssAnonBytes", "Peak RssAnon (process)", Kind.BYTES, a.process().peakRssAnon())
                .add("peakMapCount", "Peak map count", Kind.COUNT, a.process().peakMapCount())
                .add("maxMapCount", "vm.max_map_count", Kind.COUNT, a.process().maxMapCount());
    }

    static Table hazards(List<HazardsByFile.FileHazard> hazards) {
        return new Columns<HazardsByFile.FileHazard>()
                .add("kind", "KIND", Kind.TEXT, h -> h.kind)
                .add("path", "FILE", Kind.PATH, h -> h.path)
                .add("time", "FIRST SEEN", Kind.TIME, h -> h.firstSeen)
                .add("count", "TIMES", Kind.COUNT, h -> h.count)
                .add("detail", "DETAIL", Kind.TEXT, h -> h.detail)
                .table("hazards", "Hazards", hazards).whenEmpty("none");
    }
}
