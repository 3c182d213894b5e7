package io.mapwatch.testapps.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one workload in two or three JVM configurations one after another, unpinned, alternating
 * A B [C] after a warm-up round, and prints each round's throughput ratios against A with their
 * median, geometric mean, min and max. This is BENCHMARKS.md's second method, for effects between
 * CPUs that pinned pairs ({@code ../shared/bench/pair}) cannot show. With {@code --aa} the same
 * number of A A rounds come first: their spread is the noise floor of the session. The workload
 * reports its own throughput as {@code METRIC=value} on stdout.
 *
 * <pre>
 * Overhead [--pairs 7] [--aa] [--metric ops_per_sec] --a "JVM ARGS" --b "JVM ARGS" [--c "JVM ARGS"]
 *          [--before "SHELL COMMAND"] [--java PATH] -- MainClass workload args
 * </pre>
 * {@code {tmp}} in the arguments becomes a fresh folder for each run (for recordings);
 * {@code --before} runs before every run (to evict a file, for one).
 */
public final class Overhead {
    public static void main(String[] argv) throws Exception {
        int rounds = 7;
        String metric = "ops_per_sec";
        String before = null;
        boolean aa = false;
        Map<String, String> configs = new LinkedHashMap<>();
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        int i = 0;
        for (; i < argv.length && !argv[i].equals("--"); i += 2) {
            if (argv[i].equals("--aa")) {
                aa = true;
                i--;
                continue;
            }
            String value = argv[i + 1];
            switch (argv[i]) {
                case "--pairs": rounds = Integer.parseInt(value); break;
                case "--metric": metric = value; break;
                case "--a": configs.put("A", value); break;
                case "--b": configs.put("B", value); break;
                case "--c": configs.put("C", value); break;
                case "--before": before = value; break;
                case "--java": javaBin = value; break;
                default: throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        if (!configs.containsKey("A") || !configs.containsKey("B")) {
            throw new IllegalArgumentException("--a and --b are required");
        }
        List<String> workload = Arrays.asList(argv).subList(i + 1, argv.length);
        Runner runner = new Runner(javaBin, System.getProperty("java.class.path"), workload, metric, before);

        configs.forEach((name, args) -> System.out.printf(Locale.ROOT, "%s: %s%n", name, args));
        System.out.printf(Locale.ROOT, "workload: %s%n", String.join(" ", workload));
        for (String args : configs.values()) {
            runner.run(args); // warm-up round: page cache, JIT of the tools
        }
        if (aa) {
            Map<String, String> control = new LinkedHashMap<>();
            control.put("A", configs.get("A"));
            control.put("A'", configs.get("A"));
            rounds(runner, control, rounds).forEach((name, values) -> summarize("A/A", values));
        }
        rounds(runner, configs, rounds).forEach((name, values) -> summarize(name + "/A", values));
    }

    /** Each round runs every configuration once, in order; returns each one's ratios to A. */
    private static Map<String, List<Double>> rounds(Runner runner, Map<String, String> configs, int rounds)
            throws IOException, InterruptedException {
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            double a = Double.NaN;
            for (Map.Entry<String, String> config : configs.entrySet()) {
                double value = runner.run(config.getValue());
                line.append(String.format(Locale.ROOT, "  %s %.1f", config.getKey(), value));
                if (config.getKey().equals("A")) {
                    a = value;
                } else {
                    ratios.computeIfAbsent(config.getKey(), k -> new ArrayList<>()).add(value / a);
                    line.append(String.format(Locale.ROOT, " (%s/A %.4f)", config.getKey(), value / a));
                }
            }
            System.out.println(line);
        }
        return ratios;
    }

    private static void summarize(String name, List<Double> values) {
        double logSum = 0;
        for (double v : values) {
            logSum += Math.log(v);
        }
        Collections.sort(values);
        System.out.printf(Locale.ROOT, "%s median %.3f (geomean %.3f, %.3f-%.3f, %d rounds)%n", name,
                values.get(values.size() / 2), Math.exp(logSum / values.size()), values.get(0),
                values.get(values.size() - 1), values.size());
    }

    private static final class Runner {
        private final String javaBin;
        private final String classPath;
        private final List<String> workload;
        private final String metric;
        private final String before;

        Runner(String javaBin, String classPath, List<String> workload, String metric, String before) {
            this.javaBin = javaBin;
            this.classPath = classPath;
            this.workload = workload;
            this.metric = metric;
            this.before = before;
        }

        double run(String jvmArgs) throws IOException, InterruptedException {
            if (before != null) {
                int exit = new ProcessBuilder("sh", "-c", before).inheritIO().start().waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("--before failed (exit " + exit + "): " + before);
                }
            }
            Path tmp = Files.createTempDirectory("mapwatch-bench");
            List<String> command = new ArrayList<>();
            command.add(javaBin);
            for (String arg : jvmArgs.trim().split("\\s+")) {
                if (!arg.isEmpty()) {
                    command.add(arg.replace("{tmp}", tmp.toString()));
                }
            }
            command.add("-cp");
            command.add(classPath);
            for (String arg : workload) {
                command.add(arg.replace("{tmp}", tmp.toString()));
            }
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            double value = Double.NaN;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(metric + "=")) {
                        value = Double.parseDouble(line.substring(metric.length() + 1));
                    }
                }
            }
            int exit = process.waitFor();
            try (var files = Files.walk(tmp)) {
                files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            if (exit != 0 || Double.isNaN(value)) {
                throw new IllegalStateException("run failed (exit " + exit + ", no " + metric + "): " + command);
            }
            return value;
        }
    }
}
