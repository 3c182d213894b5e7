package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.DoubleCachedRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#DOUBLE_CACHED} for JMC: the CLI's {@link DoubleCachedRule}, judging JMC's items. */
public final class DoubleCachedJmcRule extends CliJmcRule {
    public DoubleCachedJmcRule() {
        super(new DoubleCachedRule());
    }
}
