package io.netspec.engine.rules;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Made-up pods that stand for the pods that may exist, so that questions such as "reachable from
 * any pod of another namespace" are asked of the one evaluator rather than answered by a second
 * reading of the policies: a new unlabelled pod in a new namespace; an unlabelled pod in every
 * other namespace; for every peer of the workload's rules (any tier) that selects pods in other
 * namespaces, a pod carrying labels that peer selects, in a namespace it selects (an existing one,
 * or a new one labelled to match); and, where any pod counts, the pods of the manifests.
 */
final class Representatives {

    /** The name of the namespace that does not exist yet. */
    static final String NEW_NAMESPACE = "netspec-new-namespace";

    private Representatives() {}

    /** A new pod without labels in a new namespace without labels. */
    static EndpointAttributes freshPod() {
        return EndpointAttributes.pod(
                NEW_NAMESPACE, Map.of(NamespaceFact.NAME_LABEL, NEW_NAMESPACE), Map.of(), List.of());
    }

    /**
     * Representatives of pods outside namespace {@code own} that {@code rules} could admit. With
     * {@code anyPodOnly}, a peer's pod labels are used only when it selects every namespace (pods
     * anyone can create anywhere); otherwise the pods are unlabelled.
     */
    static List<EndpointAttributes> otherNamespaces(
            Cluster cluster,
            List<EndpointAttributes> unlabelled,
            List<EndpointAttributes> manifestPods,
            List<LayerRule> rules,
            String own,
            boolean anyPodOnly) {
        return of(cluster, unlabelled, manifestPods, rules, own, anyPodOnly);
    }

    /** Representatives of every namespace, the workload's own included: pods any of {@code rules} may tell apart. */
    static List<EndpointAttributes> everywhere(
            Cluster cluster,
            List<EndpointAttributes> unlabelled,
            List<EndpointAttributes> manifestPods,
            List<LayerRule> rules) {
        return of(cluster, unlabelled, manifestPods, rules, null, false);
    }

    /** {@code own}: the namespace left out, or null for none. */
    private static List<EndpointAttributes> of(
            Cluster cluster,
            List<EndpointAttributes> unlabelled,
            List<EndpointAttributes> manifestPods,
            List<LayerRule> rules,
            String own,
            boolean anyPodOnly) {
        List<EndpointAttributes> base = new ArrayList<>(unlabelled.size() + 1);
        base.add(freshPod());
        for (EndpointAttributes pod : unlabelled) {
            if (!pod.namespace().equals(own)) {
                base.add(pod);
            }
        }
        // witnesses of the rules' peers, each once; and, unless only pods anyone may create count, the
        // pods of the manifests themselves (their labels may escape a NotIn or DoesNotExist selector)
        Map<String, EndpointAttributes> out = new LinkedHashMap<>();
        if (!anyPodOnly) {
            for (EndpointAttributes pod : manifestPods) {
                if (!pod.namespace().equals(own)) {
                    base.add(pod);
                }
            }
        }
        for (LayerRule rule : rules) {
            for (Peer peer : rule.peers()) {
                for (EndpointMatch.Pods pods : podsOf(peer.endpoints(), new ArrayList<>())) {
                    if (pods.namespaces() instanceof EndpointMatch.Named named) {
                        // a NetworkPolicy peer of the policy's own namespace
                        Optional<Map<String, String>> labels = witness(pods.pods());
                        Optional<NamespaceFact> ns = cluster.namespace(named.name());
                        if (!named.name().equals(own) && labels.isPresent() && !anyPodOnly) {
                            add(
                                    out,
                                    EndpointAttributes.pod(
                                            named.name(),
                                            ns.map(NamespaceFact::labels)
                                                    .orElse(Map.of(NamespaceFact.NAME_LABEL, named.name())),
                                            labels.get(),
                                            List.of()));
                        }
                        continue;
                    }
                    if (!(pods.namespaces() instanceof EndpointMatch.Labelled labelled)) {
                        continue;
                    }
                    boolean everyNamespace = labelled.labels().matchesAll();
                    Map<String, String> podLabels = anyPodOnly && !everyNamespace
                            ? Map.of()
                            : witness(pods.pods()).orElse(null);
                    if (podLabels == null) {
                        continue;
                    }
                    for (NamespaceFact ns : cluster.namespaces()) {
                        if (!ns.name().equals(own) && labelled.labels().matches(ns.labels())) {
                            add(out, EndpointAttributes.pod(ns.name(), ns.labels(), podLabels, List.of()));
                        }
                    }
                    witness(labelled.labels()).ifPresent(nsLabels -> {
                        // a namespace these manifests do not describe, named as the selector names it if it does
                        Map<String, String> labels = new TreeMap<>(nsLabels);
                        String name = labels.getOrDefault(NamespaceFact.NAME_LABEL, NEW_NAMESPACE);
                        labels.put(NamespaceFact.NAME_LABEL, name);
                        if (!name.equals(own)
                                && cluster.namespace(name).isEmpty()
                                && labelled.labels().matches(labels)) {
                            add(out, EndpointAttributes.pod(name, labels, podLabels, List.of()));
                        }
                    });
                }
            }
        }
        base.addAll(out.values());
        return base;
    }

