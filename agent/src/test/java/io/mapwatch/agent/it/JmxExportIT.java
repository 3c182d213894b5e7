package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rule files shipped in docs/jmx work with the real exporters, each loaded beside mapwatch as
 * a second {@code -javaagent}: the OpenTelemetry Java agent's JMX metrics (logging exporter) and
 * Prometheus' JMX exporter (scraped on a loopback port). Nothing leaves the machine.
 */
class JmxExportIT {
    private static final Path PEERS = Paths.get(System.getProperty("mapwatch.peers.dir", "target/peers"));
    private static final Path DOCS = Paths.get(System.getProperty("mapwatch.docs.dir", "../docs"));
    private static final Duration BOUND = Duration.ofMinutes(2);
    /** 1 MiB at position 1000: mappedSize is 1000 + 1 MiB. */
    private static final String MAPS = "READ_ONLY:1000:1m:2m";
    private static final long MAPPED_SIZE = 1000 + (1L << 20);

    /**
     * The exported names of each attribute, as docs/jmx.md lists them: OpenTelemetry's, then
     * Prometheus'; labels or attributes in braces.
     */
    private static final String[][] EXPORTED_NAMES = {
            {"TrackedMappings", "mapwatch.tracked.count", "mapwatch_tracked_mappings"},
            {"TrackedBytes", "mapwatch.tracked.size", "mapwatch_tracked_bytes"},
            {"ResidentBytes", "mapwatch.tracked.resident", "mapwatch_tracked_resident_bytes"},
            {"PageCacheBytes", "mapwatch.tracked.page_cache", "mapwatch_tracked_page_cache_bytes"},
            {"UntrackedMappings", "mapwatch.untracked.count", "mapwatch_untracked_mappings"},
            {"UntrackedBytes", "mapwatch.untracked.size", "mapwatch_untracked_bytes"},
            {"MapCount", "mapwatch.map.count", "mapwatch_map_count"},
            {"MaxMapCount", "mapwatch.map.limit", "mapwatch_max_map_count"},
            {"MajorFaults", "mapwatch.page_faults{type=\"major\"}", "mapwatch_page_faults_total{type=\"major\"}"},
            {"MinorFaults", "mapwatch.page_faults{type=\"minor\"}", "mapwatch_page_faults_total{type=\"minor\"}"},
            {"StallMillis", "mapwatch.page_fault.stall.time", "mapwatch_page_fault_stall_seconds_total"},
            {"Hazards", "mapwatch.hazards", "mapwatch_hazards_total"}};
    private static final Map<String, String> OTEL_NAMES = exportedNames(1);
    private static final Map<String, String> PROMETHEUS_NAMES = exportedNames(2);

    @Test
    void openTelemetryAgentExportsTheMetricsOfTheRuleFile(@TempDir Path dir) throws Exception {
        Path otelAgent = PEERS.resolve("opentelemetry-javaagent.jar");
        assumeTrue(Files.exists(otelAgent), "OpenTelemetry agent jar not copied by the build: " + otelAgent);
        ForkedJvm.Running app = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", MAPS, "--load")
                .holding(dir, "300")
                .jvmArg("-javaagent:" + otelAgent.toAbsolutePath(),
                        "-Dotel.jmx.config=" + DOCS.resolve("jmx/otel-jmx-rules.yaml").toAbsolutePath(),
                        "-Dotel.metrics.exporter=logging", "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none",
                        "-Dotel.metric.export.interval=1000")
                .agent("sample=200ms,residency=500ms")
                .start();
        Map<String, Double> metrics;
        try {
            app.awaitReady(BOUND);
            metrics = exportedAgreeingWithProc(app.pid(), () -> lastOtelExport(app.stderrSoFar()), OTEL_NAMES,
                    "OpenTelemetry's export agrees with /proc");
        } finally {
            app.release();
        }
        app.await(BOUND).assertSucceeded();

        System.out.println("OpenTelemetry export: " + metrics);
        assertPlausible(metrics, OTEL_NAMES);
    }

    @Test
    void prometheusJmxExporterServesTheMetricsOfTheRuleFile(@TempDir Path dir) throws Exception {
        Path exporter = PEERS.resolve("jmx_prometheus_javaagent.jar");
        assumeTrue(Files.exists(exporter), "JMX exporter jar not copied by the build: " + exporter);
        int port = freeLoopbackPort();
        ForkedJvm.Running app = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", MAPS, "--load")
                .holding(dir, "300")
                .jvmArg("-javaagent:" + exporter.toAbsolutePath() + "=127.0.0.1:" + port + ":"
                        + DOCS.resolve("jmx/jmx-exporter.yaml").toAbsolutePath())
                .agent("sample=200ms,residency=500ms")
                .start();
        String[] lastScrape = {""};
        Map<String, Double> metrics;
        try {
            app.awaitReady(BOUND);
            metrics = exportedAgreeingWithProc(app.pid(), () -> {
                lastScrape[0] = scrape(port);
                return prometheusSamples(lastScrape[0]);
            }, PROMETHEUS_NAMES, "the scrape agrees with /proc");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast scrape:\n" + lastScrape[0] + "\nstderr:\n" + app.stderrSoFar(), e);
        } finally {
            app.release();
        }
        app.await(BOUND).assertSucceeded();

        System.out.println("Prometheus scrape: " + metrics);
        assertTrue(lastScrape[0].contains("# TYPE mapwatch_page_faults_total counter"), lastScrape[0]);
        assertTrue(lastScrape[0].contains("# TYPE mapwatch_map_count gauge"), lastScrape[0]);
        assertPlausible(metrics, PROMETHEUS_NAMES);
    }

