package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.Selector;
import java.util.Map;

/**
 * A predicate over a label map (pod, namespace, node or service-account labels): a Kubernetes
 * label selector, or a CNI's own selector language. {@link #canonical()} keys caches: equal
 * canonical strings must mean equal predicates.
 */
public interface LabelMatcher {

    LabelMatcher ALL = of(Selector.ALL);

    boolean matches(Map<String, String> labels);

    /** A string that identifies the predicate (for caching matches once per distinct predicate). */
    String canonical();

    /** True when it matches every label map. */
    default boolean matchesAll() {
        return false;
    }

    /** A Kubernetes label selector. */
    static LabelMatcher of(Selector selector) {
        return new OfSelector(selector);
    }

    /** A Kubernetes label selector as a matcher; prints as kubectl writes it. */
    record OfSelector(Selector selector) implements LabelMatcher {
        @Override
        public boolean matches(Map<String, String> labels) {
            return selector.matches(labels);
        }

        @Override
        public String canonical() {
            StringBuilder sb = new StringBuilder("k8s:");
            selector.matchLabels()
                    .forEach((k, v) -> sb.append(k).append('\u0000').append(v).append('\u0001'));
            sb.append('\u0002');
            for (LabelRequirement r : selector.matchExpressions()) {
                sb.append(r.key())
                        .append('\u0000')
                        .append(r.operator())
                        .append('\u0000')
                        .append(String.join("\u0000", r.values()))
                        .append('\u0001');
            }
            return sb.toString();
        }

        @Override
        public boolean matchesAll() {
            return selector.isEmpty();
        }

        @Override
        public String toString() {
            return selector.toString();
        }
    }
}
