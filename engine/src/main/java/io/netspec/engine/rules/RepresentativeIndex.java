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
import java.util.BitSet;
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

    /** Rules matching at most this many representatives are looked at representative by representative. */
    static final int NARROW = 64;

    private final Cluster cluster;
    private final Map<String, NamespaceFact> namespaces = new HashMap<>();
    /** The fresh pod, then an unlabelled pod of every namespace, then the manifests' pods: the plain walk's order. */
    private final List<EndpointAttributes> fixed = new ArrayList<>();

    private final int manifestStart;
    /** {@link #NARROW}, or less in tests, so that small random clusters have broad rules too. */
    private final int narrowLimit;
    /** Indices into {@link #fixed} by namespace name and labels (ascending). */
    private final Map<List<Object>, int[]> buckets;
    /** The same buckets by namespace name alone. */
    private final Map<String, List<int[]>> bucketsByName = new HashMap<>();

    private final Map<String, int[]> bucketsMatching = new HashMap<>();
    private final Map<String, List<NamespaceFact>> namespacesMatching = new HashMap<>();
    /** Per match, by value: the policies of many namespaces repeat the same peers (a team's namespaces, monitoring). */
    private final Map<EndpointMatch, int[]> matched = new HashMap<>();

    private final Map<String, List<EndpointAttributes>> witnesses = new HashMap<>();
    /** The same by match object, for any pod only (1) or not (0): the canonical key is a string built per call. */
    private final List<Map<EndpointMatch.Pods, List<EndpointAttributes>>> witnessesByObject =
            List.of(new IdentityHashMap<>(), new IdentityHashMap<>());

    private final Map<LayerRule, RuleSet> ruleSets = new IdentityHashMap<>();
    private final Map<int[], RuleSet> setsOf = new IdentityHashMap<>();
    /** Broad sets by content: rules matching the same representatives share partitions. */
    private final Map<BitSet, Integer> setIds = new HashMap<>();

    private final Map<List<Integer>, Partition> partitions = new HashMap<>();
    /** The first index into {@link #fixed} of each representative, to skip witnesses the walk already asked. */
    private final Map<EndpointAttributes, Integer> fixedIndex = new HashMap<>();

    RepresentativeIndex(
            Cluster cluster,
            List<EndpointAttributes> unlabelled,
            List<EndpointAttributes> manifestPods,
            int narrowLimit) {
        this.cluster = cluster;
        this.narrowLimit = narrowLimit;
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
        for (int i = fixed.size() - 1; i >= 0; i--) {
            fixedIndex.put(fixed.get(i), i);
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
     * {@link Representatives#everywhere}. {@code acceptsMatching} answers for a representative that exactly the
     * rules its argument accepts have a peer matching: the answer {@code accepts} gives every such
     * representative (the side's fold sees a representative only through which rules match it).
     *
     * <p>The manifests' representatives are split into cells by which of the rules match them: the rules
     * matching many representatives (cluster-wide policies, broad namespace selectors) split them into a few
     * large cells, shared by every question with the same broad rules; the others touch few representatives,
     * looked at one by one. A cell is asked once, so a question costs the cells and the representatives its
     * narrow rules name, not every representative (which a side admitting none of them used to cost).
     */
    synchronized Optional<EndpointAttributes> first(
            List<LayerRule> rules,
            String own,
            boolean anyPodOnly,
            Predicate<EndpointAttributes> accepts,
            Predicate<Predicate<LayerRule>> acceptsMatching) {
        int end = anyPodOnly ? manifestStart : fixed.size();
        Map<LayerRule, Integer> position = new IdentityHashMap<>();
        BitSet always = new BitSet();
        List<LayerRule> broad = new ArrayList<>();
        List<RuleSet> broadSets = new ArrayList<>();
        List<LayerRule> narrow = new ArrayList<>();
        List<RuleSet> narrowSets = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            LayerRule rule = rules.get(r);
            position.put(rule, r);
            RuleSet set = ruleSet(rule);
            if (set == RuleSet.EVERY_POD) {
                always.set(r);
            } else if (set.id >= 0) {
                broad.add(rule);
                broadSets.add(set);
            } else if (set.indices.length > 0) {
                narrow.add(rule);
                narrowSets.add(set);
            }
        }
        Partition cells = partition(broadSets);
        // the narrow rules matching each representative they touch (positions into rules)
        Map<Integer, BitSet> touched = new HashMap<>();
        for (int n = 0; n < narrow.size(); n++) {
            int at = position.get(narrow.get(n));
            for (int i : narrowSets.get(n).indices) {
                if (i < end) {
                    touched.computeIfAbsent(i, k -> new BitSet()).set(at);
                }
            }
        }
        Map<BitSet, Boolean> answers = new HashMap<>();
        Predicate<BitSet> accepted = matching ->
                answers.computeIfAbsent(matching, m -> acceptsMatching.test(rule -> m.get(position.get(rule))));
        BitSet[] cellRules = new BitSet[cells.cells.size()];
        for (int c = 0; c < cellRules.length; c++) {
            BitSet in = cells.cells.get(c).in;
            BitSet matching = (BitSet) always.clone();
            for (int b = 0; b < broad.size(); b++) {
                if (in.get(cells.setIndex(broadSets.get(b)))) {
                    matching.set(position.get(broad.get(b)));
                }
            }
            cellRules[c] = matching;
        }
        int best = Integer.MAX_VALUE;
        for (Map.Entry<Integer, BitSet> t : touched.entrySet()) {
            int i = t.getKey();
            if (i < best && eligible(i, own)) {
                BitSet matching = (BitSet) always.clone();
                matching.or(t.getValue());
                for (int b = 0; b < broad.size(); b++) {
                    if (broadSets.get(b).bits.get(i)) {
                        matching.set(position.get(broad.get(b)));
                    }
                }
                if (accepted.test(matching)) {
                    best = i;
                }
            }
        }
        for (int c = 0; c < cellRules.length; c++) {
            int[] members = cells.cells.get(c).members;
            if (members[0] >= Math.min(best, end) || !accepted.test(cellRules[c])) {
                continue;
            }
            for (int i : members) {
                if (i >= best || i >= end) {
                    break;
                }
                if (!touched.containsKey(i) && eligible(i, own)) {
                    best = i;
                    break;
                }
            }
        }
        if (best != Integer.MAX_VALUE) {
            return Optional.of(fixed.get(best));
        }
        return firstWitness(rules, own, anyPodOnly, accepts);
    }

    /** True when the plain walk asks representative {@code i}: the fresh pod always, others outside {@code own}. */
    private boolean eligible(int i, String own) {
        return i == 0 || !fixed.get(i).namespace().equals(own);
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

    /**
     * The representatives a rule matches (some peer of it), once per rule: {@link RuleSet#EVERY_POD} when it
     * matches every one alike; a broad set (more than {@link #NARROW} representatives) gets an id shared by
     * every rule matching the same representatives, so that questions share its {@link Partition}. An empty set
     * is narrow whatever the limit: it tells no representative apart.
     */
    private RuleSet ruleSet(LayerRule rule) {
        RuleSet known = ruleSets.get(rule);
        if (known != null) {
            return known;
        }
        RuleSet out;
        if (matchesEveryPod(rule)) {
            out = RuleSet.EVERY_POD;
        } else if (rule.peers().size() == 1) {
            out = ruleSet(matched(rule.peers().get(0).endpoints()));
        } else {
            BitSet union = new BitSet(fixed.size());
            for (Peer p : rule.peers()) {
                for (int i : matched(p.endpoints())) {
                    union.set(i);
                }
            }
            out = ruleSet(union.stream().toArray());
        }
        ruleSets.put(rule, out);
        return out;
    }

    /** The set of these representatives (sorted indices), once per array: rules with one peer share their match's. */
    private RuleSet ruleSet(int[] indices) {
        RuleSet known = setsOf.get(indices);
        if (known != null) {
            return known;
        }
        RuleSet out;
        if (indices.length <= narrowLimit || indices.length == 0) {
            out = new RuleSet(indices, null, -1);
        } else {
            BitSet bits = new BitSet(fixed.size());
            for (int i : indices) {
                bits.set(i);
            }
            int id = setIds.computeIfAbsent(bits, b -> setIds.size());
            out = new RuleSet(indices, bits, id);
        }
        setsOf.put(indices, out);
        return out;
    }

    /** The cells of the representatives that the broad sets split them into, once per distinct list of sets. */
    private Partition partition(List<RuleSet> sets) {
        int[] ids = sets.stream().mapToInt(RuleSet::id).sorted().distinct().toArray();
        List<Integer> key = Arrays.stream(ids).boxed().toList();
        Partition known = partitions.get(key);
        if (known != null) {
            return known;
        }
        BitSet[] byId = new BitSet[ids.length];
        for (RuleSet set : sets) {
            byId[Arrays.binarySearch(ids, set.id)] = set.bits;
        }
        // refine one cell (every representative) by each set in turn: a cell holds those inside exactly the same sets
        List<BitSet> members = new ArrayList<>();
        List<BitSet> in = new ArrayList<>();
        BitSet everyone = new BitSet(fixed.size());
        everyone.set(0, fixed.size());
        members.add(everyone);
        in.add(new BitSet());
        for (int k = 0; k < ids.length; k++) {
            int cellsNow = members.size();
            for (int c = 0; c < cellsNow; c++) {
                BitSet inside = (BitSet) members.get(c).clone();
                inside.and(byId[k]);
                if (inside.isEmpty()) {
                    continue;
                }
                members.get(c).andNot(byId[k]);
                if (members.get(c).isEmpty()) {
                    members.set(c, inside);
                    in.get(c).set(k);
                } else {
                    BitSet within = (BitSet) in.get(c).clone();
                    within.set(k);
                    members.add(inside);
                    in.add(within);
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            cells.add(new Cell(members.get(c).stream().toArray(), in.get(c)));
        }
        Partition out = new Partition(ids, List.copyOf(cells));
        partitions.put(key, out);
        return out;
    }

    /** The representatives a rule matches: sorted indices into {@link #fixed}, and as bits with an id when broad. */
    private record RuleSet(int[] indices, BitSet bits, int id) {
        static final RuleSet EVERY_POD = new RuleSet(new int[0], null, -2);
    }

    /** Representatives inside exactly the same sets of a {@link Partition}: ascending, and which sets (bits by position). */
    private record Cell(int[] members, BitSet in) {}

    /** A split of every representative into cells by the sets {@code ids}. */
    private record Partition(int[] ids, List<Cell> cells) {
        int setIndex(RuleSet set) {
            return Arrays.binarySearch(ids, set.id);
        }
    }

    /** The representatives the match may match (exactly, where indexed), sorted; once per distinct match. */
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
     * The first witness of the rules' peers that {@code accepts}, in the order {@link Representatives} makes
     * them, with namespaces looked up in maps instead of walked and each peer's witnesses made once. Asked
     * only when no representative of {@link #fixed} the walk asks was accepted: a witness equal to one of them
     * (an unlabelled pod of a namespace a peer selects) is not asked again (see {@link #witnessesOf}), and
     * neither is a witness the plain walk would have left out as a repeat (an earlier copy of it was refused).
     */
    private Optional<EndpointAttributes> firstWitness(
            List<LayerRule> rules, String own, boolean anyPodOnly, Predicate<EndpointAttributes> accepts) {
        for (LayerRule rule : rules) {
            for (Peer peer : rule.peers()) {
                for (EndpointMatch.Pods pods : Representatives.podsOf(peer.endpoints(), new ArrayList<>())) {
                    for (EndpointAttributes w : witnessesOf(pods, anyPodOnly)) {
                        // the plain walk leaves out the asking workload's own namespace, whichever branch made the pod
                        if (!w.namespace().equals(own) && accepts.test(w)) {
                            return Optional.of(w);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The witnesses of one pod match in every namespace, own namespace included, but those equal to a
     * representative of {@link #fixed} that the walk asks before them (before {@link #manifestStart} for
     * {@code anyPodOnly}); made once per match object and per distinct match.
     */
    private List<EndpointAttributes> witnessesOf(EndpointMatch.Pods pods, boolean anyPodOnly) {
        Map<EndpointMatch.Pods, List<EndpointAttributes>> byObject = witnessesByObject.get(anyPodOnly ? 1 : 0);
        List<EndpointAttributes> known = byObject.get(pods);
        if (known != null) {
            return known;
        }
        String key = (pods.namespaces() instanceof EndpointMatch.Named named
                        ? "=" + named.name()
                        : pods.namespaces() instanceof EndpointMatch.Labelled labelled
                                ? "~" + labelled.labels().canonical()
                                : "?")
                + '\u0003'
                + pods.pods().canonical()
                + '\u0003'
                + anyPodOnly;
        known = witnesses.get(key);
        if (known == null) {
            int end = anyPodOnly ? manifestStart : fixed.size();
            known = makeWitnesses(pods, anyPodOnly).stream()
                    .filter(w -> {
                        int i = fixedIndex.getOrDefault(w, -1);
                        return i < 0 || i >= end;
                    })
                    .toList();
            witnesses.put(key, known);
        }
        byObject.put(pods, known);
        return known;
    }

    private List<EndpointAttributes> makeWitnesses(EndpointMatch.Pods pods, boolean anyPodOnly) {
        List<EndpointAttributes> out = new ArrayList<>();
        if (pods.namespaces() instanceof EndpointMatch.Named named) {
            Optional<Map<String, String>> labels = Representatives.witness(pods.pods());
            if (labels.isPresent() && !anyPodOnly) {
                NamespaceFact ns = namespaces.get(named.name());
                out.add(EndpointAttributes.pod(
                        named.name(),
                        ns != null ? ns.labels() : Map.of(NamespaceFact.NAME_LABEL, named.name()),
                        labels.get(),
                        List.of()));
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
            out.add(EndpointAttributes.pod(ns.name(), ns.labels(), podLabels, List.of()));
        }
        Representatives.witness(labelled.labels()).ifPresent(nsLabels -> {
            Map<String, String> labels = new TreeMap<>(nsLabels);
            String name = labels.getOrDefault(NamespaceFact.NAME_LABEL, Representatives.NEW_NAMESPACE);
            labels.put(NamespaceFact.NAME_LABEL, name);
            if (!namespaces.containsKey(name) && labelled.labels().matches(labels)) {
                out.add(EndpointAttributes.pod(name, labels, podLabels, List.of()));
            }
        });
        return List.copyOf(out);
    }
}
