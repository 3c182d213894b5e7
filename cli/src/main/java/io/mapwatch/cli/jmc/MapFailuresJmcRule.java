package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.MapFailuresRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#MAP_FAILURES} for JMC: the CLI's {@link MapFailuresRule}, judging JMC's items. */
public final class MapFailuresJmcRule extends CliJmcRule {
    public MapFailuresJmcRule() {
        super(new MapFailuresRule());
    }
}
