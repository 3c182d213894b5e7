package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.Capacity;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.Table;
import io.mapwatch.cli.render.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The answer of {@code plan}: capacity figures per recording and across them, each with its reasons. */
public final class PlanView {
    private PlanView() {
    }

    public static Document of(List<Capacity> recordings) {
        Document document = new Document();
        List<Capacity> rows = new ArrayList<>(recordings);
        if (recordings.size() > 1) {
            rows.add(Capacity.largest(recordings));
            rows.add(Capacity.sum(recordings));
        }
        document.add(table(rows));
        for (Capacity c : rows) {
            StringBuilder text = new StringBuilder(c.source());
            reasons(c).forEach(r -> text.append(String.format("%n  %-13s %s", r.line(), r.reason())));
            document.add(new Note(text.toString(), Section.Audience.TEXT));
        }
        return document;
    }

    /** The capacity figures of {@code rows}, one row each: the table of {@code plan} and of the report. */
    public static Table table(List<Capacity> rows) {
        return new Columns<Capacity>()
                .add("source", "RECORDING", Kind.TEXT, Capacity::source)
                .add("peakMappedBytes", "MAPPED", Kind.BYTES, Capacity::peakMappedBytes)
                .add("peakResidentBytes", "RESIDENT", Kind.BYTES, Capacity::peakResidentBytes)
                .add("peakPageCacheBytes", "IN CACHE", Kind.BYTES, Capacity::peakPageCacheBytes)
                .add("workingSetBytes", "WORKING SET", Kind.BYTES, Capacity::workingSetBytes)
                .add("pageCacheNeededBytes", "CACHE NEEDED", Kind.BYTES, Capacity::pageCacheNeededBytes)
                .add("peakMapCount", "MAP COUNT", Kind.COUNT, Capacity::peakMapCount)
                .add("mapCountHeadroom", "MAP ROOM", Kind.COUNT, Capacity::mapCountHeadroom)
                .add("cgroupHeadroomBytes", "CGROUP ROOM", Kind.BYTES, Capacity::cgroupHeadroomBytes)
                .dataOnly("workingSetBasis", Kind.TEXT, Capacity::workingSetBasis)
                .dataOnly("peakUntrackedBytes", Kind.BYTES, Capacity::peakUntrackedBytes)
                .dataOnly("majorFaults", Kind.COUNT, Capacity::majorFaults)
                .dataOnly("stallMillis", Kind.MILLIS, Capacity::stallMillis)
                .dataOnly("maxMapCount", Kind.COUNT, Capacity::maxMapCount)
                .dataOnly("cgroupLimitBytes", Kind.BYTES, Capacity::cgroupLimitBytes)
                .dataOnly("cgroupPeakUsageBytes", Kind.BYTES, Capacity::cgroupPeakUsageBytes)
                .dataOnly("cgroupPeakFileBytes", Kind.BYTES, Capacity::cgroupPeakFileBytes)
                .dataOnly("machinePeakCachedBytes", Kind.BYTES, Capacity::machinePeakCachedBytes)
                .table("plan", "Capacity", rows);
    }

    /** One line of a plan and the numbers that justify it. */
    public record Reason(String source, String line, String reason) {
    }

    /** The reasons of each of {@code rows}, as a table: the report shows them under its plan. */
    public static Table reasonsTable(String key, List<Capacity> rows) {
        return new Columns<Reason>()
                .add("source", "RECORDING", Kind.TEXT, Reason::source)
                .add("line", "LINE", Kind.TEXT, Reason::line)
                .add("reason", "WHY", Kind.TEXT, Reason::reason)
                .table(key, "Capacity, line by line", rows.stream().flatMap(c -> reasons(c).stream()).toList());
    }

    /** Each line of the plan of {@code c} with the numbers that justify it. */
    static List<Reason> reasons(Capacity c) {
        List<Reason> reasons = new ArrayList<>();
        BiConsumer<String, String> line = (label, reason) -> reasons.add(new Reason(c.source(), label, reason));
        line.accept("Mapped", "peak " + Units.bytes(c.peakMappedBytes()) + " through FileChannel.map"
                + (c.peakUntrackedBytes() >= 0 ? ", plus " + Units.bytes(c.peakUntrackedBytes())
                + " mapped by the JVM and native libraries" : ""));
        line.accept("Resident", c.peakResidentBytes() < 0 ? "not measured (no residency samples)"
                : "peak " + Units.bytes(c.peakResidentBytes()) + share(c.peakResidentBytes(), c.peakMappedBytes())
                + " of the peak mapped bytes were in this process's memory");
        line.accept("Page cache", c.peakPageCacheBytes() < 0 ? "not measured (no mincore samples)"
                : "peak " + Units.bytes(c.peakPageCacheBytes()) + share(c.peakPageCacheBytes(), c.peakMappedBytes())
                + " of the mapped files were in the page cache"
                + (c.machinePeakCachedBytes() >= 0 ? "; the machine cached up to " + Units.bytes(c.machinePeakCachedBytes()) : ""));
        line.accept("Working set", c.workingSetBytes() < 0 ? "not measured"
                : "about " + Units.bytes(c.workingSetBytes()) + ": " + c.workingSetBasis());
        line.accept("Cache needed", neededReason(c));
        line.accept("Map count", c.peakMapCount() < 0 ? "not measured"
                : "peak " + c.peakMapCount() + " of vm.max_map_count " + Units.count(c.maxMapCount())
                + (c.mapCountHeadroom() >= 0 ? share(c.peakMapCount(), c.maxMapCount()) + ": room for "
                + c.mapCountHeadroom() + " more mappings" : ""));
        line.accept("Cgroup", c.cgroupLimitBytes() <= 0 ? "no memory limit found"
                : "limit " + Units.bytes(c.cgroupLimitBytes()) + ", peak usage " + Units.bytes(c.cgroupPeakUsageBytes())
                + " of which page cache " + Units.bytes(c.cgroupPeakFileBytes()) + ": room for "
                + Units.bytes(c.cgroupHeadroomBytes()) + " more, and the page cache can grow only by evicting"
                + " beyond that");
        return reasons;
    }

    private static String neededReason(Capacity c) {
        String evidence = c.majorFaults() < 0 ? "" : "; " + c.majorFaults() + " major faults"
                + (c.stallMillis() < 0 ? "" : " and " + Units.millis(c.stallMillis()) + " of stalls") + " were recorded";
        if (c.workingSetBytes() < 0) {
            return "at most " + Units.bytes(c.pageCacheNeededBytes()) + " (all that was mapped); no working set was"
                    + " measured" + evidence;
        }
        String shortfall = c.peakPageCacheBytes() >= 0 && c.peakPageCacheBytes() < c.pageCacheNeededBytes()
                ? ", " + Units.bytes(c.pageCacheNeededBytes() - c.peakPageCacheBytes()) + " more than the cache held"
                : "";
        return "about " + Units.bytes(c.pageCacheNeededBytes()) + " to keep the working set cached and stalls away"
                + shortfall + evidence;
    }

    private static String share(long part, long whole) {
        return whole > 0 && part >= 0 ? " (" + Units.share((double) part / whole) + ")" : "";
    }
}
