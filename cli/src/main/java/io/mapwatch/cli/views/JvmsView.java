package io.mapwatch.cli.views;

import io.mapwatch.cli.attach.AttachableJvm;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;

import java.util.List;

/** The answer of {@code record --list}: the JVMs that can be recorded, and which run the agent already. */
public final class JvmsView {
    private JvmsView() {
    }

    public static Document of(List<AttachableJvm> jvms) {
        Document document = new Document();
        Table table = document.add(new Table("jvms", "JVMs this user can record (MAPWATCH: the agent version they loaded)",
                List.of(new Column("pid", "PID", Kind.COUNT),
                        new Column("agentVersion", "MAPWATCH", Kind.TEXT),
                        new Column("command", "COMMAND", Kind.TEXT)))
                .whenEmpty("no JVM of this user accepts attach"));
        for (AttachableJvm jvm : jvms) {
            table.row(jvm.pid(), jvm.agentVersion(), jvm.command());
        }
        return document;
    }
}
