package io.mapwatch.cli.views;

import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Severity;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;
import io.mapwatch.cli.render.Table;

import java.util.List;

/** Findings: a "findings" table for JSON and CSV, paragraphs for people. */
public final class FindingsView {
    private FindingsView() {
    }

    public static void add(Document document, List<Finding> findings) {
        Table table = document.add(new Table("findings", "Findings", List.of(
                new Column("id", "ID", Kind.TEXT), new Column("severity", "SEVERITY", Kind.TEXT),
                new Column("summary", "SUMMARY", Kind.TEXT), Column.dataOnly("name", Kind.TEXT),
                Column.dataOnly("why", Kind.TEXT), Column.dataOnly("action", Kind.TEXT)))).only(Section.Audience.DATA);
        StringBuilder text = new StringBuilder("Findings");
        for (Finding f : findings) {
            table.row(f.id(), f.severity().name(), f.seen(), f.name(), f.why(), f.action());
            text.append(String.format("%n  %-8s %s (%s)%n    %s", label(f.severity()), f.name(), f.id(), f.seen()));
            if (!f.why().isEmpty()) {
                text.append("\n    Why: ").append(f.why()).append("\n    Do: ").append(f.action());
            }
        }
        document.add(new Note(text.toString(), Section.Audience.TEXT));
    }

    private static String label(Severity severity) {
        return severity == Severity.NOT_APPLICABLE ? "N/A" : severity.name();
    }
}
