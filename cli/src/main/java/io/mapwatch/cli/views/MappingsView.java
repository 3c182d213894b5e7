package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.AllocationSites;
import io.mapwatch.cli.analysis.HazardsByFile;
import io.mapwatch.cli.analysis.Lifetimes;
import io.mapwatch.cli.analysis.MapFailures;
import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.Series;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Columns;
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
        addTo(document, analysis);
        return document;
    }

    /** Adds the tables of {@code mappings} to {@code document}: the command's own, and the report's section. */
    public static void addTo(Document document, RecordingAnalysis analysis) {
        document.add(sites(analysis.sites().sites()));
        document.add(lifetimes(analysis.lifetimes()));
        document.add(live(analysis.lifetimes()));
        document.add(gcFreed(analysis.files()));
        document.add(deleted(analysis.hazards().deletedFiles()));
        document.add(failures(analysis.mapFailures()));
        Series mapCount = analysis.process().mapCount();
        document.add(mapCount(mapCount, analysis.process().maxMapCount(), "mapCount", mapCount.axis().buckets())
                .only(Section.Audience.DATA));
        document.add(mapCount(mapCount, analysis.process().maxMapCount(), "mapCountText", TEXT_TIMELINE_ROWS)
                .only(Section.Audience.TEXT));
    }

    private static Table sites(List<AllocationSites.Site> sites) {
        return new Columns<AllocationSites.Site>()
                .add("site", "SITE", Kind.TEXT, s -> s.frame)
                .add("maps", "MAPS", Kind.COUNT, s -> s.maps)
                .add("mappedBytes", "MAPPED", Kind.BYTES, s -> s.mappedBytes)
                .add("explicitUnmaps", "EXPLICIT", Kind.COUNT, s -> s.explicitUnmaps)
                .add("gcUnmaps", "BY GC", Kind.COUNT, s -> s.gcUnmaps)
                .add("arenaUnmaps", "ARENA", Kind.COUNT, s -> s.arenaUnmaps)
                .add("liveAtEnd", "LIVE AT END", Kind.COUNT, s -> s.liveAtEnd)
                .add("averageLifetimeNanos", "AVG LIFETIME", Kind.NANOS, AllocationSites.Site::averageLifetimeNanos)
                .dataOnly("liveBytesAtEnd", Kind.BYTES, s -> s.liveBytesAtEnd)
                .dataOnly("stack", Kind.LINES, s -> s.stack)
                .table("sites", "Allocation sites (the application frame that called FileChannel.map)", sites)
                .whenEmpty("no map was recorded");
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
        return new Columns<Lifetimes.LiveAtEnd>()
                .add("path", "FILE", Kind.TEXT, Lifetimes.LiveAtEnd::path)
                .add("mappedSize", "SIZE", Kind.BYTES, Lifetimes.LiveAtEnd::mappedSize)
                .add("mappedAt", "MAPPED AT", Kind.TIME, Lifetimes.LiveAtEnd::mappedAt)
                .add("ageNanos", "AGE", Kind.NANOS, m -> m.age().toNanos())
                .add("site", "SITE", Kind.TEXT, Lifetimes.LiveAtEnd::site)
                .table("live", String.format("Still live at the end: %d mappings, %s (largest first)",
                        lifetimes.liveCount(), Units.bytes(lifetimes.liveBytes())), lifetimes.largestLive())
                .whenEmpty("none");
    }

    private static Table gcFreed(List<MappedFile> files) {
        return new Columns<MappedFile>()
                .add("path", "FILE", Kind.TEXT, MappedFile::path)
                .add("gcUnmaps", "BY GC", Kind.COUNT, f -> f.lifecycle().gcUnmaps())
                .add("unmaps", "UNMAPS", Kind.COUNT, f -> f.lifecycle().unmaps())
                .add("liveAtEndBytes", "LIVE AT END", Kind.BYTES, f -> f.lifecycle().liveAtEndBytes())
                .table("gcFreed", "Unmapped only by the GC", files.stream().filter(f -> f.lifecycle().gcUnmaps() > 0).toList())
                .whenEmpty("none");
    }

    private static Table deleted(List<HazardsByFile.DeletedFile> deleted) {
        return new Columns<HazardsByFile.DeletedFile>()
                .add("path", "FILE", Kind.TEXT, d -> d.path)
                .add("deletedAt", "DELETED AT", Kind.TIME, d -> d.deletedAt)
                .add("mappedAfterNanos", "MAPPED AFTER", Kind.NANOS, d -> d.longestMappedAfter.toNanos())
                .add("mappedAtEnd", "AT END", Kind.TEXT, d -> d.mappedAtEnd ? "still mapped" : "unmapped")
                .table("deletedFiles", "Files deleted while mapped", deleted)
                .whenEmpty("none seen");
    }

    private static Table failures(MapFailures failures) {
        return new Columns<MapFailures.Failure>()
                .add("path", "FILE", Kind.TEXT, MapFailures.Failure::path)
                .add("time", "TIME", Kind.TIME, MapFailures.Failure::time)
                .add("mode", "MODE", Kind.TEXT, MapFailures.Failure::mode)
                .add("size", "SIZE", Kind.BYTES, MapFailures.Failure::size)
                .add("mapCount", "MAP COUNT", Kind.COUNT, MapFailures.Failure::mapCount)
                .add("message", "MESSAGE", Kind.TEXT, MapFailures.Failure::message)
                .dataOnly("site", Kind.TEXT, MapFailures.Failure::site)
                .table("failures", "Failed maps (" + failures.count() + ")", failures.first())
                .whenEmpty(null);
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
