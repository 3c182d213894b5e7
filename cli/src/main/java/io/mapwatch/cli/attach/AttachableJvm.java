package io.mapwatch.cli.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.mapwatch.cli.CliException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A JVM that {@code record} can attach to, as {@link VirtualMachine#list()} finds them (their perf
 * data, like {@code jcmd -l}), with the mapwatch agent version it loaded. Nothing attaches to them.
 *
 * @param agentVersion the mapwatch agent loaded, or null; {@code "unknown"} when that cannot be told
 * @param command      the main class or jar and its arguments
 */
public record AttachableJvm(long pid, String agentVersion, String command) {
    public static List<AttachableJvm> all() {
        long self = ProcessHandle.current().pid();
        List<AttachableJvm> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid = Long.parseLong(descriptor.id());
            if (pid != self) {
                jvms.add(new AttachableJvm(pid, agentVersion(pid), descriptor.displayName()));
            }
        }
        jvms.sort(Comparator.comparingLong(AttachableJvm::pid));
        return jvms;
    }

    private static String agentVersion(long pid) {
        try {
            return JvmProcess.of(pid).agentVersion();
        } catch (CliException goneOrUnreadable) {
            return "unknown";
        }
    }
}
