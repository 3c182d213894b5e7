package io.mapwatch.cli.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.mapwatch.cli.CliException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One Attach API session with a JVM: load the agent, start the JVM's local JMX agent. Every
 * failure becomes one sentence.
 */
public final class AttachedJvm implements AutoCloseable {
    /** The agent is compiled for Java 17. */
    private static final int AGENT_JAVA = 17;

    private final long pid;
    private final VirtualMachine vm;

    private AttachedJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /**
     * What {@code record} and {@code top} need in a JVM, in one attach: the agent, loaded unless it
     * runs there already (never a second instrumentation; {@code options} given to one loaded already
     * replace its own), and the JVM's local JMX agent.
     *
     * @param agentBefore the version of the mapwatch agent the JVM ran before, null when none
     */
    public record Prepared(String agentBefore, String jmxAddress) {
    }

    /** Prepares a process that {@link JvmProcess#checkAttachable()} passed. */
    public static Prepared prepare(JvmProcess process, AgentJar jar, String options) {
        String loaded = process.agentVersion();
        try (AttachedJvm jvm = attach(process.pid())) {
            if (loaded == null || options != null) {
                jvm.loadAgent(jar.path(), options);
            }
            return new Prepared(loaded, jvm.localJmxAddress());
        }
    }

    /** Attaches to a process that {@link JvmProcess#checkAttachable()} passed: attaching to any other may harm it. */
    public static AttachedJvm attach(long pid) {
        try {
            return new AttachedJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            // The JDK's own check, from the JVM's perf data: the flag may have come from a flags file.
            if (String.valueOf(e.getMessage()).contains("does not support the attach mechanism")) {
                throw JvmProcess.attachDisabled(pid);
            }
            throw CliException.badInput("process " + pid + " did not accept the attach request: " + e.getMessage());
        } catch (IOException e) {
            throw CliException.badInput("process " + pid + " refused the attach: " + e.getMessage());
        }
    }

    /**
     * Loads the agent jar; a second load into the same JVM only hands the agent its new options. An
     * older Java than the agent's is refused first: loading would fail there with no useful reason.
     */
    public void loadAgent(Path jar, String options) {
        try {
            String java = vm.getSystemProperties().getProperty("java.specification.version", "");
            if (featureRelease(java) < AGENT_JAVA) {
                throw CliException.badInput("process " + pid + " runs Java " + java + ", and the mapwatch agent needs Java "
                        + AGENT_JAVA + " or newer");
            }
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw CliException.badInput("process " + pid + " could not load the agent jar " + jar + " (" + e.getMessage()
                    + "); the JVM's user must be able to read it at that path in the JVM's own file system"
                    + " (in a container too): --agent PATH names another copy");
        }
    }

    /** The feature release of a {@code java.specification.version}: 8 is written 1.8, read as 1. */
    static int featureRelease(String specificationVersion) {
        try {
            return Runtime.Version.parse(specificationVersion).feature();
        } catch (IllegalArgumentException unknownForm) {
            return AGENT_JAVA;
        }
    }

    /** Starts the JVM's local JMX agent (or finds it running) and returns its address. */
    public String localJmxAddress() {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw CliException.badInput("process " + pid + " could not start its local JMX agent: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException alreadyGone) {
            // nothing is left to release on our side
        }
    }
}
