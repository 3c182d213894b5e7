package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.Stalls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flame graph of stalled stacks, laid out for the report: stacks merged into a tree from the
 * root, each frame a box one row above its caller, as wide as the stall time of the stacks through
 * it, the widest callee leftmost. The page only places the boxes; every label comes from here.
 */
public final class FlameGraph {
    /** Boxes narrower than this share of the graph are left out (with their callees). */
    public static final double MIN_SHARE = 0.001;
    /** Boxes per graph at most, the rows nearest the root first. */
    public static final int MAX_BOXES = 2000;

    /**
     * A box: the frame at {@code depth} (0 is the graph's root, named after what the graph shows),
     * its {@code left} edge and {@code width} as shares of the graph, and the stall time through it.
     */
    public record Box(int depth, String frame, double left, double width, long nanos) {
    }

    private static final class Node {
        final String frame;
        final Map<String, Node> children = new HashMap<>();
        long nanos;

        Node(String frame) {
            this.frame = frame;
        }
    }

    private FlameGraph() {
    }

    /** The boxes of the graph named {@code root} of {@code stacks} (frames top first, as the analyses keep them). */
    public static List<Box> of(String root, List<Stalls.StackStalls> stacks) {
        Node top = new Node(root);
        for (Stalls.StackStalls stack : stacks) {
            long nanos = Math.max(0, stack.stalls().nanos());
            top.nanos += nanos;
            Node node = top;
            for (int i = stack.frames().size() - 1; i >= 0; i--) {
                node = node.children.computeIfAbsent(stack.frames().get(i), Node::new);
                node.nanos += nanos;
            }
        }
        List<Box> boxes = new ArrayList<>();
        if (top.nanos <= 0) {
            return boxes;
        }
        double whole = top.nanos;
        record Placed(Node node, int depth, double left) {
        }
        Deque<Placed> queue = new ArrayDeque<>(List.of(new Placed(top, 0, 0)));
        while (!queue.isEmpty() && boxes.size() < MAX_BOXES) {
            Placed placed = queue.removeFirst();
            boxes.add(new Box(placed.depth(), placed.node().frame, placed.left(), placed.node().nanos / whole,
                    placed.node().nanos));
            double left = placed.left();
            List<Node> children = new ArrayList<>(placed.node().children.values());
            children.sort(Comparator.comparingLong((Node n) -> n.nanos).reversed().thenComparing(n -> n.frame));
            for (Node child : children) {
                if (child.nanos / whole >= MIN_SHARE) {
                    queue.addLast(new Placed(child, placed.depth() + 1, left));
                }
                left += child.nanos / whole;
            }
        }
        return boxes;
    }
}
