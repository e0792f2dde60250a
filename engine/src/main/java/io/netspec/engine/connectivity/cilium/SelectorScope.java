package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A necessary condition of a Cilium selector in the indexed forms of {@link EndpointMatch} (the {@code within}
 * of {@link EndpointMatch.Where}): the analysis then tests the selector only on the classes of the namespaces
 * and pod labels it can match, not on every class of the cluster (a namespaced policy's selectors carry
 * {@link CiliumIdentity#NAMESPACE}, so that is one namespace's classes).
 *
 * <p>Why every endpoint the selector matches also matches the scope, key by key of the identity
 * ({@link IdentityLabels#materialise}):
 * <ul>
 *   <li>{@link CiliumIdentity#NAMESPACE} is the endpoint's namespace: a required value or {@code In} list names
 *       the only namespaces it can be in;</li>
 *   <li>any key outside Cilium's own ones is the pod label itself: its requirement goes to the pod selector
 *       as written;</li>
 *   <li>{@code io.cilium.k8s.namespace.labels.K} is the namespace's label K when the namespace has one, else
 *       whatever the pod carries under that very key: so only a namespace <em>with</em> label K is held to
 *       the requirement ({@link NamespaceLabels});</li>
 *   <li>service account and cluster keys are left to the predicate.</li>
 * </ul>
 */
final class SelectorScope {

    private SelectorScope() {}

    /** Endpoints the selector may match; {@link EndpointMatch#ALL} when nothing narrows it. */
    static EndpointMatch of(CiliumSelector s) {
        if (s.otherSources()) {
            return EndpointMatch.NOTHING; // needs a label no pod has
        }
        Set<String> names = null; // null: any namespace
        Map<String, String> podMatch = new LinkedHashMap<>();
        List<LabelRequirement> podExpressions = new ArrayList<>();
        List<LabelRequirement> namespaceLabels = new ArrayList<>();
        Selector labels = s.labels();
        for (Map.Entry<String, String> e : labels.matchLabels().entrySet()) {
            String key = e.getKey();
            if (key.equals(CiliumIdentity.NAMESPACE)) {
                names = narrow(names, List.of(e.getValue()));
            } else if (key.startsWith(CiliumIdentity.NAMESPACE_LABELS)) {
                namespaceLabels.add(new LabelRequirement(
                        key.substring(CiliumIdentity.NAMESPACE_LABELS.length()),
                        LabelRequirement.Operator.IN,
                        List.of(e.getValue())));
            } else if (!reserved(key)) {
                podMatch.put(key, e.getValue());
            }
        }
        for (LabelRequirement r : labels.matchExpressions()) {
            String key = r.key();
            if (key.equals(CiliumIdentity.NAMESPACE)) {
                if (r.operator() == LabelRequirement.Operator.IN) {
                    names = narrow(names, r.values());
                }
            } else if (key.startsWith(CiliumIdentity.NAMESPACE_LABELS)) {
                namespaceLabels.add(new LabelRequirement(
                        key.substring(CiliumIdentity.NAMESPACE_LABELS.length()), r.operator(), r.values()));
            } else if (!reserved(key)) {
                podExpressions.add(r);
            }
        }
        LabelMatcher pods = LabelMatcher.of(new Selector(podMatch, podExpressions));
        if (names != null) {
            // the namespace is known: its labels narrow nothing further worth a matcher
            List<EndpointMatch> in = new ArrayList<>();
            for (String name : names) {
                in.add(new EndpointMatch.Pods(new EndpointMatch.Named(name), pods, true));
            }
            return in.size() == 1 ? in.get(0) : in.isEmpty() ? EndpointMatch.NOTHING : new EndpointMatch.AnyOf(in);
        }
        if (namespaceLabels.isEmpty() && pods.matchesAll()) {
            return EndpointMatch.ALL;
        }
        LabelMatcher namespaces = namespaceLabels.isEmpty() ? LabelMatcher.ALL : new NamespaceLabels(namespaceLabels);
        return new EndpointMatch.Pods(new EndpointMatch.Labelled(namespaces), pods, true);
    }

    private static Set<String> narrow(Set<String> names, List<String> values) {
        Set<String> out = new TreeSet<>(values);
        if (names != null) {
            out.retainAll(names);
        }
        return out;
    }

    /** Keys the identity sets from elsewhere than the pod's labels. */
    private static boolean reserved(String key) {
        return key.equals(CiliumIdentity.NAMESPACE)
                || key.equals(CiliumIdentity.SERVICE_ACCOUNT)
                || key.equals(CiliumIdentity.CLUSTER)
                || key.startsWith(CiliumIdentity.NAMESPACE_LABELS);
    }

    /**
     * Namespaces that have none of the requirements' keys, or satisfy the requirement of each key they have:
     * a namespace without label K leaves {@code io.cilium.k8s.namespace.labels.K} to the pod's own labels.
     */
    record NamespaceLabels(List<LabelRequirement> requirements) implements LabelMatcher {

        NamespaceLabels {
            requirements = List.copyOf(requirements);
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            for (LabelRequirement r : requirements) {
                if (labels.containsKey(r.key()) && !r.matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String canonical() {
            StringBuilder sb = new StringBuilder("cilium-namespace-labels:");
            for (LabelRequirement r : requirements) {
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
        public String toString() {
            return "namespaces whose labels allow " + requirements;
        }
    }
}