    /** The pods of the manifests as representatives, one per namespace and label set. */
    static List<EndpointAttributes> manifestPods(Cluster cluster) {
        Map<String, Map<String, String>> nsLabels = cluster.namespaceLabels();
        Map<String, EndpointAttributes> out = new LinkedHashMap<>();
        for (Workload w : cluster.workloads()) {
            add(
                    out,
                    EndpointAttributes.pod(
                            w.namespace(),
                            nsLabels.getOrDefault(w.namespace(), Map.of(NamespaceFact.NAME_LABEL, w.namespace())),
                            w.podLabels(),
                            List.of()));
        }
        return new ArrayList<>(out.values());
    }

    /** An unlabelled pod of every namespace of the cluster. */
    static List<EndpointAttributes> unlabelledPods(Cluster cluster) {
        return cluster.namespaces().stream()
                .map(ns -> EndpointAttributes.pod(ns.name(), ns.labels(), Map.of(), List.of()))
                .toList();
    }

    static void add(Map<String, EndpointAttributes> out, EndpointAttributes r) {
        out.putIfAbsent(r.namespace() + '\u0000' + r.namespaceLabels() + '\u0000' + r.podLabels(), r);
    }

    static List<EndpointMatch.Pods> podsOf(EndpointMatch m, List<EndpointMatch.Pods> out) {
        if (m instanceof EndpointMatch.Pods p) {
            out.add(p);
        } else if (m instanceof EndpointMatch.AnyOf any) {
            any.matches().forEach(x -> podsOf(x, out));
        } else if (m instanceof EndpointMatch.All) {
            out.add(new EndpointMatch.Pods(new EndpointMatch.Labelled(LabelMatcher.ALL), LabelMatcher.ALL, true));
        }
        return out;
    }

    /**
     * Labels that a Kubernetes label selector selects (matchLabels, the first value of each In,
     * a value for each Exists), or empty when it cannot be satisfied that way or is not a
     * Kubernetes selector (a CNI's own selector language).
     */
    static Optional<Map<String, String>> witness(LabelMatcher matcher) {
        if (!(matcher instanceof LabelMatcher.OfSelector of)) {
            return matcher.matchesAll() ? Optional.of(Map.of()) : Optional.empty();
        }
        Selector selector = of.selector();
        Map<String, String> labels = new TreeMap<>(selector.matchLabels());
        for (LabelRequirement r : selector.matchExpressions()) {
            if (r.operator() == LabelRequirement.Operator.IN && !r.values().isEmpty()) {
                labels.putIfAbsent(r.key(), r.values().get(0));
            } else if (r.operator() == LabelRequirement.Operator.EXISTS) {
                labels.putIfAbsent(r.key(), "netspec-any");
            }
        }
        return selector.matches(labels) ? Optional.of(labels) : Optional.empty();
    }
}
