package io.mapwatch.agent.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathNamesTest {
    @AfterEach
    void stopRedacting() {
        PathNames.redactPaths(false);
    }

    @Test
    void relativePathsBecomeAbsoluteAgainstTheWorkingDirectory() {
        assertEquals("/var/data/index.dat", PathNames.absolute("/var/data/index.dat"));
        assertEquals(Paths.get("").toAbsolutePath().resolve("data/x.dat").toString(), PathNames.absolute("./data/x.dat"));
        assertNull(PathNames.absolute(null));
    }

    @Test
    void redactionHashesEachElementStably() {
        PathNames.redactPaths(true);
        String a = PathNames.shown("/var/lib/kafka/topic-0/00000000000000000000.log");
        String b = PathNames.shown("/var/lib/kafka/topic-1/00000000000000000000.log");
        assertTrue(a.matches("(/[0-9a-f]{12}){5}"), a);
        assertEquals(a.substring(0, 3 * 13), b.substring(0, 3 * 13), "same directories, same prefix");
        assertNotEquals(a, b);
        assertEquals(a, PathNames.redacted("/var/lib/kafka/topic-0/00000000000000000000.log"), "stable");
    }

    @Test
    void withoutRedactionPathsShowAsTheyAre() {
        assertEquals("/a b/c (deleted)", PathNames.shown("/a b/c (deleted)"));
    }
}
