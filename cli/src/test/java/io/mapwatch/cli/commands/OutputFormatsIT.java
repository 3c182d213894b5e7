package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.MapScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What tools around the CLI read, on a recording of MapScenario under the real agent: every CSV table
 * as python's csv module (and pandas, where installed) reads it, JSON with null and never -1 for
 * what was not measured, and text fitted to a width by shortening paths only.
 */
class OutputFormatsIT {
    private static final List<String> COMMANDS = List.of("summary", "faults", "mappings", "plan");

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() {
        Path data = dir.resolve("a-folder-with-a-rather-long-name").resolve("and-another-one-below-it");
        Workload.Run run = Workload.record(dir.resolve("scenario.jfr"), MapScenario.class, "--dir", data.toString(),
                "--maps", "READ_ONLY:0:1m:1m,READ_WRITE:0:256k:256k", "--force", "--unmap");
        assertEquals(0, run.exitCode(), run.output());
        recording = run.recording();
    }

    @Test
    void csvWithoutATableListsTheTablesAndExitsTwo() {
        for (String command : COMMANDS) {
            CliRun run = CliRun.of(command, "--format", "csv", recording.toString());
            assertEquals(ExitCode.USAGE, run.exitCode(), command + ": " + run);
            assertEquals("", run.out(), command + ": nothing on stdout for a pipe to mistake for data");
            assertTrue(run.err().startsWith("mapwatch: --format csv writes one table; choose it with --table NAME, one of: "),
                    command + ": " + run);
        }
        CliRun unknown = CliRun.of("summary", "--format", "csv", "--table", "nope", recording.toString());
        assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("there is no table nope here; --table takes one of: recording, mappings"), unknown.toString());
        CliRun notCsv = CliRun.of("summary", "--table", "mappings", recording.toString());
        assertEquals(ExitCode.USAGE, notCsv.exitCode(), notCsv.toString());
        assertTrue(notCsv.err().contains("--table goes with --format csv"), notCsv.toString());
    }

    @Test
    void everyCsvTableIsOneHeaderRowAndItsJsonRowsAsPythonReadsIt() throws Exception {
        boolean pandas = python("import pandas").exitCode() == 0;
        for (String command : COMMANDS) {
            Object json = CliRun.of(command, "--format", "json", recording.toString()).json();
            for (String table : tables(command)) {
                CliRun csv = CliRun.of(command, "--format", "csv", "--table", table, recording.toString());
                assertEquals(ExitCode.OK, csv.exitCode(), command + " " + table + ": " + csv);
                Path file = Files.writeString(dir.resolve(command + "-" + table + ".csv"), csv.out(), StandardCharsets.UTF_8);
                Python read = python("import csv, sys\n"
                        + "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
                        + "assert all(len(r) == len(rows[0]) for r in rows), rows\n"
                        + "print(len(rows) - 1)\n"
                        + "print('|'.join(rows[0]))", file.toString());
                assertEquals(0, read.exitCode(), command + " " + table + ": " + read.output() + "\n" + csv.out());
                String[] lines = read.output().split("\n");
                List<String> header = Arrays.asList(lines[1].split("\\|"));
                if (!table.contains(".")) {
                    List<Map<String, Object>> rows = rowsOf(json, table);
                    assertEquals(rows.size(), Integer.parseInt(lines[0]), command + " " + table + ": one CSV row per JSON row");
                    if (!rows.isEmpty()) {
                        List<String> keys = new ArrayList<>(rows.get(0).keySet());
                        keys.retainAll(header);
                        assertEquals(header, keys, command + " " + table + ": the header is JSON keys, in their order");
                    }
                }
                if (pandas) {
                    Python frame = python("import pandas, sys\nprint(len(pandas.read_csv(sys.argv[1])))", file.toString());
                    assertEquals(0, frame.exitCode(), command + " " + table + ": " + frame.output());
                    assertEquals(lines[0], frame.output().strip(), command + " " + table + ": pandas reads the same rows");
                }
            }
        }
    }

    @Test
    void jsonSaysNullAndNeverMinusOne() {
        for (String command : COMMANDS) {
            CliRun run = CliRun.of(command, "--format", "json", recording.toString());
            assertEquals(ExitCode.OK, run.exitCode(), command + ": " + run);
            List<String> negative = new ArrayList<>();
            negatives(run.json(), command, negative);
            assertEquals(List.of(), negative, command + ": no figure below zero in " + run.out());
        }
        CliRun faults = CliRun.of("faults", "--format", "json", recording.toString());
        assertTrue(faults.out().contains(": null"), "MapScenario runs no stall-heavy work; some figures are not measured: "
                + faults.out());
    }

    @Test
    void textIsFittedToTheWidthByShorteningPathsOnly() throws Exception {
        String folder = dir.resolve("a-folder-with-a-rather-long-name").resolve("and-another-one-below-it") + "/";
        CliRun wide = CliRun.of("summary", "--width", "300", recording.toString());
        assertTrue(wide.out().contains("\n" + folder + "map-0.dat "), "at 300 columns every path is whole: " + wide.out());

        ProcessBuilder narrow = new ProcessBuilder(Workload.cliCommand("summary", recording.toString()));
        narrow.environment().put("COLUMNS", "100");
        Process process = narrow.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        String mappings = out.substring(out.indexOf("Mappings by file"), out.indexOf("\n\n", out.indexOf("Mappings by file")));
        assertTrue(mappings.contains("\n  in " + folder + "\n"), "the folder once above the table: " + mappings);
        assertTrue(mappings.lines().anyMatch(l -> l.startsWith("map-0.dat ")), mappings);
        assertTrue(mappings.lines().allMatch(l -> l.length() <= 100), "COLUMNS=100 is the width: " + mappings);
        assertFalse(out.contains("..._BY_MAP") || out.contains("...ED"), "no column but a path is cut: " + out);
    }

    private static List<String> tables(String command) {
        String err = CliRun.of(command, "--format", "csv", recording.toString()).err();
        return Arrays.asList(err.substring(err.indexOf("one of: ") + "one of: ".length()).strip().split(", "));
    }

    private static List<Map<String, Object>> rowsOf(Object json, String table) {
        Object value = ((Map<?, ?>) json).get(table);
        return value instanceof Map<?, ?> ? List.of(Json.object(json, table)) : Json.array(json, table);
    }

    private static void negatives(Object json, String where, List<String> found) {
        if (json instanceof Map<?, ?> map) {
            map.forEach((k, v) -> negatives(v, where + "." + k, found));
        } else if (json instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                negatives(list.get(i), where + "[" + i + "]", found);
            }
        } else if (json instanceof Number number && number.doubleValue() < 0) {
            found.add(where + "=" + number);
        }
    }

    private record Python(int exitCode, String output) {
    }

    private static Python python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 ended");
        return new Python(process.exitValue(), output);
    }
}
