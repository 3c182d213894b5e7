package io.mapwatch.cli.jmc;

import io.mapwatch.cli.findings.DeletedFileMappedRule;
import io.mapwatch.cli.rulebook.RuleText;

/** {@link RuleText#DELETED_FILE_MAPPED} for JMC: the CLI's {@link DeletedFileMappedRule}, judging JMC's items. */
public final class DeletedFileMappedJmcRule extends CliJmcRule {
    public DeletedFileMappedJmcRule() {
        super(new DeletedFileMappedRule());
    }
}
