package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.MapExtendsFileRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#MAP_EXTENDS_FILE} for JMC: the CLI's {@link MapExtendsFileRule}, judging JMC's items. */
public final class MapExtendsFileJmcRule extends CliJmcRule {
    public MapExtendsFileJmcRule() {
        super(new MapExtendsFileRule());
    }
}
