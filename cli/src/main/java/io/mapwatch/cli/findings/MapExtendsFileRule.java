package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.MappedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.events.MapwatchEvents;

import java.util.List;

/** READ_WRITE maps that reached past the end of their file and so grew it. */
public final class MapExtendsFileRule implements Rule {
    @Override
    public RuleText text() {
        return RuleText.MAP_EXTENDS_FILE;
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
