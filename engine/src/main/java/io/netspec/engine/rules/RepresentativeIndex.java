package io.netspec.engine.rules;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The {@link Representatives} of a cluster made once and indexed, so that "the first representative
 * pod a workload's side admits" costs what the workload's rules match, not the number of namespaces
 * and label classes of the cluster (asked once per workload class, the plain walk over every
 * representative was quadratic: minutes at 100,000 workloads in 2,500 namespaces).
 *
 * <p>Why it gives the plain walk's answer: a side's fold sees a representative only through which
 * of the side's rules have a peer matching it. Representatives no peer can tell apart (every peer
 * either matches every pod, or the index proves it does not match them) all get the same answer,
 * computed once; the others are evaluated one by one, in the plain walk's order, so the first one
 * admitted is the same representative. The index over-approximates (a peer it cannot index is
 * tested on every representative), never under-approximates. {@code RepresentativeIndexPropertiesTest}
 * compares it with {@link Representatives} on random clusters.
 */
final class RepresentativeIndex {

    /** Marks a match that matches every representative alike (all pods of all namespaces). */
    private static final int[] EVERY = new int[0];

    private final Cluster cluster;
    private final Map<String, NamespaceFact> namespaces = new HashMap<>();
    /** The fresh pod, then an unlabelled pod of every namespace, then the manifests' pods: the plain walk's order. */
    private final List<EndpointAttributes> fixed = new ArrayList<>();

    private final int manifestStart;
    /** Indices into {@link #fixed} by namespace name and labels (ascending). */
    private final Map<List<Object>, int[]> buckets;
    /** The same buckets by namespace name alone. */
    private final Map<String, List<int[]>> bucketsByName = new HashMap<>();

    private final Map<String, int[]> bucketsMatching = new HashMap<>();
    private final Map<String, List<NamespaceFact>> namespacesMatching = new HashMap<>();
    private final Map<EndpointMatch, int[]> matched = new IdentityHashMap<>();
    private final Map<String, List<Witness>> witnesses = new HashMap<>();

    RepresentativeIndex(Cluster cluster, List<EndpointAttributes> unlabelled, List<EndpointAttributes> manifestPods) {
        this.cluster = cluster;
        for (NamespaceFact ns : cluster.namespaces()) {
            namespaces.putIfAbsent(ns.name(), ns);
        }
        fixed.add(Representatives.freshPod());
        fixed.addAll(unlabelled);
        manifestStart = fixed.size();
        fixed.addAll(manifestPods);
        Map<List<Object>, List<Integer>> grouped = new LinkedHashMap<>();
        for (int i = 0; i < fixed.size(); i++) {
            EndpointAttributes e = fixed.get(i);
            grouped.computeIfAbsent(List.of(e.namespace(), e.namespaceLabels()), k -> new ArrayList<>())
                    .add(i);
        }
        buckets = new LinkedHashMap<>();
        grouped.forEach((k, v) -> {
            int[] indices = v.stream().mapToInt(Integer::intValue).toArray();
            buckets.put(k, indices);
            bucketsByName
                    .computeIfAbsent((String) k.get(0), n -> new ArrayList<>())
                    .add(indices);
        });
    }

