package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FileLifecycle;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Residency;
import io.mapwatch.cli.analysis.Series;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.analysis.TimeAxis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;

import java.util.List;

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
        document.add(FaultsView.stacks(analysis.stalls(), TOP));
        document.add(FaultsView.threads(analysis, TOP));
        document.add(SummaryView.hazards(analysis.hazards().hazards()));
        Table table = document.add(new Table("findings", "Findings", List.of(
                new Column("id", "ID", Kind.TEXT), new Column("severity", "SEVERITY", Kind.TEXT),
                new Column("name", "NAME", Kind.TEXT), new Column("summary", "SEEN", Kind.TEXT),
                new Column("why", "WHY", Kind.TEXT), new Column("action", "DO", Kind.TEXT))));
        findings.forEach(f -> table.row(f.id(), f.severity().name(), f.name(), f.seen(), f.why(), f.action()));
        return document;
    }

    private static Table timeline(RecordingAnalysis a) {
        List<Series> series = List.of(a.files().mappedOverTime(), a.process().trackedBytes(),
                a.residency().residentOverTime(), a.process().residentBytes(), a.residency().pageCacheOverTime(),
                a.process().rssFile(), a.faults().majorOverTime(), a.faults().minorOverTime(),
                a.stalls().stallOverTime(), a.process().mapCount());
        Table table = new Table("timeline", "Over time", List.of(
                new Column("time", "TIME", Kind.TIME),
                new Column("mappedBytes", "MAPPED", Kind.BYTES),
                new Column("trackedBytes", "TRACKED", Kind.BYTES),
                new Column("residentBytes", "RESIDENT", Kind.BYTES),
                new Column("trackedResidentBytes", "TRACKED RESIDENT", Kind.BYTES),
                new Column("pageCacheBytes", "IN CACHE", Kind.BYTES),
                new Column("rssFileBytes", "RSS FILE", Kind.BYTES),
                new Column("majorFaults", "MAJOR FAULTS", Kind.COUNT),
                new Column("minorFaults", "MINOR FAULTS", Kind.COUNT),
                new Column("stallMillis", "STALL", Kind.MILLIS),
                new Column("mapCount", "MAP COUNT", Kind.COUNT)));
        TimeAxis axis = a.axis();
        long[][] values = series.stream().map(Series::values).toArray(long[][]::new);
        for (int bucket = 0; bucket < axis.buckets(); bucket++) {
            Object[] row = new Object[values.length + 1];
            row[0] = axis.bucketStart(bucket);
            boolean any = false;
            for (int s = 0; s < values.length; s++) {
                row[s + 1] = values[s][bucket] < 0 ? null : values[s][bucket];
                any |= values[s][bucket] >= 0;
            }
            if (any) {
                table.row(row);
            }
        }
        return table;
    }

    private static Table files(RecordingAnalysis analysis) {
        Table table = new Table("files", "Biggest files", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("peakMappedBytes", "PEAK MAPPED", Kind.BYTES),
                new Column("peakResidentBytes", "PEAK RESIDENT", Kind.BYTES),
                new Column("peakPageCacheBytes", "IN CACHE", Kind.BYTES),
                new Column("maps", "MAPS", Kind.COUNT),
                new Column("unmaps", "UNMAPS", Kind.COUNT),
                new Column("stallMillis", "STALL", Kind.MILLIS)));
        for (FileLifecycle.Stats f : analysis.files().files().stream().limit(TOP).toList()) {
            Residency.FileResidency r = analysis.residency().file(f.path);
            Stalls.Group stalls = analysis.stalls().file(f.path);
            table.row(f.path, f.peakMappedBytes, r.peakResidentBytes, r.peakPageCacheBytes, f.maps, f.unmaps,
                    stalls == null ? null : stalls.millis());
        }
        return table;
    }
}
