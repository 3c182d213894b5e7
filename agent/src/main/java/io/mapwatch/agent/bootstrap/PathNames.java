package io.mapwatch.agent.bootstrap;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/** Turns the path a channel was opened with into the path events show. */
public final class PathNames {
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, String> REDACTED = new ConcurrentHashMap<>();
    private static volatile boolean redact;

    private PathNames() {
    }

    public static void redactPaths(boolean enabled) {
        redact = enabled;
    }

    public static boolean redacting() {
        return redact;
    }

    /** Absolute form of {@code path} (as the channel saw it, relative to user.dir), or null. */
    public static String absolute(String path) {
        if (path == null || path.startsWith("/")) {
            return path;
        }
        return new File(path).getAbsoluteFile().toPath().normalize().toString();
    }

    /** What events show for an absolute path: itself, or a stable hash of it when redacting. */
    public static String shown(String absolutePath) {
        if (!redact || absolutePath == null) {
            return absolutePath;
        }
        String cached = REDACTED.get(absolutePath);
        if (cached == null) {
            if (REDACTED.size() >= CACHE_LIMIT) {
                REDACTED.clear();
            }
            cached = redacted(absolutePath);
            REDACTED.put(absolutePath, cached);
        }
        return cached;
    }

    /**
     * Each path element is replaced by the first 12 hex digits of its SHA-256, so that files of one
     * directory still group together and the same path always gives the same text.
     */
    static String redacted(String absolutePath) {
        StringBuilder out = new StringBuilder(absolutePath.length());
        for (String element : absolutePath.split("/")) {
            if (element.isEmpty()) {
                continue;
            }
            out.append('/').append(hash(element));
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static String hash(String element) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(element.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(12);
            for (int i = 0; i < 6; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
