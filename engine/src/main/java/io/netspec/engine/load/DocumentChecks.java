package io.netspec.engine.load;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks on a composed document before anything reads it: only standard tags, no duplicate or
 * non-scalar keys, and no alias expansion blowing up (aliases share nodes, so the tree is a DAG:
 * each node is visited once and its expanded size computed once, in bounded time and memory).
 */
final class DocumentChecks {

    private static final Set<Tag> STANDARD_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP, Tag.MERGE, Tag.BINARY);

    /** Expanded size allowed beyond the document's own nodes: generous for YAML anchors, fatal for bombs. */
    private static final long EXPANSION_SLACK = 100_000;

    private static final long EXPANSION_FACTOR = 10;
    /** Scalar characters aliases may add beyond ten times those written: generous for anchors, not for bombs. */
    private static final long CHARACTER_SLACK = 1_000_000;
    /** Mappings up to this many keys are checked for duplicates by comparing keys, without a hash map. */
    private static final int SMALL_MAPPING = 8;

    private final ReadContext ctx;
    private final Map<Node, Size> expandedSize = new IdentityHashMap<>();
    /** Characters of the scalars as written, each node counted once. */
    private long writtenChars;

    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean recursive;

    private DocumentChecks(ReadContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Reports problems; false when the document must not be read at all (alias bomb, recursion).
     * {@link NodeShape#TREE} (the parser saw no alias) means nothing is shared, so nothing can expand or
     * recurse, and only tags and keys need checking; {@link NodeShape#CHECKED_TREE}, that the composer checked
     * those too.
     */
    static boolean check(Node document, NodeShape shape, ReadContext ctx) {
        if (shape == NodeShape.CHECKED_TREE) {
            return true;
        }
        DocumentChecks c = new DocumentChecks(ctx);
        if (shape == NodeShape.TREE) {
            c.visitTree(document);
            return true;
        }
        Size size = c.visit(document);
        if (c.recursive) {
            ctx.error(document, "document contains a recursive alias; it is not read");
            return false;
        }
        long distinct = c.expandedSize.size();
        long allowed = distinct * EXPANSION_FACTOR + EXPANSION_SLACK;
        if (size.nodes() > allowed) {
            ctx.error(
                    document,
                    "aliases expand this document to more than " + allowed + " nodes (from " + distinct
                            + " written): a YAML alias bomb? It is not read");
            return false;
        }
        // aliases to scalars are not limited by SnakeYAML at all: a few to a megabyte scalar are gigabytes of text
        long allowedChars = c.writtenChars * EXPANSION_FACTOR + CHARACTER_SLACK;
        if (size.chars() > allowedChars) {
            ctx.error(
                    document,
                    "aliases expand this document to more than " + allowedChars + " characters (from " + c.writtenChars
                            + " written): a YAML alias bomb? It is not read");
            return false;
        }
        return true;
    }

    /** A tag these checks accept. */
    static boolean isStandard(Tag tag) {
        return STANDARD_TAGS.contains(tag);
    }

    static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    /** Nodes and scalar characters a subtree stands for once every alias in it is expanded. */
    private record Size(long nodes, long chars) {

        Size plus(Size other) {
            return new Size(saturatedAdd(nodes, other.nodes), saturatedAdd(chars, other.chars));
        }
    }

    private Size visit(Node n) {
        Size known = expandedSize.get(n);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(n)) {
            recursive = true;
            return new Size(1, 0);
        }
        checkTag(n);
        Size size = new Size(1, 0);
        if (n instanceof ScalarNode scalar) {
            size = new Size(1, scalar.getValue().length());
            writtenChars += scalar.getValue().length();
        } else if (n instanceof MappingNode m) {
            List<NodeTuple> tuples = m.getValue();
            Map<String, Integer> seen = keysSeen(m);
            for (int i = 0; i < tuples.size(); i++) {
                NodeTuple t = tuples.get(i);
                checkKey(tuples, i, seen);
                size = size.plus(visit(t.getKeyNode())).plus(visit(t.getValueNode()));
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                size = size.plus(visit(item));
            }
        }
        inProgress.remove(n);
        expandedSize.put(n, size);
        return size;
    }

    /** The checks of {@link #visit} for a document without aliases: a plain walk, no bookkeeping. */
    private void visitTree(Node n) {
        checkTag(n);
        if (n instanceof MappingNode m) {
            List<NodeTuple> tuples = m.getValue();
            Map<String, Integer> seen = keysSeen(m);
            for (int i = 0; i < tuples.size(); i++) {
                checkKey(tuples, i, seen);
                visitTree(tuples.get(i).getKeyNode());
                visitTree(tuples.get(i).getValueNode());
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                visitTree(item);
            }
        }
    }

    private void checkTag(Node n) {
        Tag tag = n.getTag();
        // the resolver hands out the Tag constants, so the identity tests answer almost every node
        if (tag != Tag.STR && tag != Tag.MAP && tag != Tag.SEQ && tag != Tag.INT && !STANDARD_TAGS.contains(tag)) {
            ctx.error(
                    n,
                    "tag " + shortTag(tag.getValue()) + " is not allowed: only standard YAML tags are"
                            + " read, and nothing is ever instantiated");
        }
    }

    /** Keys seen so far in a mapping: a hash map for large mappings, null (compare keys) for small ones. */
    private static Map<String, Integer> keysSeen(MappingNode m) {
        return m.getValue().size() > SMALL_MAPPING ? new HashMap<>() : null;
    }

    /** Key {@code i} of a mapping is a scalar and not a duplicate of an earlier one. */
    private void checkKey(List<NodeTuple> tuples, int i, Map<String, Integer> seen) {
        Node key = tuples.get(i).getKeyNode();
        if (!(key instanceof ScalarNode k)) {
            ctx.error(key, "mapping key is " + YamlMap.describe(key) + "; only scalar keys are allowed");
        } else if (Tag.MERGE.equals(k.getTag())) {
            // kubectl's decoder rejects any other merge value; read, it would vanish without a word
            Node v = tuples.get(i).getValueNode();
            boolean maps = v instanceof MappingNode
                    || v instanceof SequenceNode s && s.getValue().stream().allMatch(MappingNode.class::isInstance);
            if (!maps) {
                ctx.error(v, "merge key <<: expected a mapping or a list of mappings, found " + YamlMap.describe(v));
            }
        } else {
            Integer first = seen != null
                    ? seen.putIfAbsent(k.getValue(), k.getStartMark().getLine() + 1)
                    : firstLineOf(tuples, i, k.getValue());
            if (first != null) {
                ctx.error(
                        k, "duplicate key \"" + YamlMap.abbreviate(k.getValue()) + "\" (first at line " + first + ")");
            }
        }
    }

    /** The 1-based line of the first key before {@code end} equal to {@code key}, or null. */
    private static Integer firstLineOf(List<NodeTuple> tuples, int end, String key) {
        for (int j = 0; j < end; j++) {
            if (tuples.get(j).getKeyNode() instanceof ScalarNode k
                    && !Tag.MERGE.equals(k.getTag())
                    && key.equals(k.getValue())) {
                return k.getStartMark().getLine() + 1;
            }
        }
        return null;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