    /**
     * The first representative outside namespace {@code own} (null: none left out) that {@code accepts},
     * in the order of {@link Representatives#otherNamespaces} ({@code own} non-null) or
     * {@link Representatives#everywhere}. {@code acceptsUnmatched} is the answer for a representative
     * that exactly the rules with a peer matching every pod match (see {@link #matchesEveryPod}).
     */
    synchronized Optional<EndpointAttributes> first(
            List<LayerRule> rules,
            String own,
            boolean anyPodOnly,
            Predicate<EndpointAttributes> accepts,
            boolean acceptsUnmatched) {
        int[] candidates = candidates(rules);
        int end = anyPodOnly ? manifestStart : fixed.size();
        if (acceptsUnmatched) {
            // the first eligible representative no rule tells apart is admitted: only candidates before it can win
            int c = 0;
            for (int i = 0; i < end; i++) {
                EndpointAttributes e = fixed.get(i);
                if (i > 0 && e.namespace().equals(own)) {
                    continue;
                }
                while (c < candidates.length && candidates[c] < i) {
                    c++;
                }
                boolean candidate = c < candidates.length && candidates[c] == i;
                if (!candidate || accepts.test(e)) {
                    return Optional.of(e);
                }
            }
        } else {
            for (int i : candidates) {
                if (i >= end) {
                    break;
                }
                EndpointAttributes e = fixed.get(i);
                if ((i == 0 || !e.namespace().equals(own)) && accepts.test(e)) {
                    return Optional.of(e);
                }
            }
        }
        for (EndpointAttributes e : witnesses(rules, own, anyPodOnly)) {
            if (accepts.test(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when the match matches every representative (every pod of every namespace, none on the host network). */
    static boolean matchesEveryPod(EndpointMatch m) {
        if (m instanceof EndpointMatch.All) {
            return true;
        }
        if (m instanceof EndpointMatch.AnyOf any) {
            return any.matches().stream().anyMatch(RepresentativeIndex::matchesEveryPod);
        }
        return m instanceof EndpointMatch.Pods p
                && p.pods().matchesAll()
                && p.namespaces() instanceof EndpointMatch.Labelled l
                && l.labels().matchesAll();
    }

    /** True when some peer of the rule matches every representative alike. */
    static boolean matchesEveryPod(LayerRule rule) {
        for (Peer p : rule.peers()) {
            if (matchesEveryPod(p.endpoints())) {
                return true;
            }
        }
        return false;
    }

    /** Sorted indices into {@link #fixed} that some peer of the rules may match, beyond those matching every pod. */
    private int[] candidates(List<LayerRule> rules) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (LayerRule rule : rules) {
            if (matchesEveryPod(rule)) {
                continue; // matched by every representative alike: tells none apart
            }
            for (Peer p : rule.peers()) {
                int[] m = matched(p.endpoints());
                if (m.length > 0) {
                    parts.add(m);
                    total += m.length;
                }
            }
        }
        if (parts.isEmpty()) {
            return EVERY;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] m : parts) {
            System.arraycopy(m, 0, all, at, m.length);
            at += m.length;
        }
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }

    /** The representatives the match may match (exactly, where indexed), sorted; once per match object. */
    private int[] matched(EndpointMatch m) {
        int[] known = matched.get(m);
        if (known != null) {
            return known;
        }
        int[] out;
        if (matchesEveryPod(m)) {
            out = EVERY; // never asked: its rule is skipped; kept empty to mean "tells none apart"
        } else if (m instanceof EndpointMatch.Pods p && p.namespaces() instanceof EndpointMatch.Named named) {
            List<Integer> hits = new ArrayList<>();
            test(m, 0, hits);
            for (int[] bucket : bucketsByName.getOrDefault(named.name(), List.of())) {
                for (int i : bucket) {
                    test(m, i, hits);
                }
            }
            out = sortedUnique(hits);
        } else if (m instanceof EndpointMatch.Pods p && p.namespaces() instanceof EndpointMatch.Labelled labelled) {
            List<Integer> hits = new ArrayList<>();
            test(m, 0, hits);
            for (int i : bucketsMatching(labelled.labels())) {
                test(m, i, hits);
            }
            out = sortedUnique(hits);
        } else if (m instanceof EndpointMatch.AnyOf any) {
            List<Integer> hits = new ArrayList<>();
            for (EndpointMatch x : any.matches()) {
                for (int i : matched(x)) {
                    hits.add(i);
                }
            }
            out = sortedUnique(hits);
        } else if (m instanceof EndpointMatch.Where where
                && !(where.within() instanceof EndpointMatch.All)
                && !matchesEveryPod(where.within())) {
            // only representatives of the predicate's necessary condition can match it (matched() of that
            // condition is exact, EVERY aside, which the guard leaves to the plain walk below)
            List<Integer> hits = new ArrayList<>();
            for (int i : matched(where.within())) {
                test(m, i, hits);
            }
            out = sortedUnique(hits);
        } else {
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < fixed.size(); i++) {
                test(m, i, hits);
            }
            out = sortedUnique(hits);
        }
        matched.put(m, out);
        return out;
    }

    private void test(EndpointMatch m, int i, List<Integer> hits) {
        if (m.test(fixed.get(i))) {
            hits.add(i);
        }
    }

    /** Indices of the representatives whose namespace labels the matcher matches (fresh pod aside), once per matcher. */
    private int[] bucketsMatching(LabelMatcher labels) {
        return bucketsMatching.computeIfAbsent(labels.canonical(), k -> {
            List<Integer> hits = new ArrayList<>();
            for (Map.Entry<List<Object>, int[]> b : buckets.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, String> nsLabels = (Map<String, String>) b.getKey().get(1);
                if (labels.matches(nsLabels)) {
                    for (int i : b.getValue()) {
                        hits.add(i);
                    }
                }
            }
            return sortedUnique(hits);
        });
    }

    private List<NamespaceFact> namespacesMatching(LabelMatcher labels) {
        return namespacesMatching.computeIfAbsent(labels.canonical(), k -> {
            List<NamespaceFact> out = new ArrayList<>();
            for (NamespaceFact ns : cluster.namespaces()) {
                if (labels.matches(ns.labels())) {
                    out.add(ns);
                }
            }
            return Collections.unmodifiableList(out);
        });
    }

    private static int[] sortedUnique(List<Integer> hits) {
        return hits.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    /**
     * The witnesses of the rules' peers, as {@link Representatives} makes them (same order), with
     * namespaces looked up in maps instead of walked and each peer's witnesses made once: asked once
     * per workload class, making them anew (a pod per namespace a peer selects) was most of the
     * search on clusters with many policy tiers.
     */
    private List<EndpointAttributes> witnesses(List<LayerRule> rules, String own, boolean anyPodOnly) {
        Map<String, EndpointAttributes> out = new LinkedHashMap<>();
        for (LayerRule rule : rules) {
            for (Peer peer : rule.peers()) {
                for (EndpointMatch.Pods pods : Representatives.podsOf(peer.endpoints(), new ArrayList<>())) {
                    for (Witness w : witnessesOf(pods, anyPodOnly)) {
                        // the plain walk leaves out the asking workload's own namespace, whichever branch made the pod
                        if (!w.pod().namespace().equals(own)) {
                            out.putIfAbsent(w.key(), w.pod());
                        }
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** A witness pod and its key among the plain walk's representatives ({@link Representatives#add}). */
    private record Witness(EndpointAttributes pod, String key) {
        static Witness of(EndpointAttributes pod) {
            return new Witness(pod, pod.namespace() + '\u0000' + pod.namespaceLabels() + '\u0000' + pod.podLabels());
        }
    }

    /** The witnesses of one pod match in every namespace, own namespace included; made once per distinct match. */
    private List<Witness> witnessesOf(EndpointMatch.Pods pods, boolean anyPodOnly) {
        String key = (pods.namespaces() instanceof EndpointMatch.Named named
                        ? "=" + named.name()
                        : pods.namespaces() instanceof EndpointMatch.Labelled labelled
                                ? "~" + labelled.labels().canonical()
                                : "?")
                + '\u0003'
                + pods.pods().canonical()
                + '\u0003'
                + anyPodOnly;
        List<Witness> known = witnesses.get(key);
        if (known == null) {
            known = makeWitnesses(pods, anyPodOnly);
            witnesses.put(key, known);
        }
        return known;
    }

    private List<Witness> makeWitnesses(EndpointMatch.Pods pods, boolean anyPodOnly) {
        List<Witness> out = new ArrayList<>();
        if (pods.namespaces() instanceof EndpointMatch.Named named) {
            Optional<Map<String, String>> labels = Representatives.witness(pods.pods());
            if (labels.isPresent() && !anyPodOnly) {
                NamespaceFact ns = namespaces.get(named.name());
                out.add(Witness.of(EndpointAttributes.pod(
                        named.name(),
                        ns != null ? ns.labels() : Map.of(NamespaceFact.NAME_LABEL, named.name()),
                        labels.get(),
                        List.of())));
            }
            return List.copyOf(out);
        }
        if (!(pods.namespaces() instanceof EndpointMatch.Labelled labelled)) {
            return List.of();
        }
        boolean everyNamespace = labelled.labels().matchesAll();
        Map<String, String> podLabels = anyPodOnly && !everyNamespace
                ? Map.of()
                : Representatives.witness(pods.pods()).orElse(null);
        if (podLabels == null) {
            return List.of();
        }
        for (NamespaceFact ns : namespacesMatching(labelled.labels())) {
            out.add(Witness.of(EndpointAttributes.pod(ns.name(), ns.labels(), podLabels, List.of())));
        }
        Representatives.witness(labelled.labels()).ifPresent(nsLabels -> {
            Map<String, String> labels = new TreeMap<>(nsLabels);
            String name = labels.getOrDefault(NamespaceFact.NAME_LABEL, Representatives.NEW_NAMESPACE);
            labels.put(NamespaceFact.NAME_LABEL, name);
            if (!namespaces.containsKey(name) && labelled.labels().matches(labels)) {
                out.add(Witness.of(EndpointAttributes.pod(name, labels, podLabels, List.of())));
            }
        });
        return List.copyOf(out);
    }
}
