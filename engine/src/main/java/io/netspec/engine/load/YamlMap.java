package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read as a Kubernetes object field, with typed accessors that report a wrong type
 * as a problem at the field's line and then behave as if the field were absent. {@code path} names
 * the mapping in messages ({@code spec.template}).
 */
final class YamlMap {

    private final MappingNode node;
    private final ReadContext ctx;
    /** The path, or null until asked for: it only appears in messages, so it is built from the parent on demand. */
    private String path;

    private final YamlMap parent;
    private final String key;
    private final int index;

    YamlMap(MappingNode node, ReadContext ctx, String path) {
        this(node, ctx, null, null, -1);
        this.path = path;
    }

    /** The mapping at {@code parent.key}, or at item {@code index} of the list {@code parent.key} when index >= 0. */
    private YamlMap(MappingNode node, ReadContext ctx, YamlMap parent, String key, int index) {
        this.node = node;
        this.ctx = ctx;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    MappingNode node() {
        return node;
    }

    ReadContext ctx() {
        return ctx;
    }

    String path() {
        if (path == null) {
            path = index < 0 ? parent.child(key) : parent.child(key) + "[" + index + "]";
        }
        return path;
    }

    SourceRef source() {
        return ctx.at(node);
    }

    String child(String key) {
        String p = path();
        return p.isEmpty() ? key : p + "." + key;
    }

    /** The value node of a key, following YAML merge keys ({@code <<}); null when absent. */
    Node raw(String key) {
        NodeTuple caseInsensitive = null;
        boolean merges = false;
        // hashes first: the composer shares a file's key strings, so each has its hash computed once, and a key of
        // the same length is then told apart without comparing its characters; an index, not an iterator, since
        // the launcher's C1 allocates every iterator
        int hash = key.hashCode();
        List<NodeTuple> tuples = node.getValue();
        for (int i = 0, n = tuples.size(); i < n; i++) {
            NodeTuple t = tuples.get(i);
            if (t.getKeyNode() instanceof ScalarNode k) {
                String name = k.getValue();
                if (isMerge(k)) {
                    merges = true;
                } else if (name.hashCode() == hash && key.equals(name)) {
                    return t.getValueNode();
                } else if (caseInsensitive == null && name.length() == key.length() && key.equalsIgnoreCase(name)) {
                    caseInsensitive = t;
                }
            }
        }
        if (caseInsensitive != null) {
            ScalarNode k = (ScalarNode) caseInsensitive.getKeyNode();
            // Go's encoding/json (kubectl's client-side decoding, netpol-analyzer) matches field names
            // case-insensitively; the API server's strict decoding does not. Read it, and say so.
            ctx.warnOnce(
                    k,
                    child(k.getValue()) + ": field names are case-sensitive; read as " + key
                            + ", but the API server drops unknown field " + k.getValue());
            return caseInsensitive.getValueNode();
        }
        if (!merges) {
            return null;
        }
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && isMerge(k)) {
                for (Node merged :
                        t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode())) {
                    if (merged instanceof MappingNode m) {
                        Node found = new YamlMap(m, ctx, path()).raw(key);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** A merge key ({@code <<}); the resolver hands out the Tag constants, so identity answers nearly every key. */
    private static boolean isMerge(ScalarNode key) {
        Tag tag = key.getTag();
        return tag == Tag.MERGE || tag != Tag.STR && Tag.MERGE.equals(tag);
    }

    /** Present and not null. */
    boolean has(String key) {
        return !Scalars.isNull(raw(key));
    }

    /** The key's node, or this mapping's node when absent (for pointing at a problem). */
    Node nodeOr(String key) {
        Node n = raw(key);
        return n == null ? node : n;
    }

    SourceRef sourceOf(String key) {
        return ctx.at(nodeOr(key));
    }

    Optional<YamlMap> map(String key) {
        Node n = raw(key);
        if (Scalars.isNull(n)) {
            return Optional.empty();
        }
        if (n instanceof MappingNode m) {
            return Optional.of(new YamlMap(m, ctx, this, key, -1));
        }
        ctx.error(n, child(key) + ": expected a mapping, found " + describe(n));
        return Optional.empty();
    }

    /** The mapping, or an empty one standing at this mapping's line. */
    YamlMap mapOrEmpty(String key) {
        return map(key).orElseGet(() -> new YamlMap(
                new MappingNode(Tag.MAP, true, List.of(), node.getStartMark(), node.getEndMark(), node.getFlowStyle()),
                ctx,
                this,
                key,
                -1));
    }

    /** The items of a sequence; an absent or null field is an empty list. */
    List<Node> list(String key) {
        Node n = raw(key);
        if (Scalars.isNull(n)) {
            return List.of();
        }
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        ctx.error(n, child(key) + ": expected a list, found " + describe(n));
        return List.of();
    }

    /** True when the key holds a sequence, even an empty one. */
    boolean hasList(String key) {
        return raw(key) instanceof SequenceNode;
    }

    /** A sequence of mappings; other items are reported and skipped. */
    List<YamlMap> maps(String key) {
        List<YamlMap> out = new ArrayList<>();
        List<Node> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (item instanceof MappingNode m) {
                out.add(new YamlMap(m, ctx, this, key, i));
            } else if (Scalars.isNull(item)) {
                out.add(new YamlMap(
                        new MappingNode(
                                Tag.MAP, true, List.of(), item.getStartMark(), item.getEndMark(), node.getFlowStyle()),
                        ctx,
                        this,
                        key,
                        i));
            } else {
                ctx.error(item, child(key) + "[" + i + "]: expected a mapping, found " + describe(item));
            }
        }
        return out;
    }

    /**
     * A string field, strictly: a plain {@code yes} or {@code 2} is not a string for kubectl, so it is
     * reported with a hint to quote it (and its text is still returned, so reading goes on).
     */
    Optional<String> string(String key) {
        Node n = raw(key);
        return Scalars.isNull(n) ? Optional.empty() : Optional.ofNullable(stringOf(n, key, -1));
    }

    /** Any scalar's text (numbers and booleans as written): for free-form values such as env. */
    Optional<String> text(String key) {
        Node n = raw(key);
        if (Scalars.isNull(n)) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        ctx.error(n, child(key) + ": expected a value, found " + describe(n));
        return Optional.empty();
    }

    Optional<Long> integer(String key) {
        Node n = raw(key);
        if (Scalars.isNull(n)) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            Optional<Long> v = Scalars.parseInt(s.getValue());
            if (v.isEmpty()) {
                ctx.error(n, child(key) + ": " + s.getValue() + " is not a valid integer");
            }
            return v;
        }
        ctx.error(n, child(key) + ": expected an integer, found " + describe(n));
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Node n = raw(key);
        if (Scalars.isNull(n)) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && "boolean".equals(Scalars.typeOf(s))) {
            String v = s.getValue().toLowerCase(Locale.ROOT);
            return Optional.of(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
        }
        ctx.error(n, child(key) + ": expected true or false, found " + describe(n));
        return Optional.empty();
    }

    /** A list of strict strings. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            String s = stringOf(items.get(i), key, i);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A list of scalars' texts (lenient). */
    List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) {
            if (item instanceof ScalarNode s && !Scalars.isNull(s)) {
                out.add(s.getValue());
            }
        }
        return out;
    }

    /**
     * Turns a label-like key or value into the string kept, reporting a problem at its node if it has
     * one; {@code field} names the mapping in messages.
     */
    interface EntryCheck {
        String check(Node node, String text, YamlMap field);

        EntryCheck NONE = (node, text, field) -> text;
    }

    /**
     * A string-to-string mapping ({@code labels}, {@code annotations}, {@code data}), each key and value
     * passed through {@code keys} and {@code values} (validation, sharing). Values are read strictly.
     */
    Map<String, String> stringMap(String key, EntryCheck keys, EntryCheck values) {
        return stringMap(key, keys, values, true);
    }

    Map<String, String> textMap(String key) {
        return stringMap(key, EntryCheck.NONE, EntryCheck.NONE, false);
    }

    private Map<String, String> stringMap(String key, EntryCheck keys, EntryCheck values, boolean strict) {
        Optional<YamlMap> found = map(key);
        if (found.isEmpty()) {
            return new LinkedHashMap<>();
        }
        YamlMap m = found.get();
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.mergedTuples()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue; // reported by DocumentChecks
            }
            Node v = t.getValueNode();
            String value;
            if (Scalars.isNull(v)) {
                value = "";
            } else if (strict) {
                value = m.stringOf(v, k.getValue(), -1);
            } else {
                value = v instanceof ScalarNode s ? s.getValue() : null;
                if (value == null) {
                    ctx.error(v, m.child(k.getValue()) + ": expected a value, found " + describe(v));
                }
            }
            if (value != null) {
                String entryKey = keys.check(k, k.getValue(), m);
                out.put(entryKey, values.check(v, value, m));
            }
        }
        return out;
    }

    /** Pairs of a mapping as (key, value node), keys being scalars. */
    List<Map.Entry<ScalarNode, Node>> entries() {
        List<Map.Entry<ScalarNode, Node>> out = new ArrayList<>();
        for (NodeTuple t : mergedTuples()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                out.add(Map.entry(k, t.getValueNode()));
            }
        }
        return out;
    }

    /**
     * The pairs with YAML merge keys ({@code <<}) expanded, as kubectl's YAML decoder expands them
     * ({@code labels: {<<: *common, tier: web}}): the mapping's own keys win, then each merged mapping's
     * in order, the first to name a key winning. The mapping's own list when it merges nothing.
     */
    private List<NodeTuple> mergedTuples() {
        List<NodeTuple> own = node.getValue();
        boolean merges = false;
        for (int i = 0, n = own.size(); i < n && !merges; i++) {
            merges = own.get(i).getKeyNode() instanceof ScalarNode k && isMerge(k);
        }
        if (!merges) {
            return own;
        }
        List<NodeTuple> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : own) {
            if (!(t.getKeyNode() instanceof ScalarNode k && isMerge(k))) {
                out.add(t);
                if (t.getKeyNode() instanceof ScalarNode k) {
                    seen.add(k.getValue());
                }
            }
        }
        for (NodeTuple t : own) {
            if (t.getKeyNode() instanceof ScalarNode k && isMerge(k)) {
                for (Node merged :
                        t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode())) {
                    if (merged instanceof MappingNode m) {
                        for (NodeTuple inner : new YamlMap(m, ctx, path()).mergedTuples()) {
                            if (inner.getKeyNode() instanceof ScalarNode ik && seen.add(ik.getValue())) {
                                out.add(inner);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A strict string; {@code key} (item {@code index} of it when >= 0) names the field in messages. */
    private String stringOf(Node n, String key, int index) {
        if (n instanceof ScalarNode s) {
            String type = Scalars.typeOf(s);
            if (!type.equals("string")) {
                String fieldPath = index < 0 ? child(key) : child(key) + "[" + index + "]";
                ctx.error(
                        n,
                        fieldPath + ": " + s.getValue() + " is read as a " + type
                                + " by YAML 1.1 (kubectl rejects it), not a string; quote it: \"" + s.getValue()
                                + "\"");
            }
            return s.getValue();
        }
        ctx.error(
                n,
                (index < 0 ? child(key) : child(key) + "[" + index + "]") + ": expected a string, found "
                        + describe(n));
        return null;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof ScalarNode s) {
            return "a " + Scalars.typeOf(s) + " (" + abbreviate(s.getValue()) + ")";
        }
        return "an alias";
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
