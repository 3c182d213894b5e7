package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.MapCountRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#MAP_COUNT_LIMIT} for JMC: the CLI's {@link MapCountRule}, judging JMC's items. */
public final class MapCountJmcRule extends CliJmcRule {
    public MapCountJmcRule() {
        super(new MapCountRule());
    }
}
