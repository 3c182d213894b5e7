package io.mapwatch.cli.views;

import io.mapwatch.cli.attach.AttachableJvm;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Kind;

import java.util.List;

/** The answer of {@code record --list}: the JVMs that can be recorded, and which run the agent already. */
public final class JvmsView {
    private JvmsView() {
    }

    public static Document of(List<AttachableJvm> jvms) {
        Document document = new Document();
        document.add(new Columns<AttachableJvm>()
                .add("pid", "PID", Kind.COUNT, AttachableJvm::pid)
                .add("agentVersion", "MAPWATCH", Kind.TEXT, AttachableJvm::agentVersion)
                .add("command", "COMMAND", Kind.TEXT, AttachableJvm::command)
                .table("jvms", "JVMs this user can record (MAPWATCH: the agent version they loaded)", jvms)
                .whenEmpty("no JVM of this user accepts attach"));
        return document;
    }
}
