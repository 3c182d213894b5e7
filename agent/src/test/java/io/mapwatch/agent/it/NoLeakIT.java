package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent never keeps a mapping alive: what the GC frees without it, it frees with it. */
class NoLeakIT {
    @Test
    void fiftyThousandDroppedBuffersLeaveAsManyMappingsAsWithoutTheAgent(@TempDir Path dir) throws Exception {
        ForkedJvm.Result without = churn(dir.resolve("plain"), null);
        ForkedJvm.Result with = churn(dir.resolve("agent"), "record=" + dir.resolve("churn.jfr"));

        assertEquals("true", without.value("gc_released_all"), without.toString());
        assertEquals("true", with.value("gc_released_all"), "the GC released every buffer under the agent too\n" + with);
        assertEquals(without.value("file_mappings_left"), with.value("file_mappings_left"));
        assertEquals("0", with.value("file_mappings_left"));
    }

    private static ForkedJvm.Result churn(Path dir, String agentOptions) throws Exception {
        Files.createDirectories(dir);
        ForkedJvm jvm = ForkedJvm.workload("MapChurn", "--dir", dir.toString(), "--files", "16", "--ops", "50000",
                        "--unmap", "gc", "--count-maps")
                .jvmArg("-Xmx16m");
        if (agentOptions != null) {
            jvm.agent(agentOptions);
        }
        return jvm.run().assertSucceeded();
    }
}
