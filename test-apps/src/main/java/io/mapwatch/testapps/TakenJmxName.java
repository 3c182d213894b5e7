package io.mapwatch.testapps;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Registers a bean of its own under mapwatch's JMX name, then holds, so that a test can attach the
 * agent and see what it does when its name is taken: the application must not notice.
 *
 * <pre>
 * TakenJmxName [--hold S] [--ready-file FILE]
 * </pre>
 * Prints {@code registered=true}, and at the end {@code answer}, read back from the name.
 */
public final class TakenJmxName {
    /** The application's own bean: anything but mapwatch's. */
    public interface PlaceholderMBean {
        int getAnswer();
    }

    public static final class Placeholder implements PlaceholderMBean {
        @Override
        public int getAnswer() {
            return 42;
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        ObjectName name = new ObjectName("io.mapwatch:type=MappedMemory");
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Placeholder(), name);
        Report.result("registered", true);
        Hold.signalAndHold(args);
        Report.result("answer", ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Answer"));
    }
}
