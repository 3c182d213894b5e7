package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stack traces as people read them: the application's frames, with the JDK method they called on
 * top. A reader shares one stack object among the events of a chunk that have the same stack, so the
 * text is cached per object, in a cache that is emptied when it grows.
 */
public final class StackFrames {
    private static final int CACHE_LIMIT = 4096;
    private final int depth;
    private final Map<Fact.Stack, Described> cache = new IdentityHashMap<>();

    /** The frames of one stack and the first of them that is the application's. */
    private record Described(List<String> frames, String applicationFrame) {
    }

    /** Describes up to {@code depth} frames of each stack. */
    public StackFrames(int depth) {
        this.depth = depth;
    }

    /**
     * The frames from the JDK method the application called (if any) down to {@code depth}
     * frames, top first; empty when there is no stack.
     */
    public List<String> describe(Fact.Stack stack) {
        return stack == null ? List.of() : described(stack).frames();
    }

    /** The first frame of {@link #describe} that belongs to the application, or null. */
    public String applicationFrame(Fact.Stack stack) {
        return stack == null ? null : described(stack).applicationFrame();
    }

    /**
     * Where {@code mapping} was mapped: its Map event's stack, or else the frames the agent kept
     * with its LiveMapping; empty when neither is known.
     */
    public List<String> describe(RecordedMapping mapping) {
        if (mapping.stack() != null || mapping.mappedFrom() == null) {
            return describe(mapping.stack());
        }
        return lines(mapping.mappedFrom()).stream().limit(depth).toList();
    }

    /** The first frame of {@link #describe(RecordedMapping)} that belongs to the application, or null. */
    public String applicationFrame(RecordedMapping mapping) {
        if (mapping.stack() != null || mapping.mappedFrom() == null) {
            return applicationFrame(mapping.stack());
        }
        return describe(mapping).stream().filter(f -> !isInfrastructure(f)).findFirst().orElse(null);
    }

    private Described described(Fact.Stack stack) {
        Described described = cache.get(stack);
        if (described == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            List<String> frames = format(stack.frames());
            described = new Described(frames, frames.stream().filter(f -> !isInfrastructure(f)).findFirst().orElse(null));
            cache.put(stack, described);
        }
        return described;
    }

    /**
     * The rule, whichever parser read the stack: from the JDK method the application called (the
     * frame above its first own frame), or from the top when no frame is the application's, down to
     * {@code depth} frames, each written {@code type.method:line}.
     */
    private List<String> format(List<Fact.Frame> frames) {
        int firstApplication = 0;
        while (firstApplication < frames.size() && isInfrastructure(frames.get(firstApplication).type())) {
            firstApplication++;
        }
        int from = firstApplication == frames.size() ? 0 : Math.max(0, firstApplication - 1);
        List<String> described = new ArrayList<>();
        for (int i = from; i < frames.size() && described.size() < depth; i++) {
            Fact.Frame frame = frames.get(i);
            described.add(frame.type() + "." + frame.method() + (frame.line() > 0 ? ":" + frame.line() : ""));
        }
        return List.copyOf(described);
    }

    private static List<String> lines(String stackText) {
        return stackText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Code of the JDK or of the agent itself, never the application's. */
    public static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("sun.") || className.startsWith("jdk.")
                || className.startsWith("io.mapwatch.agent.");
    }
}
