package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stack traces as people read them: the application's frames, with the JDK method they called on
 * top. A reader shares one stack object among the events of a chunk that have the same stack, so the
 * text is cached per object, in a cache that is emptied when it grows. A stack another parser (JMC's)
 * read comes as text, one frame a line, and is described by the same rule.
 */
public final class StackFrames {
    private static final int CACHE_LIMIT = 4096;
    private final int depth;
    /** By the stack: JFR's object, or the text another parser's stack became (one string per stack). */
    private final Map<Object, Described> cache = new IdentityHashMap<>();

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

    /**
     * What {@link #describe(Fact.Stack)} gives for the same stack, from {@code stackText}
     * (one frame a line, {@code type.method:line}, top first, as another parser read it); empty when
     * there is none. Pass one string per stack: what it gives is cached by that object.
     */
    public List<String> describe(String stackText) {
        return stackText == null ? List.of() : described(stackText).frames();
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
        return stackText == null ? null : lines(stackText).stream().filter(f -> !isInfrastructure(typeOf(f)))
                .findFirst().orElse(null);
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
            described = remember(stack, describe(stack.frames(), Fact.Frame::type,
                    frame -> frame.type() + "." + frame.method() + (frame.line() > 0 ? ":" + frame.line() : "")));
        }
        return described;
    }

    private Described described(String stackText) {
        Described described = cache.get(stackText);
        return described != null ? described
                : remember(stackText, describe(lines(stackText), StackFrames::typeOf, Function.identity()));
    }

    private Described remember(Object stack, List<String> frames) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        Described described = new Described(frames, frames.stream().filter(f -> !isInfrastructure(typeOf(f)))
                .findFirst().orElse(null));
        cache.put(stack, described);
        return described;
    }

    /**
     * The rule, whoever parsed the stack: from the JDK method the application called (the frame above
     * its first own frame), or from the top when no frame is the application's, down to {@code depth}
     * frames, each written by {@code text}.
     */
    private <F> List<String> describe(List<F> frames, Function<F, String> type, Function<F, String> text) {
        int firstApplication = 0;
        while (firstApplication < frames.size() && isInfrastructure(type.apply(frames.get(firstApplication)))) {
            firstApplication++;
        }
        int from = firstApplication == frames.size() ? 0 : Math.max(0, firstApplication - 1);
        List<String> described = new ArrayList<>();
        for (int i = from; i < frames.size() && described.size() < depth; i++) {
            described.add(text.apply(frames.get(i)));
        }
        return List.copyOf(described);
    }

    private static List<String> lines(String stackText) {
        return stackText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The type of a frame written {@code type.method:line} (a method's name has no dot, a line number neither). */
    private static String typeOf(String frame) {
        int method = frame.lastIndexOf('.');
        return method < 0 ? frame : frame.substring(0, method);
    }

    /** Code of the JDK or of the agent itself, never the application's. */
    public static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("sun.") || className.startsWith("jdk.")
                || className.startsWith("io.mapwatch.agent.");
    }
}
