package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.Capacity;
import io.mapwatch.cli.analysis.FaultedFile;
import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Series;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.analysis.TimeAxis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The data behind the HTML report: the summary's figures, the series over time, top files, the
 * tables of {@code mappings} and {@code plan} (the same views, so the same numbers), the stalled
 * stacks and their flame graphs, and the findings.
 */
public final class ReportView {
    /** Rows of the files, stacks and threads tables of the page. */
    public static final int TOP = 15;
    /** Files with a flame graph of their own. */
    public static final int FLAME_FILES = 5;

    private ReportView() {
    }

    public static Document of(RecordingAnalysis analysis, List<Finding> findings) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        document.add(SummaryView.totals(analysis));
        document.add(timeline(analysis));
        document.add(files(analysis));
        MappingsView.addTo(document, analysis);
        List<Capacity> plan = List.of(Capacity.of(String.join(", ", RecordingView.files(analysis)), analysis));
        document.add(PlanView.table(plan));
        document.add(PlanView.reasonsTable("planReasons", plan));
        document.add(FaultsView.stacks(analysis, TOP));
        document.add(FaultsView.files(analysis, "faultedFiles", TOP));
        flameGraphs(document, analysis);
        document.add(FaultsView.threads(analysis, TOP));
        document.add(SummaryView.hazards(analysis.hazards().hazards()));
        document.add(new Columns<Finding>()
                .add("id", "ID", Kind.TEXT, Finding::id)
                .add("severity", "SEVERITY", Kind.TEXT, f -> f.severity().name())
                .add("name", "NAME", Kind.TEXT, Finding::name)
                .add("summary", "SEEN", Kind.TEXT, Finding::seen)
                .add("why", "WHY", Kind.TEXT, Finding::why)
                .add("action", "DO", Kind.TEXT, Finding::action)
                .table("findings", "Findings", findings));
        return document;
    }

    /**
     * The flame graphs of the stacks that stalled: all of them, then those on each of the files with
     * the most stall time ({@link #FLAME_FILES}); {@code flameGraphs} names them, {@code flame} holds their boxes.
     */
    private static void flameGraphs(Document document, RecordingAnalysis analysis) {
        record Graph(int index, String title, List<Stalls.StackStalls> stacks, long nanos) {
        }
        List<Graph> graphs = new ArrayList<>();
        List<Stalls.StackStalls> all = analysis.stalls().deepStacks();
        graphs.add(new Graph(0, "All stalled stacks", all, all.stream().mapToLong(s -> s.stalls().nanos()).sum()));
        for (FaultedFile file : analysis.faultedFiles()) {
            List<Stalls.StackStalls> stacks = analysis.stalls().deepStacksOn(file.path(), file.tie());
            long nanos = stacks.stream().mapToLong(s -> s.stalls().nanos()).sum();
            if (nanos > 0 && graphs.size() <= FLAME_FILES) {
                graphs.add(new Graph(graphs.size(), "Stalls on " + file.path(), stacks, nanos));
            }
        }
        List<Graph> drawn = graphs.stream().filter(g -> g.nanos() > 0).toList();
        document.add(new Fields("flameGraphNote", "Flame graph").add("absent", "Why none", Kind.TEXT,
                drawn.isEmpty() ? "No flame graph: " + FaultsView.whyNoStalledStack(analysis) + "." : null));
        document.add(new Columns<Graph>()
                .add("graph", "GRAPH", Kind.COUNT, g -> (long) g.index())
                .add("title", "TITLE", Kind.TEXT, Graph::title)
                .add("stallNanos", "STALL TIME", Kind.NANOS, Graph::nanos)
                .table("flameGraphs", "Flame graphs of the stacks that stalled", drawn));
        record Placed(int graph, FlameGraph.Box box) {
        }
        List<Placed> boxes = new ArrayList<>();
        for (Graph graph : drawn) {
            FlameGraph.of(graph.title(), graph.stacks()).forEach(b -> boxes.add(new Placed(graph.index(), b)));
        }
        document.add(new Columns<Placed>()
                .add("graph", "GRAPH", Kind.COUNT, p -> (long) p.graph())
                .add("depth", "DEPTH", Kind.COUNT, p -> (long) p.box().depth())
                .add("frame", "FRAME", Kind.TEXT, p -> p.box().frame())
                .add("left", "LEFT", Kind.NUMBER, p -> p.box().left())
                .add("width", "WIDTH", Kind.NUMBER, p -> p.box().width())
                .add("stallNanos", "STALL TIME", Kind.NANOS, p -> p.box().nanos())
                .add("share", "SHARE", Kind.SHARE, p -> p.box().width())
                .table("flame", "Flame graph boxes", boxes));
    }

    /** The series over time, each under its column. */
    private static Table timeline(RecordingAnalysis a) {
        TimeAxis axis = a.axis();
        Columns<Integer> columns = new Columns<Integer>().add("time", "TIME", Kind.TIME, axis::bucketStart);
        List<long[]> values = new ArrayList<>();
        series(columns, values, "mappedBytes", "MAPPED", Kind.BYTES, a.lifecycle().mappedOverTime());
        series(columns, values, "trackedBytes", "TRACKED", Kind.BYTES, a.process().trackedBytes());
        series(columns, values, "residentBytes", "RESIDENT", Kind.BYTES, a.residency().residentOverTime());
        series(columns, values, "trackedResidentBytes", "TRACKED RESIDENT", Kind.BYTES, a.process().residentBytes());
        series(columns, values, "pageCacheBytes", "IN CACHE", Kind.BYTES, a.residency().pageCacheOverTime());
        series(columns, values, "rssFileBytes", "RSS FILE", Kind.BYTES, a.process().rssFile());
        series(columns, values, "majorFaults", "MAJOR FAULTS", Kind.COUNT, a.faults().majorOverTime());
        series(columns, values, "minorFaults", "MINOR FAULTS", Kind.COUNT, a.faults().minorOverTime());
        series(columns, values, "stallMillis", "STALL", Kind.MILLIS, a.stalls().stallOverTime());
        series(columns, values, "mapCount", "MAP COUNT", Kind.COUNT, a.process().mapCount());
        List<Integer> measured = IntStream.range(0, axis.buckets())
                .filter(bucket -> values.stream().anyMatch(v -> v[bucket] >= 0)).boxed().toList();
        return columns.table("timeline", "Over time", measured);
    }

    /** Adds {@code series} as a column whose value in each row (a bucket) is the series' value there. */
    private static void series(Columns<Integer> columns, List<long[]> values, String key, String header, Kind kind,
                               Series series) {
        long[] v = series.values();
        values.add(v);
        columns.add(key, header, kind, bucket -> v[bucket]);
    }

    private static Table files(RecordingAnalysis analysis) {
        return new Columns<MappedFile>()
                .add("path", "FILE", Kind.TEXT, MappedFile::path)
                .add("peakMappedBytes", "PEAK MAPPED", Kind.BYTES, f -> f.lifecycle().peakMappedBytes())
                .add("peakResidentBytes", "PEAK RESIDENT", Kind.BYTES, f -> f.memory().peakResidentBytes())
                .add("peakPageCacheBytes", "IN CACHE", Kind.BYTES, f -> f.memory().peakPageCacheBytes())
                .add("maps", "MAPS", Kind.COUNT, f -> f.lifecycle().maps())
                .add("unmaps", "UNMAPS", Kind.COUNT, f -> f.lifecycle().unmaps())
                .add("stallMillis", "STALL", Kind.MILLIS, f -> f.stalls().millis())
                .table("files", "Biggest files", analysis.files().stream().limit(TOP).toList());
    }
}
