package io.mapwatch.cli.attach;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What record reads of a process before it attaches, on text captured from /proc (see procfs/README.md). */
class JvmProcessTest {
    private static final int SIGQUIT = 3;

    @Test
    void aJvmMapsLibjvmAndTheAgentJarItPutOnTheBootstrapPath() {
        JvmProcess.MappedCode jvm = JvmProcess.MappedCode.of(fixture("jvm-with-agent.maps"));
        assertTrue(jvm.libjvm());
        assertEquals(List.of("/tmp/r1/cache/mapwatch/mapwatch-agent-04e2615117559ef2.jar"), jvm.jars());

        JvmProcess.MappedCode sleep = JvmProcess.MappedCode.of(fixture("sleep.maps"));
        assertFalse(sleep.libjvm());
        assertEquals(List.of(), sleep.jars());
    }

    @Test
    void sigquitIsCaughtByAJvmButNotWithXrs() {
        assertTrue(JvmProcess.catchesSignal(fixture("jvm.status"), SIGQUIT));
        assertFalse(JvmProcess.catchesSignal(fixture("jvm-xrs.status"), SIGQUIT));
        assertFalse(JvmProcess.catchesSignal(fixture("sleep.status"), SIGQUIT));
        assertFalse(JvmProcess.catchesSignal("Name:\tx\n", SIGQUIT), "no SigCgt line: nothing is known to be caught");
    }

    @Test
    void statusFieldsAreTrimmed() {
        assertEquals("sleep", JvmProcess.statusField(fixture("sleep.status"), "Name"));
        assertEquals("2000000101005ccd", JvmProcess.statusField(fixture("jvm.status"), "SigCgt"));
        assertNull(JvmProcess.statusField(fixture("sleep.status"), "NoSuchKey"));
    }

    @Test
    void theLastDisableAttachMechanismOptionWins() {
        assertTrue(JvmProcess.disablesAttach(List.of("java", "-XX:+DisableAttachMechanism", "-cp", "app.jar", "Main")));
        assertFalse(JvmProcess.disablesAttach(List.of("-XX:+DisableAttachMechanism", "java", "-XX:-DisableAttachMechanism")));
        assertFalse(JvmProcess.disablesAttach(List.of("java", "-XX:+DisableAttachMechanismX", "Main")));
        assertFalse(JvmProcess.disablesAttach(List.of()));
    }

    @Test
    void anImpossiblePidIsNoProcess() {
        CliException e = assertThrows(CliException.class, () -> JvmProcess.of(0));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals("no process with id 0", e.getMessage());
    }

    private static String fixture(String name) {
        try (InputStream in = JvmProcessTest.class.getResourceAsStream("/procfs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
