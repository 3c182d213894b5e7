package io.mapwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in this JVM, capturing what it prints. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = MapwatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The JSON printed, as maps, lists, strings, numbers and booleans. */
    public Object json() {
        return Json.parse(out);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
