package io.mapwatch.testapps.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs one workload in two JVM configurations, alternating A B A B after a warm-up pair, and
 * prints each pair's throughput ratio B/A with the median, min and max: the method of
 * BENCHMARKS.md. The workload reports its own throughput as {@code METRIC=value} on stdout.
 *
 * <pre>
 * Overhead --pairs 7 --metric ops_per_sec --a "JVM ARGS" --b "JVM ARGS" -- MainClass workload args
 * </pre>
 * {@code {tmp}} in the arguments becomes a fresh folder for each run (for recordings).
 */
public final class Overhead {
    public static void main(String[] argv) throws Exception {
        int pairs = 7;
        String metric = "ops_per_sec";
        String a = "";
        String b = "";
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        int i = 0;
        for (; i < argv.length && !argv[i].equals("--"); i += 2) {
            switch (argv[i]) {
                case "--pairs": pairs = Integer.parseInt(argv[i + 1]); break;
                case "--metric": metric = argv[i + 1]; break;
                case "--a": a = argv[i + 1]; break;
                case "--b": b = argv[i + 1]; break;
                case "--java": javaBin = argv[i + 1]; break;
                default: throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        List<String> workload = Arrays.asList(argv).subList(i + 1, argv.length);
        String classPath = System.getProperty("java.class.path");

        System.out.printf(Locale.ROOT, "A: %s%nB: %s%nworkload: %s%n", a, b, String.join(" ", workload));
        run(javaBin, classPath, a, workload, metric); // warm-up pair: page cache, JIT of the tools
        run(javaBin, classPath, b, workload, metric);
        List<Double> ratios = new ArrayList<>();
        for (int p = 1; p <= pairs; p++) {
            double va = run(javaBin, classPath, a, workload, metric);
            double vb = run(javaBin, classPath, b, workload, metric);
            ratios.add(vb / va);
            System.out.printf(Locale.ROOT, "pair %d: A %.1f  B %.1f  B/A %.4f%n", p, va, vb, vb / va);
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "median B/A %.4f  (min %.4f, max %.4f, %d pairs)%n",
                ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), ratios.size());
    }

    private static double run(String javaBin, String classPath, String jvmArgs, List<String> workload, String metric)
            throws IOException, InterruptedException {
        Path tmp = java.nio.file.Files.createTempDirectory("mapwatch-bench");
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
        try (var files = java.nio.file.Files.walk(tmp)) {
            files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        if (exit != 0 || Double.isNaN(value)) {
            throw new IllegalStateException("run failed (exit " + exit + ", no " + metric + "): " + command);
        }
        return value;
    }
}
