package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FaultCounters;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;
import io.mapwatch.cli.render.Units;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code faults}: who blocked in page faults, where in the code, and on which file. */
public final class FaultsView {
    /** Rows shown of the stack table. */
    public static final int TOP_STACKS = 20;

    private FaultsView() {
    }

    public static Document of(RecordingAnalysis analysis) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        Stalls stalls = analysis.stalls();
        if (!analysis.stallSamplerRan()) {
            document.note("No page-fault stall samples: the stall sampler did not run (agent option stalls=off,"
                    + " /proc unreadable, or an agent without samplers). Fault counters are shown where recorded.");
        }
        Stalls.Group total = stalls.total();
        boolean sampled = analysis.stallSamplerRan();
        document.add(new Fields("attribution", "Stall time and how much of it could be attributed")
                .add("stalls", "Stalls", Kind.COUNT, sampled ? total.stalls : -1)
                .add("stallMillis", "Stall time", Kind.MILLIS, sampled ? total.millis() : -1)
                .add("stackMillis", "  joined with a Java stack", Kind.MILLIS, sampled ? stalls.withStack().millis() : -1)
                .add("stackShare", "  share", Kind.SHARE, share(stalls.withStack().nanos, total.nanos))
                .add("fileMillis", "  tied to a file", Kind.MILLIS, sampled ? stalls.withFile().millis() : -1)
                .add("fileShare", "  share", Kind.SHARE, share(stalls.withFile().nanos, total.nanos))
                .add("majorFaults", "Major faults (process)", Kind.COUNT, analysis.faults().majorFaults())
                .add("minorFaults", "Minor faults (process)", Kind.COUNT, analysis.faults().minorFaults()));
        if (total.stalls > 0) {
            document.note(String.format("%s of %s stall time (%s) could be joined with a Java stack (an execution"
                            + " sample of the thread within %d ms of the stall's end); %s (%s) with a file (a timed"
                            + " mapped read or write of the thread during the stall). The rest is not attributed.",
                    Units.millis(stalls.withStack().millis()), Units.millis(total.millis()),
                    Units.share(share(stalls.withStack().nanos, total.nanos)), Stalls.SAMPLE_WINDOW.toMillis(),
                    Units.millis(stalls.withFile().millis()), Units.share(share(stalls.withFile().nanos, total.nanos))));
        }
        document.add(threads(analysis, Integer.MAX_VALUE));
        document.add(stacks(stalls, TOP_STACKS));
        document.add(files(stalls));
        return document;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? -1 : (double) part / whole;
    }

    /** One thread's stalls and faults. */
    private record ThreadRow(String name, long osThreadId, long stalls, long stallMillis, double recordingShare,
                             long majorFaults, long minorFaults) {
    }

    /** The {@code limit} threads that stalled longest, then those with the most major faults. */
    static Table threads(RecordingAnalysis analysis, int limit) {
        Map<Long, ThreadRow> rows = new LinkedHashMap<>();
        long recordingNanos = Math.max(1, analysis.duration().toNanos());
        for (Stalls.ThreadStalls t : analysis.stalls().threads()) {
            FaultCounters.ThreadFaults faults = analysis.faults().thread(t.osThreadId());
            rows.put(t.osThreadId(), new ThreadRow(t.name(), t.osThreadId(), t.stalls().stalls, t.stalls().millis(),
                    (double) t.stalls().nanos / recordingNanos, faults == null ? -1 : faults.majorFaults,
                    faults == null ? -1 : faults.minorFaults));
        }
        long none = analysis.stallSamplerRan() ? 0 : -1;
        for (FaultCounters.ThreadFaults f : analysis.faults().threads()) {
            rows.putIfAbsent(f.osThreadId, new ThreadRow(f.name, f.osThreadId, none, none, none, f.majorFaults, f.minorFaults));
        }
        Table table = new Table("threads", "By thread", List.of(
                new Column("thread", "THREAD", Kind.TEXT),
                new Column("osThreadId", "OS ID", Kind.COUNT),
                new Column("stalls", "STALLS", Kind.COUNT),
                new Column("stallMillis", "STALL TIME", Kind.MILLIS),
                new Column("recordingShare", "OF RECORDING", Kind.SHARE),
                new Column("majorFaults", "MAJOR FAULTS", Kind.COUNT),
                new Column("minorFaults", "MINOR FAULTS", Kind.COUNT)))
                .whenEmpty("no thread stalled or faulted (or no fault samples were recorded)");
        rows.values().stream()
                .sorted(Comparator.comparingLong(ThreadRow::stallMillis).thenComparingLong(ThreadRow::majorFaults).reversed())
                .limit(limit)
                .forEach(r -> table.row(r.name(), r.osThreadId(), r.stalls(), r.stallMillis(), r.recordingShare(),
                        r.majorFaults(), r.minorFaults()));
        return table;
    }

    /** The {@code limit} stacks with the most stall time. */
    static Table stacks(Stalls stalls, int limit) {
        Table table = new Table("stacks", "By Java stack (where each thread was sampled right after its stall)", List.of(
                new Column("stallMillis", "STALL TIME", Kind.MILLIS),
                new Column("stalls", "STALLS", Kind.COUNT),
                new Column("majorFaults", "MAJOR FAULTS", Kind.COUNT),
                new Column("frames", "STACK (top first)", Kind.LINES)))
                .whenEmpty("no stall could be joined with an execution sample");
        stalls.stacks().stream().limit(limit).forEach(s ->
                table.row(s.stalls().millis(), s.stalls().stalls, s.stalls().majorFaults, s.frames()));
        return table;
    }

    private static Table files(Stalls stalls) {
        Table table = new Table("files", "By file (stalls during a timed access to the mapping)", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("stalls", "STALLS", Kind.COUNT),
                new Column("stallMillis", "STALL TIME", Kind.MILLIS),
                new Column("majorFaults", "MAJOR FAULTS", Kind.COUNT)))
                .whenEmpty("no stall could be tied to a file");
        stalls.files().forEach(f -> table.row(f.path(), f.stalls().stalls, f.stalls().millis(), f.stalls().majorFaults));
        return table;
    }
}
