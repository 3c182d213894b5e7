package io.mapwatch.agent.tooling.jmx;

import io.mapwatch.agent.tooling.Log;
import io.mapwatch.agent.tooling.sampling.Totals;
import io.mapwatch.kernel.units.Period;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Registers {@value MappedMemoryMXBean#OBJECT_NAME} in the platform MBean server as soon as
 * something else has created that server: a JMX agent ({@code -Dcom.sun.management.jmxremote},
 * {@code jcmd PID ManagementAgent.start_local}, JConsole or VisualVM attaching), an exporter agent,
 * or the application. The agent never creates it: {@code ManagementFactory.getPlatformMBeanServer()}
 * at start would set up JMX and {@code java.util.logging} before applications that configure them
 * ({@code javax.management.builder.initial}, {@code java.util.logging.manager}) had their chance.
 *
 * <p>Run periodically on the sampler thread; tries once, and never throws.
 */
public final class JmxPublisher implements Runnable {
    /** How often to look for the platform MBean server: the bean appears within this of its creation. */
    public static final Period CHECK_PERIOD = Period.parse("1s");

    /** A bean every platform MBean server holds; parsed once, the check runs every second. */
    private static final ObjectName RUNTIME = runtimeName();

    private final Totals totals;
    private volatile boolean done;

    public JmxPublisher(Totals totals) {
        this.totals = totals;
    }

    @Override
    public void run() {
        if (done) {
            return;
        }
        MBeanServer server = platformServerIfCreated();
        if (server != null) {
            done = true;
            register(server);
        }
    }

    private void register(MBeanServer server) {
        try {
            ObjectName name = new ObjectName(MappedMemoryMXBean.OBJECT_NAME);
            server.registerMBean(new MappedMemory(totals), name);
            totals.markPublished();
            Log.info("JMX: registered " + name);
        } catch (InstanceAlreadyExistsException e) {
            Log.warn("JMX: " + MappedMemoryMXBean.OBJECT_NAME + " is registered already, by the application or another"
                    + " copy of the agent; mapwatch's figures are not on JMX (its JFR events are unaffected)");
        } catch (JMException | RuntimeException | LinkageError e) {
            Log.warn("JMX: could not register " + MappedMemoryMXBean.OBJECT_NAME + ": " + e);
        }
    }

    /** The platform MBean server, if it exists: the server the factory keeps that holds the JVM's own beans. */
    private static MBeanServer platformServerIfCreated() {
        try {
            for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
                if (server.isRegistered(RUNTIME)) {
                    return server;
                }
            }
        } catch (RuntimeException e) {
            // no server we may use: look again next time
        }
        return null;
    }

    private static ObjectName runtimeName() {
        try {
            return new ObjectName("java.lang:type=Runtime");
        } catch (JMException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
