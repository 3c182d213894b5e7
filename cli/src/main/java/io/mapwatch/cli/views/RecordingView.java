package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.RecordingInfo;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;

import java.util.List;

/** The recordings a document is about. */
public final class RecordingView {
    private RecordingView() {
    }

    public static void add(Document document, RecordingAnalysis analysis) {
        List<String> files = files(analysis);
        document.add(new Fields("recording", "Recording")
                .add("start", "Start", Kind.TIME, analysis.start())
                .add("end", "End", Kind.TIME, analysis.end())
                .add("durationSeconds", "Duration", Kind.SECONDS, analysis.duration().toMillis() / 1000.0)
                .add("files", files.size() == 1 ? "File" : "Files", Kind.LINES, files)
                .add("agentVersion", "Agent", Kind.TEXT, analysis.agent().version()));
        if (analysis.recordings().stream().anyMatch(RecordingInfo::cutShort)) {
            document.note("The recording was cut short: only its complete chunks were read.");
        }
        if (!analysis.hasMapwatchEvents()) {
            document.note("No mapwatch events: this recording was made without the mapwatch agent (add"
                    + " -javaagent:mapwatch-agent.jar=record=FILE). Shown below is what the JDK's own events tell.");
        }
    }

    /** The recording files as the user named them. */
    static List<String> files(RecordingAnalysis analysis) {
        return analysis.recordings().stream().map(r -> r.file().toString()).toList();
    }
}
