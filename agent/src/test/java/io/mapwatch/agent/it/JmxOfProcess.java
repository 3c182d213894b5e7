package io.mapwatch.agent.it;

import com.sun.tools.attach.VirtualMachine;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A JMX connection to a forked JVM the way JConsole and VisualVM make one: attach, start the
 * local management agent (or find it started), connect to its local-only address.
 */
final class JmxOfProcess implements AutoCloseable {
    static final ObjectName MAPPED_MEMORY = objectName("io.mapwatch:type=MappedMemory");
    static final List<String> ATTRIBUTES = List.of("TrackedMappings", "TrackedBytes", "ResidentBytes",
            "PageCacheBytes", "UntrackedMappings", "UntrackedBytes", "MapCount", "MaxMapCount", "MajorFaults",
            "MinorFaults", "StallMillis", "Hazards");

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JmxOfProcess(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static JmxOfProcess connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new JmxOfProcess(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    boolean registered() {
        try {
            return server.isRegistered(MAPPED_MEMORY);
        } catch (IOException e) {
            throw new AssertionError("JMX connection lost", e);
        }
    }

    /** Every attribute of the MXBean, read in one call, in the order of {@link #ATTRIBUTES}. */
    Map<String, Long> mappedMemory() throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Attribute attribute : server.getAttributes(MAPPED_MEMORY, ATTRIBUTES.toArray(new String[0])).asList()) {
            values.put(attribute.getName(), (Long) attribute.getValue());
        }
        if (!values.keySet().equals(new LinkedHashSet<>(ATTRIBUTES))) {
            throw new AssertionError("attributes read: " + values.keySet());
        }
        return values;
    }

    /** Beans whose name matches {@code pattern}. */
    int count(String pattern) throws Exception {
        return server.queryNames(new ObjectName(pattern), null).size();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
