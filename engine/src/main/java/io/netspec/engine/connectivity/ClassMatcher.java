package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.model.LabelRequirement;
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
    /** How pod matchers over several namespaces are matched. */
    enum PodsPath {
        /** Per namespace, every class of each: the plain path. */
        PER_NAMESPACE,
        /** Over every namespace at once, candidates from {@link #byLabel}, whatever the namespaces (tests). */
        EVERYWHERE,
        /** Whichever of the two tests fewer classes. */
        CHEAPER
    }

    private final PodsPath podsPath;
    /** Every class (all namespaces) by pod label key and value, sorted; made on the first use. */
    private Map<String, Map<String, Postings>> byLabel;
    /** Per pod matcher (canonical text): the classes of every namespace it matches, sorted. */
    private final Map<String, int[]> podsEverywhere = new HashMap<>();
    /** Per namespace set (the shared one of {@link #namespaceCache}): how many classes its namespaces hold. */
    private final Map<BitSet, Long> classesIn = new IdentityHashMap<>();

    ClassMatcher(
            List<WorkloadClass> classes,
            List<String> namespaceNames,
            List<Map<String, String>> namespaceLabels,
            List<List<WorkloadClass>> classesByNamespace,
            Map<String, Integer> namespaceIndex) {
        this(classes, namespaceNames, namespaceLabels, classesByNamespace, namespaceIndex, PodsPath.CHEAPER);
    }

    /** With pod matchers over several namespaces matched by {@code podsPath} (the other paths: tests). */
    ClassMatcher(
            List<WorkloadClass> classes,
            List<String> namespaceNames,
            List<Map<String, String>> namespaceLabels,
            List<List<WorkloadClass>> classesByNamespace,
            Map<String, Integer> namespaceIndex,
            PodsPath podsPath) {
        this.podsPath = podsPath;
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
        if (podsPath == PodsPath.EVERYWHERE
                || podsPath == PodsPath.CHEAPER && everywhereIsCheaper(namespaces, podsKey, p.pods())) {
            // A matcher over many namespaces (a cluster-wide peer or subject): matched once over every
            // class carrying its rarest label, then kept to the namespaces. Per namespace, each distinct
            // matcher cost a scan of every class of every namespace (XL admin+cilium: a quarter of the analysis).
            for (int c : podsEverywhere(podsKey, p.pods())) {
                if (namespaces.get(classes.get(c).namespaceIndex)) {
                    out.set(c);
                }
            }
        } else {
            for (int ns = namespaces.nextSetBit(0); ns >= 0; ns = namespaces.nextSetBit(ns + 1)) {
                set(out, podsIn(ns, podsKey, p.pods()));
            }
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
     * True when matching {@code pods} over every namespace (its candidates from {@link #byLabel}, or
     * its result when already made) tests fewer classes than the namespaces' own classes.
     */
    private boolean everywhereIsCheaper(BitSet namespaces, String canonical, LabelMatcher pods) {
        if (namespaces.cardinality() <= 1) {
            return false;
        }
        // the same few namespace sets (cached by selector) come back for many pod matchers: summed once each
        long perNamespace = classesIn.computeIfAbsent(namespaces, set -> {
            long sum = 0;
            for (int ns = set.nextSetBit(0); ns >= 0; ns = set.nextSetBit(ns + 1)) {
                sum += classesByNamespace.get(ns).size();
            }
            return sum;
        });
        int[] known = podsEverywhere.get(canonical);
        if (known != null) {
            return known.length < perNamespace;
        }
        int[] candidates = candidates(pods);
        return (candidates == null ? classes.size() : candidates.length) < perNamespace;
    }

    /** The classes of every namespace whose pod labels match, sorted; once per distinct matcher. */
    private int[] podsEverywhere(String canonical, LabelMatcher pods) {
        int[] known = podsEverywhere.get(canonical);
        if (known != null) {
            return known;
        }
        int[] candidates = candidates(pods);
        int size = candidates == null ? classes.size() : candidates.length;
        int[] found = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            int c = candidates == null ? i : candidates[i];
            if (pods.matches(classes.get(c).labels())) {
                found[count++] = c;
            }
        }
        int[] out = count == size ? found : Arrays.copyOf(found, count);
        podsEverywhere.put(canonical, out);
        return out;
    }

    /**
     * Sorted classes that carry a label {@code pods} requires (the rarest such label: a necessary
     * condition of the match, so the matcher need be tested on these alone); null when it requires
     * no single label value (every class is a candidate).
     */
    private int[] candidates(LabelMatcher pods) {
        if (!(pods instanceof LabelMatcher.OfSelector s)) {
            return null;
        }
        int[] best = null;
        for (Map.Entry<String, String> e : s.selector().matchLabels().entrySet()) {
            best = rarer(best, posting(e.getKey(), e.getValue()));
        }
        for (LabelRequirement r : s.selector().matchExpressions()) {
            if (r.operator() == LabelRequirement.Operator.IN && r.values().size() == 1) {
                best = rarer(best, posting(r.key(), r.values().get(0)));
            }
        }
        return best;
    }

    private static int[] rarer(int[] best, int[] posting) {
        return best == null || posting.length < best.length ? posting : best;
    }

    private int[] posting(String key, String value) {
        if (byLabel == null) {
            byLabel = new HashMap<>();
            for (WorkloadClass c : classes) { // in index order, so every posting list is sorted
                for (Map.Entry<String, String> e : c.labels().entrySet()) {
                    byLabel.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(e.getValue(), v -> new Postings())
                            .add(c.index);
                }
            }
        }
        Map<String, Postings> values = byLabel.get(key);
        Postings p = values == null ? null : values.get(value);
        return p == null ? NONE : p.array();
    }

    private static final int[] NONE = new int[0];

    /** A growing sorted list of class indexes, trimmed on first read. */
    private static final class Postings {
        private int[] items = new int[4];
        private int size;

        void add(int c) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = c;
        }

        int[] array() {
            if (items.length != size) {
                items = Arrays.copyOf(items, size);
            }
            return items;
        }
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
        podsEverywhere.clear();
        classesIn.clear();
        byLabel = null;
    }

    /** A pod matcher (its canonical text) within one namespace. */
    private record NamespacePods(int namespace, String pods) {}

    static void set(BitSet out, int[] indexes) {
        for (int i : indexes) {
            out.set(i);
        }
    }
}
