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
     * The first frame of {@code stackText} (one frame a line, top first, as another parser read a
     * stack) that belongs to the application, or null: what {@link #applicationFrame(Fact.Stack)}
     * gives for the same stack.
     */
    public static String applicationFrame(String stackText) {
        return stackText == null ? null : stackText.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(f -> !isInfrastructure(f)).findFirst().orElse(null);
    }

    /**
     * Where {@code mapping} was mapped: its Map event's stack, or else the frames the agent kept
     * with its LiveMapping; empty when neither is known.
     */
    public List<String> describe(RecordedMapping mapping) {
        if (mapping.stack() != null || mapping.mappedFrom() == null) {
            return describe(mapping.stack());
        }
        return mapping.mappedFrom().lines().map(String::strip).filter(l -> !l.isEmpty()).limit(depth).toList();
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
            List<String> frames = format(stack);
            described = new Described(frames, frames.stream().filter(f -> !isInfrastructure(f)).findFirst().orElse(null));
            cache.put(stack, described);
        }
        return described;
    }

    private List<String> format(Fact.Stack stack) {
        List<Fact.Frame> javaFrames = stack.frames();
        int firstApplication = 0;
        while (firstApplication < javaFrames.size() && isInfrastructure(javaFrames.get(firstApplication).type())) {
            firstApplication++;
        }
        int from = firstApplication == javaFrames.size() ? 0 : Math.max(0, firstApplication - 1);
        List<String> frames = new ArrayList<>();
        for (int i = from; i < javaFrames.size() && frames.size() < depth; i++) {
            Fact.Frame frame = javaFrames.get(i);
            frames.add(frame.type() + "." + frame.method() + (frame.line() > 0 ? ":" + frame.line() : ""));
        }
        return List.copyOf(frames);
    }

    /** Code of the JDK or of the agent itself, never the application's. */
    public static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("sun.") || className.startsWith("jdk.")
                || className.startsWith("io.mapwatch.agent.");
    }
}
