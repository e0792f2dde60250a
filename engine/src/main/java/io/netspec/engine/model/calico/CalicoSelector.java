package io.netspec.engine.model.calico;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A parsed Calico selector expression ({@code app == "web" && has(tier)}), evaluated over a
 * label map. Semantics follow libcalico-go's selector AST: {@code !=} and {@code not in} match
 * when the label is absent, every other comparison needs the label; {@code all()} and
 * {@code global()} match any label set, except that in a {@code namespaceSelector}
 * ({@link #matchesNamespace}) {@code global()} means resources outside every namespace, so no
 * pod. Parse with {@link CalicoSelectorParser}.
 */
public sealed interface CalicoSelector {

    /** The selector every empty or blank selector string means. */
    CalicoSelector ALL = new All();

    /**
     * Label values by key, null for an absent label: a map's {@code get}, or a view over the parts
     * felix assembles an endpoint's labels from, so that matching builds no map per endpoint.
     */
    @FunctionalInterface
    interface Labels {
        String get(String key);
    }

    /** Matches an endpoint's labels; {@code global()} holds. */
    default boolean matches(Map<String, String> labels) {
        return evaluate(labels::get, true);
    }

    /** {@link #matches(Map)} over a view; label values are never null, so {@code get} also answers {@code has()}. */
    default boolean matches(Labels labels) {
        return evaluate(labels, true);
    }

    /**
     * Matches a namespace's labels as a {@code namespaceSelector}: Calico rewrites {@code global()}
     * there to "not in a namespace", which no namespace's endpoint is.
     */
    default boolean matchesNamespace(Map<String, String> namespaceLabels) {
        return evaluate(namespaceLabels::get, false);
    }

    /** {@link #matchesNamespace(Map)} over a view. */
    default boolean matchesNamespace(Labels namespaceLabels) {
        return evaluate(namespaceLabels, false);
    }

    /** {@code global} is what {@code global()} evaluates to. */
    boolean evaluate(Labels labels, boolean global);

    /** True when this node, or a node under it, is {@code global()}. */
    default boolean mentionsGlobal() {
        if (this instanceof Not n) {
            return n.operand().mentionsGlobal();
        }
        if (this instanceof And a) {
            return a.operands().stream().anyMatch(CalicoSelector::mentionsGlobal);
        }
        if (this instanceof Or o) {
            return o.operands().stream().anyMatch(CalicoSelector::mentionsGlobal);
        }
        return this instanceof Global;
    }

    record All() implements CalicoSelector {
        @Override
        public boolean evaluate(Labels labels, boolean global) {
            return true;
        }

        @Override
        public String toString() {
            return "all()";
        }
    }

    record Global() implements CalicoSelector {
        @Override
        public boolean evaluate(Labels labels, boolean global) {
            return global;
        }

        @Override
        public String toString() {
            return "global()";
        }
    }

    record Has(String key) implements CalicoSelector {
        @Override
        public boolean evaluate(Labels labels, boolean global) {
            return labels.get(key) != null;
        }

        @Override
        public String toString() {
            return "has(" + key + ")";
        }
    }

    /** The comparison operators between a label and a string literal. */
    enum Op {
        EQ("=="),
        NE("!="),
        CONTAINS("contains"),
        STARTS_WITH("starts with"),
        ENDS_WITH("ends with");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record Compare(String key, Op op, String value) implements CalicoSelector {
        @Override
        public boolean evaluate(Labels labels, boolean global) {
            String actual = labels.get(key);
            if (actual == null) {
                // Only "!=" holds for an absent label.
                return op == Op.NE;
            }
            return switch (op) {
                case EQ -> actual.equals(value);
                case NE -> !actual.equals(value);
                case CONTAINS -> actual.contains(value);
                case STARTS_WITH -> actual.startsWith(value);
                case ENDS_WITH -> actual.endsWith(value);
            };
        }

        @Override
        public String toString() {
            return key + " " + op + " " + quote(value);
        }
    }

    /** {@code key in {...}} or, when {@code negated}, {@code key not in {...}} (true for an absent label). */
    record InSet(String key, SortedSet<String> values, boolean negated) implements CalicoSelector {
        public InSet {
            values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        @Override
        public boolean evaluate(Labels labels, boolean global) {
            String actual = labels.get(key);
            if (actual == null) {
                return negated;
            }
            return values.contains(actual) != negated;
        }

        @Override
        public String toString() {
            return key + (negated ? " not in {" : " in {")
                    + values.stream().map(CalicoSelector::quote).collect(Collectors.joining(", ")) + "}";
        }
    }

    record Not(CalicoSelector operand) implements CalicoSelector {
        @Override
        public boolean evaluate(Labels labels, boolean global) {
            return !operand.evaluate(labels, global);
        }

        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    record And(List<CalicoSelector> operands) implements CalicoSelector {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(Labels labels, boolean global) {
            for (CalicoSelector s : operands) {
                if (!s.evaluate(labels, global)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "(" + operands.stream().map(Object::toString).collect(Collectors.joining(" && ")) + ")";
        }
    }

    record Or(List<CalicoSelector> operands) implements CalicoSelector {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(Labels labels, boolean global) {
            for (CalicoSelector s : operands) {
                if (s.evaluate(labels, global)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "(" + operands.stream().map(Object::toString).collect(Collectors.joining(" || ")) + ")";
        }
    }

    /** Double quotes unless the value holds one (Calico strings have no escapes). */
    private static String quote(String value) {
        return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
    }
}
