package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Series;
import io.mapwatch.cli.analysis.TimeAxis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The data behind the HTML report: the summary's figures, the series over time, top files and stacks. */
public final class ReportView {
    /** Rows of the files, stacks and threads tables of the page. */
    public static final int TOP = 15;

    private ReportView() {
    }

    public static Document of(RecordingAnalysis analysis, List<Finding> findings) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        document.add(SummaryView.totals(analysis));
        document.add(timeline(analysis));
        document.add(files(analysis));
        document.add(FaultsView.stacks(analysis, TOP));
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