    /** Attribute name to its exported name in column {@code column} of {@link #EXPORTED_NAMES}. */
    private static Map<String, String> exportedNames(int column) {
        Map<String, String> names = new HashMap<>();
        for (String[] row : EXPORTED_NAMES) {
            names.put(row[0], row[column]);
        }
        return names;
    }

    /** What the workload's one loaded mapping and a quiet JVM must show, exported under {@code names}. */
    private static void assertPlausible(Map<String, Double> metrics, Map<String, String> names) throws IOException {
        names.values().forEach(name -> value(metrics, name));
        assertEquals(1, value(metrics, names.get("TrackedMappings")));
        assertEquals(MAPPED_SIZE, value(metrics, names.get("TrackedBytes")));
        assertTrue(value(metrics, names.get("PageCacheBytes")) >= MAPPED_SIZE, "loaded: in the page cache");
        assertTrue(value(metrics, names.get("UntrackedMappings")) > 0 && value(metrics, names.get("UntrackedBytes")) > 0,
                "the JVM's own files are untracked");
        assertEquals(ProcOfProcess.maxMapCount(), value(metrics, names.get("MaxMapCount")));
        assertTrue(value(metrics, names.get("MinorFaults")) > 0, "minor faults counted");
        assertTrue(value(metrics, names.get("MajorFaults")) >= 0);
        assertTrue(value(metrics, names.get("StallMillis")) >= 0);
        assertEquals(0, value(metrics, names.get("Hazards")));
    }

    /**
     * Waits until the exported map count is within a few lines of /proc/PID/maps (read just after
     * the export was taken; the export lags the agent's pass by up to its own interval) and the
     * resident figure covers the workload's loaded mapping, and returns that export.
     */
    private static Map<String, Double> exportedAgreeingWithProc(long pid, Supplier<Map<String, Double>> export,
                                                                Map<String, String> names, String what)
            throws InterruptedException {
        String mapCount = names.get("MapCount");
        String resident = names.get("ResidentBytes");
        List<Map<String, Double>> last = new ArrayList<>(List.of(Map.of()));
        long[] lines = {-1};
        try {
            Waits.until(BOUND, () -> {
                Map<String, Double> metrics = export.get();
                last.set(0, metrics);
                if (!metrics.keySet().containsAll(names.values())) {
                    return false; // not yet measured, or an export read while it was still being printed
                }
                try {
                    lines[0] = ProcOfProcess.maps(pid).size();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Math.abs(metrics.get(mapCount) - lines[0]) <= JmxIT.MAP_COUNT_TOLERANCE
                        && metrics.get(resident) == MAPPED_SIZE;
            }, what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last export " + last.get(0) + ", /proc maps lines " + lines[0], e);
        }
        System.out.printf("exported %s %.0f, /proc/%d/maps %d lines%n", mapCount, last.get(0).get(mapCount), pid, lines[0]);
        return last.get(0);
    }

    private static double value(Map<String, Double> metrics, String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new AssertionError("no " + name + " in " + metrics);
        }
        return value;
    }

    private static final Pattern OTEL_METRIC = Pattern.compile("LoggingMetricExporter - metric: .*?, name=(mapwatch\\.[a-z_.]+), "
            + "description=.*?, type=\\w+, data=(.*)");
    private static final Pattern OTEL_POINT = Pattern.compile("attributes=\\{([^}]*)}, value=([-0-9.E]+)");

    /** Each mapwatch metric of the logging exporter's output, its last value, keyed {@code name{attributes}}. */
    static Map<String, Double> lastOtelExport(String stderr) {
        Map<String, Double> values = new HashMap<>();
        for (String line : stderr.split("\n")) {
            Matcher metric = OTEL_METRIC.matcher(line);
            if (metric.find()) {
                Matcher point = OTEL_POINT.matcher(metric.group(2));
                while (point.find()) {
                    String key = point.group(1).isEmpty() ? metric.group(1) : metric.group(1) + "{" + point.group(1) + "}";
                    values.put(key, Double.parseDouble(point.group(2)));
                }
            }
        }
        return values;
    }

    private static final Pattern PROMETHEUS_SAMPLE = Pattern.compile("^(mapwatch_\\w+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

    static Map<String, Double> prometheusSamples(String text) {
        Map<String, Double> values = new HashMap<>();
        Matcher sample = PROMETHEUS_SAMPLE.matcher(text);
        while (sample.find()) {
            values.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return values;
    }

    /** GET /metrics on the loopback port; empty while the exporter is not up yet. */
    private static String scrape(int port) {
        try {
            HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
            http.setConnectTimeout(2000);
            http.setReadTimeout(10000);
            try (InputStream in = http.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                http.disconnect();
            }
        } catch (IOException notYet) {
            return "";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
