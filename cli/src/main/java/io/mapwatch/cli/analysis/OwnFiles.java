package io.mapwatch.cli.analysis;

import java.util.regex.Pattern;

/**
 * The files mapwatch and JFR map for themselves, which are not the user's mappings: the chunk
 * files of JFR's disk repository and the mapwatch agent jar. Recordings of older agents still
 * have them (as maps, untracked mappings, residency); every command leaves them out, by this rule.
 */
public final class OwnFiles {
    /**
     * A chunk of JFR's repository: {@code yyyy_MM_dd_HH_mm_ss[_NN].jfr} in a folder
     * {@code yyyy_MM_dd_HH_mm_ss_PID[_N]}, the names JFR gives them ({@code jdk.jfr.internal.Repository}).
     */
    private static final Pattern JFR_CHUNK = Pattern.compile(
            ".*/\\d{4}(_\\d{2}){5}_\\d+(_\\d+)?/\\d{4}(_\\d{2}){5}(_\\d+)?\\.jfr");
    /** The agent jar as the build names it, and the cached copies {@code mapwatch record} loads. */
    private static final Pattern AGENT_JAR = Pattern.compile(".*/mapwatch-agent(-[0-9a-f]{16})?\\.jar");

    private OwnFiles() {
    }

    /** Whether {@code path} is one of JFR's or the agent's own files; false for null (a file the agent did not know). */
    public static boolean isOwn(String path) {
        if (path == null) {
            return false;
        }
        // Asked for every fact about a file: the last letter, then the ending rule out nearly every path before a regex runs.
        if (path.isEmpty() || path.charAt(path.length() - 1) != 'r') {
            return false;
        }
        if (path.endsWith(".jfr")) {
            return JFR_CHUNK.matcher(path).matches();
        }
        return path.endsWith(".jar") && AGENT_JAR.matcher(path).matches();
    }
}
