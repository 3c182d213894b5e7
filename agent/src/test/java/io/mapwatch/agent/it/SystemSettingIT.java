package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that change {@code read_ahead_kb} or {@code vm.max_map_count} leave the machine as they found it,
 * even when their JVM is killed: a JVM that changed a setting is killed with SIGKILL, and the setting comes
 * back; two changes of one setting wait for each other, so neither saves the other's value.
 */
class SystemSettingIT {
    private static final Duration BOUND = Duration.ofMinutes(1);

    @Test
    void aSettingComesBackWhenTheJvmThatChangedItIsKilled(@TempDir Path dir) throws Exception {
        Path setting = Files.writeString(dir.resolve("read_ahead_kb"), "128\n");
        killTheJvmThatChanged(setting, "16");
        assertEquals("128", SystemSetting.read(setting));
    }

    @Test
    void theDisksReadAheadComesBackWhenTheJvmThatLoweredItIsKilled(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "lowering read_ahead_kb needs root");
        Path setting = ReadAhead.settingFor(dir);
        assumeTrue(setting != null, dir + " is on no disk of its own (an overlay or network file system): no read_ahead_kb");
        String before = SystemSetting.read(setting);
        String saved = killTheJvmThatChanged(setting, before.equals("16") ? "8" : "16");
        assertEquals(saved, SystemSetting.read(setting), "read_ahead_kb is back at what the watchdog saved");
    }

    @Test
    void closePutsItBackAndASecondChangeWaitsForTheFirst(@TempDir Path dir) throws Exception {
        Path setting = Files.writeString(dir.resolve("max_map_count"), "65530\n");
        CompletableFuture<SystemSetting> second;
        try (SystemSetting first = SystemSetting.changed(setting, "4200")) {
            assertEquals("65530", first.saved());
            assertEquals("4200", SystemSetting.read(setting));
            second = CompletableFuture.supplyAsync(() -> {
                try {
                    return SystemSetting.changed(setting, "1000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(second.isDone(), "the second change waits while the first holds the setting");
            assertEquals("4200", SystemSetting.read(setting));
        }
        try (SystemSetting changedAfter = second.get(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            assertEquals("65530", changedAfter.saved(), "the second change saved the value from before the first");
            assertEquals("1000", SystemSetting.read(setting));
        }
        assertEquals("65530", SystemSetting.read(setting));
    }

    /** Forks a JVM that changes {@code setting} to {@code value}, kills it, and waits for the old value; returns it. */
    private static String killTheJvmThatChanged(Path setting, String value) throws Exception {
        Path classes = Paths.get(SystemSetting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process jvm = new ProcessBuilder(ForkedJvm.JAVA.toString(), "-cp", classes.toString(), SystemSetting.class.getName(),
                setting.toString(), value).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertNotNull(line, "the JVM printed nothing");
            String saved = line.substring("changed ".length());
            assertEquals(value, SystemSetting.read(setting), "changed while the JVM lives");
            jvm.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            assertEquals(137, jvm.waitFor(), "killed by SIGKILL");
            Waits.until(BOUND, () -> saved.equals(readQuietly(setting)), setting + " back at " + saved);
            return saved;
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static String readQuietly(Path setting) {
        try {
            return SystemSetting.read(setting);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
