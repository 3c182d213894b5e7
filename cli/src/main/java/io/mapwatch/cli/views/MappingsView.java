package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.AllocationSites;
import io.mapwatch.cli.analysis.FileLifecycle;
import io.mapwatch.cli.analysis.Hazards;
import io.mapwatch.cli.analysis.Lifetimes;
import io.mapwatch.cli.analysis.MapFailures;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Series;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.Table;
import io.mapwatch.cli.render.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code mappings}: where mappings are made, how long they live, which are still
 * live at the end or left to the GC, deleted files still mapped, and the map count over time.
 */
public final class MappingsView {
    /** Rows of the text map-count timeline. */
    public static final int TEXT_TIMELINE_ROWS = 12;

    private MappingsView() {
    }

    public static Document of(RecordingAnalysis analysis) {
        Document document = new Document();
        RecordingView.add(document, analysis);
        document.add(sites(analysis.sites().sites()));
        document.add(lifetimes(analysis.lifetimes()));
        document.add(live(analysis.lifetimes()));
        document.add(gcFreed(analysis.files().files()));
        document.add(deleted(analysis.hazards().deletedFiles()));
        document.add(failures(analysis.mapFailures()));
        Series mapCount = analysis.process().mapCount();
        document.add(mapCount(mapCount, analysis.process().maxMapCount(), "mapCount", mapCount.axis().buckets())
                .only(Section.Audience.DATA));
        document.add(mapCount(mapCount, analysis.process().maxMapCount(), "mapCountText", TEXT_TIMELINE_ROWS)
                .only(Section.Audience.TEXT));
        return document;
    }

    private static Table sites(List<AllocationSites.Site> sites) {
        Table table = new Table("sites", "Allocation sites (the application frame that called FileChannel.map)", List.of(
                new Column("site", "SITE", Kind.TEXT),
                new Column("maps", "MAPS", Kind.COUNT),
                new Column("mappedBytes", "MAPPED", Kind.BYTES),
                new Column("explicitUnmaps", "EXPLICIT", Kind.COUNT),
                new Column("gcUnmaps", "BY GC", Kind.COUNT),
                new Column("arenaUnmaps", "ARENA", Kind.COUNT),
                new Column("liveAtEnd", "LIVE AT END", Kind.COUNT),
                new Column("averageLifetimeNanos", "AVG LIFETIME", Kind.NANOS),
                Column.dataOnly("liveBytesAtEnd", Kind.BYTES),
                Column.dataOnly("stack", Kind.LINES))).whenEmpty("no map was recorded");
        sites.forEach(s -> table.row(s.frame, s.maps, s.mappedBytes, s.explicitUnmaps, s.gcUnmaps, s.arenaUnmaps,
                s.liveAtEnd, s.averageLifetimeNanos(), s.liveBytesAtEnd, s.stack));
        return table;
    }

    private static Table lifetimes(Lifetimes lifetimes) {
        List<Lifetimes.Histogram> histograms = lifetimes.histograms();
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("lifetime", "LIFETIME", Kind.TEXT));
        for (Lifetimes.Histogram h : histograms) {
            columns.add(new Column(h.trigger(), h.trigger().replace('_', ' '), Kind.COUNT));
        }
        Table table = new Table("lifetimes", "Lifetimes (unmapped, by what unmapped them; still live: age at the end)", columns);
        for (int bucket = 0; bucket <= Lifetimes.BOUNDS.size(); bucket++) {
            Object[] row = new Object[columns.size()];
            row[0] = bucket < Lifetimes.BOUNDS.size() ? "< " + Units.duration(Lifetimes.BOUNDS.get(bucket))
                    : ">= " + Units.duration(Lifetimes.BOUNDS.get(bucket - 1));
            for (int h = 0; h < histograms.size(); h++) {
                row[h + 1] = histograms.get(h).counts()[bucket];
            }
            table.row(row);
        }
        return table;
    }

    private static Table live(Lifetimes lifetimes) {
        Table table = new Table("live", String.format("Still live at the end: %d mappings, %s (largest first)",
                lifetimes.liveCount(), Units.bytes(lifetimes.liveBytes())), List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("mappedSize", "SIZE", Kind.BYTES),
                new Column("mappedAt", "MAPPED AT", Kind.TIME),
                new Column("ageNanos", "AGE", Kind.NANOS),
                new Column("site", "SITE", Kind.TEXT))).whenEmpty("none");
        lifetimes.largestLive().forEach(m -> table.row(m.path(), m.mappedSize(), m.mappedAt(), m.age().toNanos(), m.site()));
        return table;
    }

    private static Table gcFreed(List<FileLifecycle.Stats> files) {
        Table table = new Table("gcFreed", "Unmapped only by the GC", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("gcUnmaps", "BY GC", Kind.COUNT),
                new Column("unmaps", "UNMAPS", Kind.COUNT),
                new Column("liveAtEndBytes", "LIVE AT END", Kind.BYTES))).whenEmpty("none");
        files.stream().filter(f -> f.gcUnmaps > 0).forEach(f -> table.row(f.path, f.gcUnmaps, f.unmaps, f.liveBytes));
        return table;
    }

    private static Table deleted(List<Hazards.DeletedFile> deleted) {
        Table table = new Table("deletedFiles", "Files deleted while mapped", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("deletedAt", "DELETED AT", Kind.TIME),
                new Column("mappedAfterNanos", "MAPPED AFTER", Kind.NANOS),
                new Column("mappedAtEnd", "AT END", Kind.TEXT))).whenEmpty("none seen");
        deleted.forEach(d -> table.row(d.path, d.deletedAt, d.longestMappedAfter.toNanos(),
                d.mappedAtEnd ? "still mapped" : "unmapped"));
        return table;
    }

    private static Table failures(MapFailures failures) {
        Table table = new Table("failures", "Failed maps (" + failures.count() + ")", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("time", "TIME", Kind.TIME),
                new Column("mode", "MODE", Kind.TEXT),
                new Column("size", "SIZE", Kind.BYTES),
                new Column("mapCount", "MAP COUNT", Kind.COUNT),
                new Column("message", "MESSAGE", Kind.TEXT),
                Column.dataOnly("site", Kind.TEXT))).whenEmpty(null);
        failures.first().forEach(f -> table.row(f.path(), f.time(), f.mode(), f.size(), f.mapCount(), f.message(), f.site()));
        return table;
    }

    private static Table mapCount(Series series, long limit, String key, int rows) {
        long[] values = series.values();
        Table table = new Table(key, "Map count over time (vm.max_map_count " + Units.count(limit) + ")", List.of(
                new Column("time", "FROM", Kind.TIME),
                new Column("mapCount", "PEAK MAP COUNT", Kind.COUNT),
                new Column("maxMapCount", "LIMIT", Kind.COUNT)))
                .whenEmpty("not sampled (mapwatch.MappedMemory is missing)");
        if (series.isEmpty()) {
            return table;
        }
        int per = (values.length + rows - 1) / rows;
        for (int from = 0; from < values.length; from += per) {
            long peak = -1;
            for (int b = from; b < Math.min(values.length, from + per); b++) {
                peak = Math.max(peak, values[b]);
            }
            if (peak >= 0) {
                table.row(series.axis().bucketStart(from), peak, limit);
            }
        }
        return table;
    }
}
