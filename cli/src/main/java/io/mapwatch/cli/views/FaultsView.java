package io.mapwatch.cli.views;

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

/** The answer of {@code faults}: who blocked in page faults, where in the code, and on which file. */
public final class FaultsView {
    /** Rows shown of the stack table. */
    public static final int TOP_STACKS = 20;

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
        document.add(new Fields("attribution", "Stall time and how much of it could be attributed")
                .add("stalls", "Stalls", Kind.COUNT, total.stalls())
                .add("stallMillis", "Stall time", Kind.MILLIS, total.millis())
                .add("stackMillis", "  joined with a Java stack", Kind.MILLIS, withStack.millis())
                .add("stackShare", "  share", Kind.SHARE, withStack.shareOf(total))
                .add("fileMillis", "  tied to a file", Kind.MILLIS, withFile.millis())
                .add("fileShare", "  share", Kind.SHARE, withFile.shareOf(total))
                .add("majorFaults", "Major faults (process)", Kind.COUNT, analysis.faults().majorFaults())
                .add("minorFaults", "Minor faults (process)", Kind.COUNT, analysis.faults().minorFaults()));
        if (total.stalls() > 0) {
            document.note(String.format("%s of %s stall time (%s) could be joined with a Java stack (an execution"
                            + " sample of the thread within %d ms of the stall's end); %s (%s) with a file (a timed"
                            + " mapped read or write of the thread during the stall). The rest is not attributed.",
                    Units.millis(withStack.millis()), Units.millis(total.millis()), Units.share(withStack.shareOf(total)),
                    Stalls.SAMPLE_WINDOW.toMillis(), Units.millis(withFile.millis()), Units.share(withFile.shareOf(total))));
        }
        document.add(threads(analysis, Integer.MAX_VALUE));
        document.add(stacks(analysis, TOP_STACKS));
        document.add(files(analysis.stalls()));
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
        return new Columns<Stalls.StackStalls>()
                .add("stallMillis", "STALL TIME", Kind.MILLIS, s -> s.stalls().millis())
                .add("stalls", "STALLS", Kind.COUNT, s -> s.stalls().stalls())
                .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, s -> s.stalls().majorFaults())
                .add("frames", "STACK (top first)", Kind.LINES, Stalls.StackStalls::frames)
                .table("stacks", "By Java stack (where each thread was sampled right after its stall)",
                        analysis.stalls().stacks().stream().limit(limit).toList())
                .whenEmpty("no stall could be joined with an execution sample");
    }

    private static Table files(Stalls stalls) {
        return new Columns<Stalls.FileStalls>()
                .add("path", "FILE", Kind.TEXT, Stalls.FileStalls::path)
                .add("stalls", "STALLS", Kind.COUNT, f -> f.stalls().stalls())
                .add("stallMillis", "STALL TIME", Kind.MILLIS, f -> f.stalls().millis())
                .add("majorFaults", "MAJOR FAULTS", Kind.COUNT, f -> f.stalls().majorFaults())
                .table("files", "By file (stalls during a timed access to the mapping)", stalls.files())
                .whenEmpty("no stall could be tied to a file");
    }
}
