package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches {@link EndpointMatch}es against workload classes into bitsets, once per distinct match:
 * {@link EndpointMatch.Pods} by namespace (namespace selectors once per namespace, pod selectors
 * once per namespace and selector), everything else per class on its attributes ({@link EndpointMatch.Where}
 * only on the classes of its necessary condition).
 */
final class ClassMatcher {

    private final List<WorkloadClass> classes;
    private final List<String> namespaceNames;
    private final List<Map<String, String>> namespaceLabels;
    private final List<List<WorkloadClass>> classesByNamespace;
    private final Map<String, Integer> namespaceIndex;
    private final Map<EndpointMatch, BitSet> byIdentity = new IdentityHashMap<>();
    private final Map<String, BitSet> podsCache = new HashMap<>();
    private final Map<String, BitSet> namespaceCache = new HashMap<>();
    private final Map<NamespacePods, int[]> podsInNamespace = new HashMap<>();

    ClassMatcher(
            List<WorkloadClass> classes,
            List<String> namespaceNames,
            List<Map<String, String>> namespaceLabels,
            List<List<WorkloadClass>> classesByNamespace,
            Map<String, Integer> namespaceIndex) {
        this.classes = classes;
        this.namespaceNames = namespaceNames;
        this.namespaceLabels = namespaceLabels;
        this.classesByNamespace = classesByNamespace;
        this.namespaceIndex = namespaceIndex;
    }

    /** The classes {@code match} selects; the returned set is shared: do not modify it. */
    BitSet classes(EndpointMatch match) {
        BitSet known = byIdentity.get(match);
        if (known == null) {
            known = compute(match);
            byIdentity.put(match, known);
        }
        return known;
    }

    private BitSet compute(EndpointMatch match) {
        if (match instanceof EndpointMatch.Pods p) {
            return pods(p); // a set of its own: not allocated here
        }
        BitSet out = new BitSet();
        if (match instanceof EndpointMatch.All) {
            out.set(0, classes.size());
        } else if (match instanceof EndpointMatch.Nothing) {
            return out;
        } else if (match instanceof EndpointMatch.AnyOf any) {
            any.matches().forEach(m -> out.or(classes(m)));
        } else if (match instanceof EndpointMatch.AllOf all) {
            out.set(0, classes.size());
            all.matches().forEach(m -> out.and(classes(m)));
        } else if (match instanceof EndpointMatch.Not not) {
            out.set(0, classes.size());
            out.andNot(classes(not.match()));
        } else if (match instanceof EndpointMatch.Where where && !(where.within() instanceof EndpointMatch.All)) {
            // the predicate accepts only classes of its necessary condition: test it on those alone
            BitSet within = classes(where.within());
            for (int c = within.nextSetBit(0); c >= 0; c = within.nextSetBit(c + 1)) {
                if (where.test(classes.get(c).attributes)) {
                    out.set(c);
                }
            }
        } else {
            for (WorkloadClass c : classes) {
                if (match.test(c.attributes)) {
                    out.set(c.index);
                }
            }
        }
        return out;
    }

    private BitSet pods(EndpointMatch.Pods p) {
        String podsKey = p.pods().canonical();
        String key = namespacesKey(p.namespaces()) + '\u0003' + podsKey + '\u0003' + p.hostNetworkPods();
        BitSet known = podsCache.get(key);
        if (known != null) {
            return known;
        }
        // Sized by its highest class, not by the class count: at 100k workloads a set per distinct
        // match sized for every class was the analysis's largest cost (allocating zeroed words).
        BitSet out = new BitSet();
        BitSet namespaces = namespaces(p.namespaces());
        for (int ns = namespaces.nextSetBit(0); ns >= 0; ns = namespaces.nextSetBit(ns + 1)) {
            set(out, podsIn(ns, podsKey, p.pods()));
        }
        if (!p.hostNetworkPods()) {
            for (int c = out.nextSetBit(0); c >= 0; c = out.nextSetBit(c + 1)) {
                if (classes.get(c).attributes.hostNetwork()) {
                    out.clear(c);
                }
            }
        }
        podsCache.put(key, out);
        return out;
    }

    private static String namespacesKey(EndpointMatch.Namespaces namespaces) {
        return namespaces instanceof EndpointMatch.Named n
                ? "=" + n.name()
                : "~" + ((EndpointMatch.Labelled) namespaces).labels().canonical();
    }

    private BitSet namespaces(EndpointMatch.Namespaces namespaces) {
        if (namespaces instanceof EndpointMatch.Named n) {
            BitSet out = new BitSet();
            Integer i = namespaceIndex.get(n.name());
            if (i != null) {
                out.set(i);
            }
            return out;
        }
        LabelMatcher labels = ((EndpointMatch.Labelled) namespaces).labels();
        return namespaceCache.computeIfAbsent(labels.canonical(), k -> {
            BitSet out = new BitSet(namespaceNames.size());
            for (int i = 0; i < namespaceNames.size(); i++) {
                if (labels.matches(namespaceLabels.get(i))) {
                    out.set(i);
                }
            }
            return out;
        });
    }

    /**
     * Classes of namespace {@code ns} whose pod labels match, sorted; matched once per (namespace,
     * matcher). The returned array is shared: do not modify it.
     */
    int[] podsIn(int ns, LabelMatcher pods) {
        return podsIn(ns, pods.canonical(), pods);
    }

    /** {@link #podsIn(int, LabelMatcher)} with the matcher's canonical text made once by the caller. */
    private int[] podsIn(int ns, String canonical, LabelMatcher pods) {
        NamespacePods key = new NamespacePods(ns, canonical);
        int[] cached = podsInNamespace.get(key);
        if (cached == null) {
            List<WorkloadClass> candidates = classesByNamespace.get(ns);
            int[] found = new int[candidates.size()];
            int count = 0;
            for (WorkloadClass c : candidates) { // in index order, so sorted
                if (pods.matches(c.labels())) {
                    found[count++] = c.index;
                }
            }
            cached = count == found.length ? found : Arrays.copyOf(found, count);
            podsInNamespace.put(key, cached);
        }
        return cached;
    }

    /**
     * Forgets the matched sets once the model is compiled: the rules keep their peers' sets, and
     * the rest (subjects, namespaces, sets only a combination used) would stay live to the end of
     * the run, copied by each young collection (XXL: ~0.1 GB). {@link #podsIn} stays answerable.
     */
    void forgetMatchedSets() {
        byIdentity.clear();
        podsCache.clear();
        namespaceCache.clear();
    }

    /** A pod matcher (its canonical text) within one namespace. */
    private record NamespacePods(int namespace, String pods) {}

    static void set(BitSet out, int[] indexes) {
        for (int i : indexes) {
            out.set(i);
        }
    }
}
