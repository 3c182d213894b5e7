package io.mapwatch.cli.attach;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttachedJvmTest {
    @Test
    void javaReleasesAreComparedByTheirFeatureNumber() {
        assertEquals(1, AttachedJvm.featureRelease("1.8"), "Java 8 says 1.8: older than 17 all the same");
        assertEquals(11, AttachedJvm.featureRelease("11"));
        assertEquals(17, AttachedJvm.featureRelease("17"));
        assertEquals(25, AttachedJvm.featureRelease("25"));
        assertEquals(17, AttachedJvm.featureRelease(""), "an unreadable version is not refused");
    }
}
