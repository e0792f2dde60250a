package io.netspec.engine.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks on a composed document before anything reads it: only standard tags, no duplicate or
 * non-scalar keys, and no alias expansion blowing up (aliases share nodes, so the tree is a DAG:
 * each node is visited once and its expanded size computed once, in bounded time and memory).
 */
final class DocumentChecks {

    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ, Tag.TIMESTAMP, Tag.MERGE, Tag.BINARY);

    /** Expanded size allowed beyond the document's own nodes: generous for YAML anchors, fatal for bombs. */
    private static final long EXPANSION_SLACK = 100_000;
    private static final long EXPANSION_FACTOR = 10;

    private final ReadContext ctx;
    private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
    private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean recursive;

    private DocumentChecks(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Reports problems; false when the document must not be read at all (alias bomb, recursion). */
    static boolean check(Node document, ReadContext ctx) {
        DocumentChecks c = new DocumentChecks(ctx);
        long size = c.visit(document);
        if (c.recursive) {
            ctx.error(document, "document contains a recursive alias; it is not read");
            return false;
        }
        long distinct = c.expandedSize.size();
        long allowed = distinct * EXPANSION_FACTOR + EXPANSION_SLACK;
        if (size > allowed) {
            ctx.error(document, "aliases expand this document to more than " + allowed + " nodes (from " + distinct
                    + " written): a YAML alias bomb? It is not read");
            return false;
        }
        return true;
    }

    static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    private long visit(Node n) {
        Long known = expandedSize.get(n);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(n)) {
            recursive = true;
            return 1;
        }
        if (!STANDARD_TAGS.contains(n.getTag())) {
            ctx.error(n, "tag " + shortTag(n.getTag().getValue()) + " is not allowed: only standard YAML tags are"
                    + " read, and nothing is ever instantiated");
        }
        long size = 1;
        if (n instanceof MappingNode m) {
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node key = t.getKeyNode();
                if (key instanceof ScalarNode k) {
                    if (!Tag.MERGE.equals(k.getTag())) {
                        Integer first = seen.putIfAbsent(k.getValue(), k.getStartMark().getLine() + 1);
                        if (first != null) {
                            ctx.error(k, "duplicate key \"" + YamlMap.abbreviate(k.getValue()) + "\" (first at line "
                                    + first + ")");
                        }
                    }
                } else {
                    ctx.error(key, "mapping key is " + YamlMap.describe(key) + "; only scalar keys are allowed");
                }
                size = saturatedAdd(size, visit(key));
                size = saturatedAdd(size, visit(t.getValueNode()));
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                size = saturatedAdd(size, visit(item));
            }
        }
        inProgress.remove(n);
        expandedSize.put(n, size);
        return size;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
