package io.mapwatch.cli;

/** A known failure: one sentence for stderr and the exit code that goes with it. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String sentence) {
        super(sentence);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String sentence, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException badInput(String sentence) {
        return new CliException(ExitCode.BAD_INPUT, sentence);
    }
}
