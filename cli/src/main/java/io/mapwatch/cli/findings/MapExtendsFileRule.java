package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.events.MapwatchEvents;

import java.util.List;

/** READ_WRITE maps that reached past the end of their file and so grew it. */
public final class MapExtendsFileRule implements Rule {
    @Override
    public String id() {
        return "map-extends-file";
    }

    @Override
    public String name() {
        return "Maps that grew their file";
    }

    @Override
    public String why() {
        return "Mapping READ_WRITE past the end of a file grows it, usually as a sparse file: the disk space is taken"
                + " only when pages are written, and a write to a full disk then raises SIGBUS instead of an IOException.";
    }

    @Override
    public String action() {
        return "Size the file explicitly before mapping it (RandomAccessFile.setLength, or preallocate) and check the"
                + " free space then.";
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<MappedFile> grown = analysis.files().stream().filter(f -> f.lifecycle().extendingMaps() > 0).toList();
        long hazards = analysis.hazards().ofKind(MapwatchEvents.HAZARD_FILE_EXTENDED_BY_MAP).size();
        if (grown.isEmpty() && hazards == 0) {
            return Finding.ok(this, "No map grew its file.");
        }
        long maps = grown.stream().mapToLong(f -> f.lifecycle().extendingMaps()).sum();
        String first = grown.isEmpty() ? analysis.hazards().ofKind(MapwatchEvents.HAZARD_FILE_EXTENDED_BY_MAP).get(0).path
                : grown.get(0).path();
        return Finding.of(this, Severity.INFO, String.format("%d map(s) grew %d file(s), first %s.",
                Math.max(maps, hazards), Math.max(grown.size(), hazards), first));
    }
}
