package io.mapwatch.cli.jmc;

import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.events.MapwatchEvents;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

import java.util.Set;
import java.util.TreeSet;

/** {@link RuleText#MAP_EXTENDS_FILE} for JMC: READ_WRITE maps that reached past the end of their file. */
public final class MapExtendsFileJmcRule extends MapwatchRule {
    public MapExtendsFileJmcRule() {
        super(RuleText.MAP_EXTENDS_FILE);
    }

    @Override
    IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        long[] maps = {0};
        Set<String> files = new TreeSet<>();
        JmcEvents.forEach(items, JmcEvents.MAP, event -> {
            if (event.flag("fileExtended")) {
                maps[0]++;
                files.add(event.text("path"));
            }
        });
        Set<String> hazards = new TreeSet<>();
        JmcEvents.forEach(items, JmcEvents.MAPPING_HAZARD, event -> {
            if (MapwatchEvents.HAZARD_FILE_EXTENDED_BY_MAP.equals(event.text("kind"))) {
                hazards.add(event.text("path"));
            }
        });
        if (files.isEmpty() && hazards.isEmpty()) {
            return result(preferences, Severity.OK, "No map grew its file.");
        }
        String first = (files.isEmpty() ? hazards : files).iterator().next();
        return result(preferences, Severity.INFO, String.format("%d map(s) grew %d file(s), first %s.",
                Math.max(maps[0], hazards.size()), Math.max(files.size(), hazards.size()), first));
    }
}
