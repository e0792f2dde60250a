package io.netspec.engine.load;

import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Labels and label selectors, validated as the API server would. */
final class Labels {

    private Labels() {}

    /** Valid label keys are checked once per load and shared; an invalid one is reported where it is. */
    private static final YamlMap.EntryCheck KEYS = (node, text, field) -> {
        String valid = field.ctx().strings().validKey(text);
        if (valid != null) {
            return valid;
        }
        K8sSyntax.labelKeyProblem(text).ifPresent(p -> field.ctx().error(node, field.path() + ": " + p));
        return text;
    };

    private static final YamlMap.EntryCheck VALUES = (node, text, field) -> {
        String valid = field.ctx().strings().validValue(text);
        if (valid != null) {
            return valid;
        }
        K8sSyntax.labelValueProblem(text).ifPresent(p -> field.ctx().error(node, field.path() + ": " + p));
        return text;
    };

    /** A {@code labels}-like mapping (also {@code matchLabels}, a Service {@code selector}), validated. */
    static Map<String, String> read(YamlMap parent, String key) {
        return parent.stringMap(key, KEYS, VALUES);
    }

    /** A LabelSelector field; empty when absent (callers decide what absent means). */
    static Optional<Selector> selector(YamlMap parent, String key) {
        return parent.map(key).map(Labels::selector);
    }

    static Selector selector(YamlMap sel) {
        return selector(sel, false);
    }

    /**
     * A Cilium endpoint selector: keys may carry a Cilium label source ({@code k8s:}, {@code any:},
     * {@code reserved:}...), which is kept in the key and left out of the syntax check.
     */
    static Selector ciliumSelector(YamlMap sel) {
        return selector(sel, true);
    }

    /** A key without its Cilium source prefix (the part Kubernetes label syntax applies to). */
    static String withoutCiliumSource(String key) {
        int colon = key.indexOf(':');
        int slash = key.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) ? key.substring(colon + 1) : key;
    }

    private static final YamlMap.EntryCheck CILIUM_KEYS = (node, text, field) -> {
        ciliumKeyProblem(text).ifPresent(p -> field.ctx().error(node, field.path() + ": " + p));
        return text;
    };

    /** Namespace labels appear as {@code io.cilium.k8s.namespace.labels.<key>}: the syntax applies to {@code <key>}. */
    private static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

    static Optional<String> ciliumKeyProblem(String key) {
        String bare = withoutCiliumSource(key);
        return K8sSyntax.labelKeyProblem(
                bare.startsWith(NAMESPACE_LABELS) ? bare.substring(NAMESPACE_LABELS.length()) : bare);
    }

    private static Selector selector(YamlMap sel, boolean cilium) {
        ReadContext ctx = sel.ctx();
        Map<String, String> matchLabels =
                cilium ? sel.stringMap("matchLabels", CILIUM_KEYS, VALUES) : read(sel, "matchLabels");
        List<LabelRequirement> expressions = new ArrayList<>();
        for (YamlMap e : sel.maps("matchExpressions")) {
            Optional<String> key = e.string("key");
            Optional<String> op = e.string("operator");
            if (key.isEmpty()) {
                ctx.error(e.node(), e.path() + ": key is missing");
                continue;
            }
            String validKey = cilium ? null : ctx.strings().validKey(key.get());
            if (cilium) {
                ciliumKeyProblem(key.get()).ifPresent(p -> ctx.error(e.nodeOr("key"), e.path() + ": " + p));
            } else if (validKey == null) {
                K8sSyntax.labelKeyProblem(key.get()).ifPresent(p -> ctx.error(e.nodeOr("key"), e.path() + ": " + p));
            }
            Optional<LabelRequirement.Operator> operator = op.flatMap(LabelRequirement.Operator::fromWire);
            if (operator.isEmpty()) {
                ctx.error(
                        e.nodeOr("operator"),
                        e.path() + ": invalid operator "
                                + op.map(o -> "\"" + o + "\"").orElse("(missing)")
                                + "; use In, NotIn, Exists or DoesNotExist");
                continue;
            }
            boolean valuesGiven = e.hasList("values") || e.has("values");
            List<String> values = e.strings("values");
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                String valid = ctx.strings().validValue(v);
                if (valid != null) {
                    values.set(i, valid);
                } else {
                    int index = i;
                    K8sSyntax.labelValueProblem(v)
                            .ifPresent(p -> ctx.error(e.list("values").get(index), e.path() + ".values: " + p));
                }
            }
            switch (operator.get()) {
                case IN, NOT_IN -> {
                    if (values.isEmpty()) {
                        ctx.error(
                                e.nodeOr("values"), e.path() + ": operator " + op.get() + " needs at least one value");
                    }
                }
                case EXISTS, DOES_NOT_EXIST -> {
                    if (valuesGiven && !values.isEmpty()) {
                        ctx.error(e.nodeOr("values"), e.path() + ": operator " + op.get() + " takes no values");
                    }
                }
                default -> throw new IllegalStateException();
            }
            expressions.add(new LabelRequirement(validKey == null ? key.get() : validKey, operator.get(), values));
        }
        return new Selector(matchLabels, expressions);
    }

    static String valueOf(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : "";
    }
}
