package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.GcOnlyUnmapsRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#GC_ONLY_UNMAPS} for JMC: the CLI's {@link GcOnlyUnmapsRule}, judging JMC's items. */
public final class GcOnlyUnmapsJmcRule extends CliJmcRule {
    public GcOnlyUnmapsJmcRule() {
        super(new GcOnlyUnmapsRule());
    }
}
