package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FaultRanges;
import io.mapwatch.cli.analysis.FaultedFile;
import io.mapwatch.cli.analysis.FaultingThread;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.StallFigures;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;
import io.mapwatch.cli.render.Units;

import java.util.List;

/** The answer of {@code faults}: who blocked in page faults, where in the code, and on which file and offsets. */
public final class FaultsView {
    /** Rows shown of the stack table. */
    public static final int TOP_STACKS = 20;
    /** Hottest ranges shown per file. */
    public static final int TOP_RANGES = 5;
    /** Threads shown per file. */
    public static final int TOP_THREADS = 5;
    /** Stacks shown per file. */
    public static final int TOP_FILE_STACKS = 3;

    /** The hottest ranges of a file, adjacent buckets merged. */
    private static final Columns<FaultRanges.HotRange> RANGES = new Columns<FaultRanges.HotRange>()
            .add("offset", "FROM", Kind.BYTES, FaultRanges.HotRange::offset)
            .add("length", "LENGTH", Kind.BYTES, FaultRanges.HotRange::length)
            .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, FaultRanges.HotRange::majorFaults)
            .add("stallMillis", "STALL TIME", Kind.MILLIS, r -> SummaryView.millis(r.stallNanos()))
            .add("thread", "MOST BY THREAD", Kind.TEXT, FaultRanges.HotRange::thread)
            .add("threadStallMillis", "ITS STALL", Kind.MILLIS, r -> SummaryView.millis(r.threadStallNanos()))
            .dataOnly("threadMajorFaults", Kind.COUNT, FaultRanges.HotRange::threadMajorFaults);

    private static final Columns<FaultRanges.ThreadFaults> FILE_THREADS = new Columns<FaultRanges.ThreadFaults>()
            .add("thread", "THREAD", Kind.TEXT, FaultRanges.ThreadFaults::name)
            .add("osThreadId", "OS ID", Kind.COUNT, FaultRanges.ThreadFaults::osThreadId)
            .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, FaultRanges.ThreadFaults::majorFaults)
            .add("stallMillis", "STALL TIME", Kind.MILLIS, t -> SummaryView.millis(t.stallNanos()));

    private static final Columns<Stalls.StackStalls> STACKS = new Columns<Stalls.StackStalls>()
            .add("stallMillis", "STALL TIME", Kind.MILLIS, s -> s.stalls().millis())
            .add("stalls", "STALLS", Kind.COUNT, s -> s.stalls().stalls())
            .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, s -> s.stalls().majorFaults())
            .add("frames", "STACK (top first)", Kind.LINES, Stalls.StackStalls::frames);

    private FaultsView() {
    }

    public static Document of(RecordingAnalysis analysis) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        if (!analysis.stallSamplerRan()) {
            document.note("No page-fault stall samples: the stall sampler did not run (agent option stalls=off,"
                    + " /proc unreadable, or an agent without samplers). Fault counters are shown where recorded.");
        }
        StallFigures total = analysis.stallTotal();
        StallFigures withStack = analysis.stallsWithStack();
        StallFigures withFile = analysis.stallsWithFile();
        boolean exact = analysis.exactFaultsRan();
        long processMajor = analysis.faults().majorFaults();
        long exactMajor = exact ? analysis.faultRanges().majorFaults() : -1;
        document.add(new Fields("attribution", "Stall time and how much of it could be attributed")
                .add("stalls", "Stalls", Kind.COUNT, total.stalls())
                .add("stallMillis", "Stall time", Kind.MILLIS, total.millis())
                .add("stackMillis", "  joined with a Java stack", Kind.MILLIS, withStack.millis())
                .add("stackShare", "  share", Kind.SHARE, withStack.shareOf(total))
                .add("fileMillis", "  tied to a file", Kind.MILLIS, withFile.millis())
                .add("fileShare", "  share", Kind.SHARE, withFile.shareOf(total))
                .add("tiedBy", "  tied by", Kind.TEXT, exact ? "exact faults" : "timed accesses")
                .add("majorFaults", "Major faults (process)", Kind.COUNT, processMajor)
                .add("exactMajorFaults", "  recorded exactly, with their address", Kind.COUNT, exactMajor)
                .add("exactShare", "  share", Kind.SHARE, exactMajor < 0 || processMajor <= 0 ? -1.0
                        : Math.min(1.0, (double) exactMajor / processMajor))
                .add("notFileMajorFaults", "  on memory that is not a file", Kind.COUNT, analysis.notAFile().majorFaults())
                .add("notFileStallMillis", "    stall time on them", Kind.MILLIS, analysis.notAFile().millis())
                .add("minorFaults", "Minor faults (process)", Kind.COUNT, analysis.faults().minorFaults()));
        if (total.stalls() > 0) {
            document.note(String.format("%s of %s stall time (%s) could be joined with a Java stack (an execution"
                            + " sample of the thread within %d ms of the stall's end); %s (%s) with a file (%s)."
                            + " The rest is not attributed.",
                    Units.millis(withStack.millis()), Units.millis(total.millis()), Units.share(withStack.shareOf(total)),
                    Stalls.SAMPLE_WINDOW.toMillis(), Units.millis(withFile.millis()), Units.share(withFile.shareOf(total)),
                    exact ? "the stall time the agent saw on the thread's exact major faults at the file's addresses"
                            : "a timed mapped read or write of the thread during the stall"));
        }
        if (!exact) {
            document.note("Major faults were not recorded exactly (they need JDK 22+ and a kernel that allows"
                    + " perf events: see mapwatch.SourceStatus, source exact), so files are tied to stalls only by"
                    + " timed reads and writes, and offsets are not known.");
        }
        document.add(threads(analysis, Integer.MAX_VALUE));
        document.add(stacks(analysis, TOP_STACKS));
        document.add(files(analysis, "files", Integer.MAX_VALUE));
        return document;
    }

    /** The {@code limit} threads that stalled longest, then those with the most major faults. */
    static Table threads(RecordingAnalysis analysis, int limit) {
        long recordingNanos = Math.max(1, analysis.duration().toNanos());
        return new Columns<FaultingThread>()
                .add("thread", "THREAD", Kind.TEXT, FaultingThread::name)
                .add("osThreadId", "OS ID", Kind.COUNT, FaultingThread::osThreadId)
                .add("stalls", "STALLS", Kind.COUNT, t -> t.stalls().stalls())
                .add("stallMillis", "STALL TIME", Kind.MILLIS, t -> t.stalls().millis())
                .add("recordingShare", "OF RECORDING", Kind.SHARE,
                        t -> t.stalls().measured() ? (double) t.stalls().nanos() / recordingNanos : -1.0)
                .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, FaultingThread::majorFaults)
                .add("minorFaults", "MINOR FAULTS", Kind.COUNT, FaultingThread::minorFaults)
                .table("threads", "By thread", analysis.threads().stream().limit(limit).toList())
                .whenEmpty("no thread stalled or faulted (or no fault samples were recorded)");
    }

    /** The {@code limit} stacks with the most stall time. */
    static Table stacks(RecordingAnalysis analysis, int limit) {
        return STACKS.table("stacks", "By Java stack (where each thread was sampled right after its stall)",
                        analysis.stalls().stacks().stream().limit(limit).toList())
                .whenEmpty("no stall could be joined with an execution sample");
    }

    /**
     * The {@code limit} files stalls or exact faults were tied to (the longest stalled first), each with its hottest ranges, the threads that
     * faulted on it and the stacks that stalled on it (ranges and threads only with exact faults).
     */
    static Table files(RecordingAnalysis analysis, String key, int limit) {
        boolean exact = analysis.exactFaultsRan();
        FaultRanges ranges = analysis.faultRanges();
        Stalls stalls = analysis.stalls();
        return new Columns<FaultedFile>()
                .add("path", "FILE", Kind.TEXT, FaultedFile::path)
                .add("mapping", "MAPPED BY", Kind.TEXT, f -> f.tracked() ? "FileChannel.map" : "untracked")
                .add("stalls", "STALLS", Kind.COUNT, f -> f.stalls().stalls())
                .add("stallMillis", "STALL TIME", Kind.MILLIS, f -> f.stalls().millis())
                .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, f -> f.stalls().majorFaults())
                .nested("ranges", "Hottest offset ranges by file (adjacent ranges of about the same fault density"
                        + " taken together)", true, RANGES, f -> exact ? ranges.hottest(f.path(), TOP_RANGES) : null)
                .nested("threads", "Threads that faulted on each file", true, FILE_THREADS,
                        f -> exact ? ranges.threads(f.path()).stream().limit(TOP_THREADS).toList() : null)
                .nested("stacks", "Stacks that stalled on each file", true, STACKS,
                        f -> stalls.stacksOn(f.path(), f.tie()).stream().limit(TOP_FILE_STACKS).toList())
                .table(key, exact ? "By file (exact major faults at the file's addresses, and the stall time on them)"
                        : "By file (stalls during a timed access to the mapping)",
                        analysis.faultedFiles().stream().limit(limit).toList())
                .whenEmpty(exact ? "no major fault was on a file" : "no stall could be tied to a file");
    }

    /** Every stalled stack to {@link Stalls#FLAME_DEPTH} frames with its stall time, for flame graphs. */
    public static List<Stalls.StackStalls> stalledStacks(RecordingAnalysis analysis) {
        return analysis.stalls().deepStacks();
    }

    /** Why the recording has no stalled stack to draw or write, for {@code faults --format collapsed} and the report. */
    public static String whyNoStalledStack(RecordingAnalysis analysis) {
        if (!analysis.stallSamplerRan()) {
            return "the stall sampler did not run (agent option stalls=off, /proc unreadable, or an agent without samplers)";
        }
        if (!analysis.stalls().any()) {
            return "the stall sampler saw no thread blocked in a page fault";
        }
        return "no stall could be joined with an execution sample (jdk.ExecutionSample) of its thread";
    }
}
