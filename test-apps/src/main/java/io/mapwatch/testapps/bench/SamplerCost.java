package io.mapwatch.testapps.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one workload under the agent ({@code record=} and {@code log=debug}) and reports what the
 * samplers cost it, from the agent's own accounting and the recording:
 * <ul>
 *   <li>sampler CPU time per minute, in total and by task ({@code mapwatch.AgentStatus}), after the
 *       first status (start-up: JIT, first passes);</li>
 *   <li>each smaps pass's wall time (the agent's debug lines);</li>
 *   <li>the longest {@code map()} ({@code mapwatch.Map} duration) that overlapped an smaps pass, and
 *       the longest overall, with their counts.</li>
 * </ul>
 * <pre>
 * SamplerCost --agent JAR [--options sample=1s] [--java PATH] -- MainClass workload args
 * </pre>
 */
public final class SamplerCost {
    private static final Pattern PASS = Pattern.compile("\\[mapwatch] (\\w+) pass at (\\d+) ms since the epoch took ([\\d.]+) ms");

    public static void main(String[] argv) throws Exception {
        String agent = null;
        String options = "";
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        int i = 0;
        for (; i < argv.length && !argv[i].equals("--"); i += 2) {
            switch (argv[i]) {
                case "--agent": agent = argv[i + 1]; break;
                case "--options": options = argv[i + 1]; break;
                case "--java": javaBin = argv[i + 1]; break;
                default: throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException("--agent is required");
        }
        Path tmp = Files.createTempDirectory("mapwatch-sampler-cost");
        Path recording = tmp.resolve("run.jfr");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g",
                "-javaagent:" + agent + "=record=" + recording + ",log=debug" + (options.isEmpty() ? "" : "," + options),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(Arrays.asList(argv).subList(i + 1, argv.length));
        System.out.println("command: " + String.join(" ", command));

        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        List<long[]> smapsPasses = new ArrayList<>(); // start epoch ms, end epoch ms
        List<Double> smapsMillis = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                Matcher m = PASS.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("smaps")) {
                        long start = Long.parseLong(m.group(2));
                        double millis = Double.parseDouble(m.group(3));
                        smapsPasses.add(new long[] {start, start + (long) Math.ceil(millis)});
                        smapsMillis.add(millis);
                    }
                } else if (!line.contains("[mapwatch]")) {
                    System.err.println(line);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the workload failed: " + command);
        }
        report(recording, smapsPasses, smapsMillis);
    }

    private static void report(Path recording, List<long[]> smapsPasses, List<Double> smapsMillis) throws IOException {
        long cpuNanos = 0;
        long intervalNanos = 0;
        boolean first = true;
        Map<String, Double> cpuMillisByTask = new TreeMap<>();
        Map<String, String> adjustments = new TreeMap<>();
        boolean counting = false;
        long maps = 0;
        long mapsDuringSmaps = 0;
        double longestMap = 0;
        double longestMapDuringSmaps = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (type.equals("mapwatch.AgentStatus")) {
                long interval = e.getDuration("interval").toNanos();
                counting = interval > 0 && !first; // skip the first status after start (start-up)
                if (counting) {
                    cpuNanos += e.getDuration("samplerCpuTime").toNanos();
                    intervalNanos += interval;
                }
                if (interval > 0) {
                    first = false;
                }
            } else if (type.equals("mapwatch.SamplerStatus")) {
                if (counting) { // follows its AgentStatus
                    cpuMillisByTask.merge(e.getString("sampler"), e.getDuration("cpuTime").toNanos() / 1e6, Double::sum);
                }
                if (e.getString("adjustment") != null) {
                    adjustments.put(e.getString("sampler"), e.getString("adjustment"));
                }
            } else if (type.equals("mapwatch.Map")) {
                maps++;
                double millis = e.getDuration().toNanos() / 1e6;
                longestMap = Math.max(longestMap, millis);
                long start = e.getStartTime().toEpochMilli();
                long end = e.getEndTime().toEpochMilli();
                for (long[] pass : smapsPasses) {
                    if (start <= pass[1] && end >= pass[0]) {
                        mapsDuringSmaps++;
                        longestMapDuringSmaps = Math.max(longestMapDuringSmaps, millis);
                        break;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "sampler CPU: %.0f ms per minute = %.2f%% of one core (over %.0f s after the first status)%n",
                cpuNanos / 1e6 / (intervalNanos / 60e9), 100.0 * cpuNanos / intervalNanos, intervalNanos / 1e9);
        double minutes = intervalNanos / 60e9;
        cpuMillisByTask.forEach((task, millis) ->
                System.out.printf(Locale.ROOT, "  %s: %.1f ms per minute%n", task, millis / minutes));
        System.out.println("adjustments: " + (adjustments.isEmpty() ? "none" : String.join("; ", adjustments.values())));
        System.out.println("smaps passes (wall ms): " + smapsMillis);
        System.out.printf(Locale.ROOT, "map() calls: %d, longest %.2f ms; %d overlapped an smaps pass, longest of those %.2f ms%n",
                maps, longestMap, mapsDuringSmaps, longestMapDuringSmaps);
    }
}
