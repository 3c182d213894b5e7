package io.mapwatch.cli.jmc;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.cli.workloads.MapAndRead;
import io.mapwatch.cli.workloads.TruncateUnderMap;
import io.mapwatch.events.AgentStatusEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.testapps.DemoWorkload;
import io.mapwatch.testapps.ForceWriter;
import io.mapwatch.testapps.MapScenario;
import io.mapwatch.testapps.UnmapTriggers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.flightrecorder.rules.report.JfrRulesReport;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mapwatch's JMC rules as JMC runs them: JMC's own command-line rules report, in a JVM of its own
 * with only JMC's jars and mapwatch-jmc-rules.jar on the class path, on recordings the real agent
 * made of workloads with a known finding (and one synthetic recording for what no workload causes
 * on demand). The results carry the CLI's ids, titles and severities.
 */
class JmcRulesIT {
    private static final long ADDRESS = 0x7f1000000000L;
    private static final long MAPPED = 64L << 20;
    private static final String COLD = "/srv/index/cold.dat";

    @TempDir
    Path dir;

    @Test
    void failedMapIsAWarningInJmcAsInTheCli() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("failed.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:8k:4k");
        assertTrue(run.exitCode() != 0, "a read-only channel cannot map past the end: " + run.output());

        Map<String, String> result = theCliFinding(jmcReport(run.recording()), run.recording(), "map-failures", "WARNING");
        assertTrue(result.get("summary").startsWith("1 map(s) failed; the first, READ_ONLY 8.00 KiB of "
                + dir.resolve("map-0.dat")), result.toString());
        assertTrue(result.get("summary").contains(" at " + MapScenario.class.getName() + "."),
                "the site, from JMC's stack trace: " + result);
    }

    @Test
    void mapThatGrowsItsFileIsInfoInJmcAsInTheCli() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("grow.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_WRITE:0:8k:4k");
        assertEquals(0, run.exitCode(), run.output());

        Map<String, Map<String, String>> report = jmcReport(run.recording());
        Map<String, String> grown = theCliFinding(report, run.recording(), "map-extends-file", "INFO");
        assertEquals("1 map(s) grew 1 file(s), first " + dir.resolve("map-0.dat") + ".", grown.get("summary"));
        Map<String, String> failures = report.get("mapwatch.map-failures");
        assertEquals("OK", failures.get("severity"), failures.toString());
        assertEquals("No map failed.", failures.get("summary"));
    }

    @Test
    void fileBothMappedAndReadIsTheCliFindingInJmc() throws Exception {
        Path file = dir.resolve("twice.dat");
        Workload.Run run = Workload.record(dir.resolve("twice.jfr"), MapAndRead.ALL_READS, MapAndRead.class,
                file.toString(), "2");
        assertEquals(0, run.exitCode(), run.output());

        // 256 MiB read with read() from a mapped file, more than warning-bytes
        Map<String, String> twice = theCliFinding(jmcReport(run.recording()), run.recording(), "double-cached", "WARNING");
        assertEquals("1 mapped file(s) also read with read(): " + file + " (" + run.result("reads")
                + " read() calls, 256 MiB).", twice.get("summary"));
    }

    @Test
    void forceLatencyIsTheCliFindingInJmc() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("force.jfr"), ForceWriter.class, "--file",
                dir.resolve("journal.dat").toString(), "--size", "4m", "--record", "4k", "--force-every", "4k",
                "--seconds", "3");
        assertEquals(0, run.exitCode(), run.output());

        // a force() per 4 KiB record on a loaded machine
        Map<String, String> force = theCliFinding(jmcReport(run.recording()), run.recording(), "force-latency", "WARNING");
        assertTrue(force.get("summary").startsWith(run.result("forces") + " force() calls took"), force.toString());
    }

    @Test
    void mappingLeftToTheGcIsInfoInJmcAsInTheCli() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("gc.jfr"), UnmapTriggers.class,
                "--file", dir.resolve("gc.dat").toString(), "--trigger", "gc", "--hold-ms", "100");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("true", run.result("released"), run.output());

        Map<String, String> gc = jmcReport(run.recording()).get("mapwatch.gc-only-unmaps");
        Map<String, Object> cli = cliFinding(run.recording(), "gc-only-unmaps");
        assertEquals("INFO", cli.get("severity"), "one GC unmap, fewer than min-unmaps: " + cli);
        assertEquals("Information", gc.get("severity"), gc.toString());
        assertEquals(50.0, Double.parseDouble(gc.get("score")), gc.toString());
        assertTrue(gc.get("summary").startsWith("1 of 1 unmaps (100%) were done by the GC"), gc.toString());
    }

    @Test
    void truncatedFileIsAWarningInJmcAsInTheCli() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("truncated.jfr"), TruncateUnderMap.class,
                dir.resolve("shrinking.dat").toString(), "3");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Integer.parseInt(run.result("errors")) >= 1, run.output());

        Map<String, String> truncated = jmcReport(run.recording()).get("mapwatch.truncated-under-mapping");
        assertEquals("WARNING", cliFinding(run.recording(), "truncated-under-mapping").get("severity"));
        assertEquals("Warning", truncated.get("severity"), truncated.toString());
        assertTrue(truncated.get("summary").matches("(?s).*\\d+ 'unsafe memory access' error\\(s\\).*"), truncated.toString());
    }

    /** The demo's cold reader stalls in page faults: JMC's results say what the CLI's findings say, rule by rule. */
    @Test
    void everyRuleOfTheDemoJudgesAsTheCliDoes() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("demo.jfr"), DemoWorkload.class, "--dir",
                dir.resolve("demo").toString(), "--index-size", "16m", "--cold-size", "64m", "--seconds", "4");
        assertEquals(0, run.exitCode(), run.output());

        Map<String, Map<String, String>> report = jmcReport(run.recording());
        List<Map<String, Object>> findings = Json.array(CliRun.of("summary", "--format", "json",
                run.recording().toString()).json(), "findings");
        assertEquals(11, findings.size(), findings.toString());
        for (Map<String, Object> finding : findings) {
            Map<String, String> result = report.get("mapwatch." + finding.get("id"));
            if ("NOT_APPLICABLE".equals(finding.get("severity"))) {
                assertEquals(null, result, "JMC's report leaves a rule out when it is not applicable: " + finding);
            } else {
                assertTrue(result != null, "JMC ran mapwatch." + finding.get("id") + ": " + report.keySet());
                assertEquals(jmcSeverity((String) finding.get("severity")), result.get("severity"),
                        finding + " in JMC: " + result);
            }
        }
        Map<String, Object> stalls = Json.row(findings, "id", "page-fault-stalls");
        assertTrue(!"NOT_APPLICABLE".equals(stalls.get("severity")), "the stall sampler ran: " + stalls);
        assertEquals(stalls.get("summary"), report.get("mapwatch.page-fault-stalls").get("summary"),
                "the CLI's words, with the frames where stall time went when it names them");
        // How long the cold reader waits is the disk's business (a fast disk serves it in 40 ms, a slow one
        // in seconds): whatever the verdict and the text, JMC gives the CLI's. That a stall's stack is named
        // alike is asserted on a recording made to have one (samplerAndHazardFindingsAreTheCliFindingsInJmc).
    }

    /**
     * Stalls, cold reads, pressure, a deleted file and the map count near its limit at WARNING: made in
     * this JVM, as no workload causes them on demand (stalls and cold reads need the disk to be slow,
     * pressure needs a small cgroup, the map count a lowered vm.max_map_count, which is the whole
     * machine's). The stalled thread then runs where JFR's execution sampler sees it, so the CLI names
     * the frames where the stall time went. JMC's results are the CLI's findings, word for word.
     */
    @Test
    void samplerAndHazardFindingsAreTheCliFindingsInJmc() throws Exception {
        Path recording = SyntheticRecording.untilSampledSpinning(attempt -> samplerAndHazardRecording(dir.resolve("synthetic-" + attempt + ".jfr")));
        assertTrue(namesAStallStack(recording), "the CLI names the stack sampled right after the stall");

        Map<String, Map<String, String>> report = jmcReport(recording);
        for (String id : List.of("cold-mapped-reads", "page-cache-pressure", "deleted-file-mapped", "map-count-limit",
                "page-fault-stalls")) {
            theCliFinding(report, recording, id, "WARNING");
        }
        assertTrue(report.get("mapwatch.cold-mapped-reads").get("summary").startsWith("1 file(s) read while mostly not"
                + " in memory: " + COLD + ": 12 slow reads"), report.get("mapwatch.cold-mapped-reads").toString());
        assertTrue(report.get("mapwatch.map-count-limit").get("summary").startsWith("Peak map count 60000 of"
                + " vm.max_map_count 65530 ("), report.get("mapwatch.map-count-limit").toString());
        assertTrue(report.get("mapwatch.page-fault-stalls").get("summary").matches("Thread .* stalled in page faults"
                + " for .* in 1 stalls with 3 major faults; .* Most stall time at .*"),
                report.get("mapwatch.page-fault-stalls").toString());
    }

    /** Whether the CLI says that most stall time went where the stalled thread spun right after. */
    private static boolean namesAStallStack(Path recording) {
        return cliFinding(recording, "page-fault-stalls").get("summary").toString().matches(".* Most stall time at .*"
                + Pattern.quote(SyntheticRecording.class.getName() + ".spinWhereTheSamplerSeesIt:") + ".*");
    }

    private static Path samplerAndHazardRecording(Path file) {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            AgentStatusEvent agent = new AgentStatusEvent();
            agent.version = "synthetic";
            SyntheticRecording.commit(agent);
            SyntheticRecording.commit(SyntheticRecording.source(RecordingAnalysis.STALL_SOURCE, MapwatchEvents.SOURCE_OK));
            SyntheticRecording.commit(SyntheticRecording.map(COLD, ADDRESS, MAPPED));
            for (int pass = 0; pass < 3; pass++) {
                SyntheticRecording.commit(SyntheticRecording.residency(COLD, ADDRESS, MAPPED, 1L << 20));
            }
            SyntheticRecording.reads(COLD, 12);
            SyntheticRecording.commit(SyntheticRecording.pressure(0.25, 50_000));
            SyntheticRecording.commit(SyntheticRecording.hazard(MapwatchEvents.HAZARD_FILE_DELETED, COLD, ADDRESS, MAPPED, -1));
            SyntheticRecording.commit(SyntheticRecording.processMemory(MAPPED, 60_000));
            SyntheticRecording.commitStall(SyntheticRecording.stall(), 400);
            SyntheticRecording.spinWhereTheSamplerSeesIt(60);
            return synthetic.dump(file);
        }
    }

    /** How JMC's report names the CLI's severity (other than not applicable). */
    private static String jmcSeverity(String cli) {
        switch (cli) {
            case "WARNING":
                return "Warning";
            case "INFO":
                return "Information";
            default:
                return "OK";
        }
    }

    /** The results of JMC's rules report on {@code recording}, by rule id: name, severity, score and texts. */
    private static Map<String, Map<String, String>> jmcReport(Path recording) throws Exception {
        List<String> classpath = new ArrayList<>();
        classpath.add(Paths.get(System.getProperty("mapwatch.jmc.rules.jar")).toString());
        // JMC's jars, as Maven resolved them for this test: the rules API, the parser and their own dependencies.
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("org/openjdk/jmc/") || entry.contains("org/owasp/")
                        || entry.contains("org/lz4/"))
                .forEach(classpath::add);
        Path out = Files.createTempFile("jmc-report", ".xml");
        Process report = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), JfrRulesReport.class.getName(), "-verbose",
                recording.toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(report.waitFor(180, TimeUnit.SECONDS), "JMC's report ended");
        assertEquals(0, report.exitValue());
        NodeList rules = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile())
                .getElementsByTagName("rule");
        Map<String, Map<String, String>> results = new HashMap<>();
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            Map<String, String> fields = new HashMap<>();
            for (String field : List.of("id", "name", "severity", "score", "summary", "explanation", "solution")) {
                NodeList value = rule.getElementsByTagName(field);
                // JMC joins a number and its unit with a no-break space ("8\u00a0KiB"), and the texts are HTML: JMC
                // shows "a &lt; b" as "a < b".
                fields.put(field, value.getLength() == 0 ? null : value.item(0).getTextContent().replace('\u00a0', ' ')
                        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            }
            results.put(fields.get("id"), fields);
        }
        assertTrue(results.containsKey("mapwatch.map-failures"), "JMC ran mapwatch's rules: "
                + Files.readString(out, StandardCharsets.UTF_8));
        Files.delete(out);
        return results;
    }

    /**
     * JMC's result of rule {@code id} in {@code report}, asserted to be the CLI's finding on
     * {@code recording}, of {@code severity}: its name, severity, score, summary, reason and advice.
     */
    private static Map<String, String> theCliFinding(Map<String, Map<String, String>> report, Path recording,
            String id, String severity) {
        Map<String, Object> cli = cliFinding(recording, id);
        Map<String, String> jmc = report.get("mapwatch." + id);
        RuleText text = RuleText.valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        assertEquals(severity, cli.get("severity"), cli.toString());
        assertEquals("mapwatch: " + text.title(), jmc.get("name"), jmc.toString());
        assertEquals(jmcSeverity(severity), jmc.get("severity"), jmc.toString());
        assertEquals("WARNING".equals(severity) ? 100.0 : 50.0, Double.parseDouble(jmc.get("score")), jmc.toString());
        assertEquals(cli.get("summary"), jmc.get("summary"), id + ": the CLI's own words and numbers");
        assertEquals(text.why(), jmc.get("explanation"), "the CLI's reason, from the rulebook");
        assertEquals(text.action(), jmc.get("solution"), "the CLI's advice, from the rulebook");
        return jmc;
    }

    private static Map<String, Object> cliFinding(Path recording, String id) {
        return Json.row(Json.array(CliRun.of("summary", "--format", "json", recording.toString()).json(), "findings"),
                "id", id);
    }
}
