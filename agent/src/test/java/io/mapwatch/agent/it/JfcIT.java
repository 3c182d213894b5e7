package io.mapwatch.agent.it;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped mapwatch.jfc used the JDK's own ways, with the agent loaded but no {@code record=}:
 * {@code -XX:StartFlightRecording} with {@code settings=default,settings=mapwatch.jfc}, its knobs
 * on that command line, and {@code jfr configure} to make one .jfc of JFR's defaults and mapwatch's
 * with knobs changed. What a user checks: the events are there, and a knob does what it says.
 */
class JfcIT {
    private static final Path JFR_TOOL = Paths.get(System.getProperty("java.home"), "bin", "jfr");
    /** Maps, loads, forces and unmaps explicitly: every lifecycle event but a failure. */
    private static final String[] WORKLOAD = {"--maps", "READ_WRITE:0:64k:64k", "--load", "--force", "--unmap"};

    @Test
    void defaultPlusMapwatchJfcRecordsMapwatchEventsWithItsSettings(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("shipped.jfr");
        runWorkload(dir, ShippedJfc.startFlightRecording(ShippedJfc.extract(dir), recording));

        for (String name : List.of("mapwatch.Map", "mapwatch.Load", "mapwatch.Force", "mapwatch.Unmap")) {
            assertEquals(1, Recordings.events(recording, name).size(), name);
        }
        assertFalse(Recordings.events(recording, "mapwatch.AgentStatus").isEmpty());
        assertFalse(Recordings.events(recording, "jdk.JVMInformation").isEmpty(), "JFR's default settings too");
        assertEquals("io.mapwatch.testapps.MapScenario.mapOne",
                Recordings.topApplicationFrame(Recordings.events(recording, "mapwatch.Map").get(0)));
        assertNull(Recordings.events(recording, "mapwatch.Unmap").get(0).getStackTrace(), "unmap-stack-trace is off");
        assertEquals("20 ms", activeSetting(recording, "mapwatch.MappedRead", "threshold"), "mapped-read-threshold");
    }

    @Test
    void knobsOnTheStartFlightRecordingLineChangeTheSettings(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("knobs.jfr");
        runWorkload(dir, ShippedJfc.startFlightRecording(ShippedJfc.extract(dir), recording,
                "unmap-stack-trace=true", "mapped-read-threshold=0ms"));

        assertKnobsTookEffect(recording);
    }

    @Test
    void jfrConfigureMakesOneJfcOfDefaultAndMapwatchWithKnobsChanged(@TempDir Path dir) throws Exception {
        ToolRun help = ToolRun.of(JFR_TOOL.toString(), "help", "configure");
        assumeTrue(help.exitCode == 0 && help.output.contains("--input"), "this JDK's jfr tool has no configure command");
        Path custom = dir.resolve("custom.jfc");
        ToolRun.of(JFR_TOOL.toString(), "configure", "--input", "default.jfc," + ShippedJfc.extract(dir),
                "unmap-stack-trace=true", "mapped-read-threshold=0ms", "--output", custom.toString()).assertSucceeded();

        Document jfc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(custom.toFile());
        assertEquals("true", setting(jfc, "mapwatch.Unmap", "stackTrace"));
        assertEquals("0 ms", setting(jfc, "mapwatch.MappedRead", "threshold"));
        assertEquals("20 ms", setting(jfc, "mapwatch.MappedWrite", "threshold"), "knobs not named keep their value");
        assertEquals("0 ms", control(jfc, "mapped-read-threshold"), "the knob itself says what it is now");
        assertEquals("true", setting(jfc, "jdk.GarbageCollection", "enabled"), "JFR's default settings are in the same file");

        Path recording = dir.resolve("custom.jfr");
        runWorkload(dir, "-XX:StartFlightRecording:settings=" + custom + ",filename=" + recording);
        assertFalse(Recordings.events(recording, "jdk.JVMInformation").isEmpty(), "JFR's default settings from the one file");
        assertKnobsTookEffect(recording);
    }

    private static void assertKnobsTookEffect(Path recording) throws IOException {
        List<RecordedEvent> unmaps = Recordings.events(recording, "mapwatch.Unmap");
        assertEquals(1, unmaps.size());
        assertNotNull(unmaps.get(0).getStackTrace(), "unmap-stack-trace=true gives unmaps a stack trace");
        assertEquals("io.mapwatch.testapps.Unmapping.unmapNow", Recordings.topApplicationFrame(unmaps.get(0)));
        assertEquals("0 ms", activeSetting(recording, "mapwatch.MappedRead", "threshold"), "mapped-read-threshold=0ms");
        assertEquals("20 ms", activeSetting(recording, "mapwatch.MappedWrite", "threshold"));
    }

    /** The workload with the agent loaded without options and the given recording option. */
    private static void runWorkload(Path dir, String startFlightRecording) throws Exception {
        String[] args = new String[WORKLOAD.length + 2];
        args[0] = "--dir";
        args[1] = dir.toString();
        System.arraycopy(WORKLOAD, 0, args, 2, WORKLOAD.length);
        ForkedJvm.workload("MapScenario", args).agent("").jvmArg(startFlightRecording).run().assertSucceeded();
    }

    /** The value JFR says it applied (jdk.ActiveSetting) for a setting of an event type. */
    private static String activeSetting(Path recording, String eventName, String setting) throws IOException {
        long id = -1;
        String value = null;
        try (RecordingFile file = new RecordingFile(recording)) {
            for (EventType type : file.readEventTypes()) {
                if (type.getName().equals(eventName)) {
                    id = type.getId();
                }
            }
        }
        for (RecordedEvent active : Recordings.events(recording, "jdk.ActiveSetting")) {
            if (active.getLong("id") == id && active.getString("name").equals(setting)) {
                value = active.getString("value");
            }
        }
        assertNotNull(value, "no jdk.ActiveSetting for " + eventName + "#" + setting);
        return value;
    }

    private static String setting(Document jfc, String eventName, String setting) {
        NodeList events = jfc.getElementsByTagName("event");
        for (int i = 0; i < events.getLength(); i++) {
            Element event = (Element) events.item(i);
            if (event.getAttribute("name").equals(eventName)) {
                NodeList settings = event.getElementsByTagName("setting");
                for (int j = 0; j < settings.getLength(); j++) {
                    Element element = (Element) settings.item(j);
                    if (element.getAttribute("name").equals(setting)) {
                        return element.getTextContent().trim();
                    }
                }
            }
        }
        throw new AssertionError(eventName + "#" + setting + " is not in the .jfc");
    }

    private static String control(Document jfc, String name) {
        for (String tag : List.of("text", "flag")) {
            NodeList controls = jfc.getElementsByTagName(tag);
            for (int i = 0; i < controls.getLength(); i++) {
                Element control = (Element) controls.item(i);
                if (control.getAttribute("name").equals(name)) {
                    return control.getTextContent().trim();
                }
            }
        }
        throw new AssertionError("no control " + name + " in the .jfc");
    }

    /** A JDK tool run to its end: its exit code and what it printed. */
    private static final class ToolRun {
        final int exitCode;
        final String output;
        final String command;

        private ToolRun(int exitCode, String output, String command) {
            this.exitCode = exitCode;
            this.output = output;
            this.command = command;
        }

        static ToolRun of(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
            return new ToolRun(process.exitValue(), output, String.join(" ", command));
        }

        ToolRun assertSucceeded() {
            assertEquals(0, exitCode, command + "\n" + output);
            return this;
        }
    }
}
