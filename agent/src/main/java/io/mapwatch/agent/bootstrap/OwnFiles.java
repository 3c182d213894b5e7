package io.mapwatch.agent.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files that are the tool's own rather than the application's: the agent's jar (and its
 * bootstrap part when it had to go on the boot class path), and JFR's repository, whose chunk
 * files JDK 17 maps when it copies them into a dumped recording. Their mappings are counted in
 * {@code mapwatch.AgentStatus}, never reported as the application's. One rule, read by the map
 * path and by the inventory.
 */
public final class OwnFiles {
    /** Set by JFR when it creates its disk repository; follows {@code JFR.configure repositorypath=}. */
    private static final String JFR_REPOSITORY_PROPERTY = "jdk.jfr.repository";
    private static final Set<String> AGENT_FILES = ConcurrentHashMap.newKeySet();

    private OwnFiles() {
    }

    /** Adds a file of the agent's own, by its absolute path. */
    public static void add(String absolutePath) {
        AGENT_FILES.add(absolutePath);
    }

    /** Whether the file at {@code absolutePath} (absolute, without a {@code (deleted)} suffix) is the tool's own. */
    public static boolean isOwn(String absolutePath) {
        if (absolutePath == null) {
            return false;
        }
        if (AGENT_FILES.contains(absolutePath)) {
            return true;
        }
        String repository = System.getProperty(JFR_REPOSITORY_PROPERTY);
        return repository != null && !repository.isEmpty() && absolutePath.length() > repository.length()
                && absolutePath.startsWith(repository) && absolutePath.charAt(repository.length()) == '/';
    }
}
