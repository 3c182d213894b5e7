package io.mapwatch.cli.views;

import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Severity;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Note;
import io.mapwatch.cli.render.Section;

import java.util.List;

/** Findings: a "findings" table for JSON and CSV, paragraphs for people. */
public final class FindingsView {
    private FindingsView() {
    }

    public static void add(Document document, List<Finding> findings) {
        document.add(new Columns<Finding>()
                .add("id", "ID", Kind.TEXT, Finding::id)
                .add("severity", "SEVERITY", Kind.TEXT, f -> f.severity().name())
                .add("summary", "SUMMARY", Kind.TEXT, Finding::seen)
                .dataOnly("name", Kind.TEXT, Finding::name)
                .dataOnly("why", Kind.TEXT, Finding::why)
                .dataOnly("action", Kind.TEXT, Finding::action)
                .table("findings", "Findings", findings).only(Section.Audience.DATA));
        StringBuilder text = new StringBuilder("Findings");
        for (Finding f : findings) {
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
