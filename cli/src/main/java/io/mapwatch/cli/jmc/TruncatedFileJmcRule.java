package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.TruncatedFileRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#TRUNCATED_UNDER_MAPPING} for JMC: the CLI's {@link TruncatedFileRule}, judging JMC's items. */
public final class TruncatedFileJmcRule extends CliJmcRule {
    public TruncatedFileJmcRule() {
        super(new TruncatedFileRule());
    }
}
