package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.cilium.CiliumLayerCompiler;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.AdminPolicyCompiler;
import io.netspec.engine.connectivity.layer.Attribute;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.NetworkPlugins;
import io.netspec.engine.connectivity.layer.NetworkPolicyCompiler;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Exact connectivity over one {@link Cluster} under NetworkPolicies, AdminNetworkPolicies and the
 * BaselineAdminNetworkPolicy, plus the ingress controller of Ingress and Route objects: who can
 * reach whom on which ports, and why.
 *
 * <p>How it scales: workloads that no policy can tell apart (same namespace, pod labels and named
 * ports) form one {@link WorkloadClass}. Every policy selector and every rule peer is matched once
 * per class (namespace selectors once per namespace) into bitsets; classes that the same rules and
 * selections apply to share one {@link SideProfile} per direction. Connection sets are computed per class pair from
 * the two profiles' rules only, shared by every workload of the classes, and only for the pairs
 * some rule names: the rest take their side's default ({@link ClassRows}).
 *
 * <p>Addresses outside the cluster: ipBlocks never match workloads (pod IPs are not known from
 * manifests). The IPv4 space is cut into pieces by the ipBlocks of ingress rules (external
 * sources) and of egress rules (external destinations).
 *
 * <p>Immutable after {@link #of}; queries may come from several threads (the caches synchronise).
 */
public final class ConnectivityAnalysis {

    /** One ordered pair with a non-empty allowed set. */
    public record Reach(Endpoint source, Endpoint destination, ConnectionSet connections) {
        /** The corpus line: {@code src => dst : conns}. */
        @Override
        public String toString() {
            return source.id() + " => " + destination.id() + " : " + connections;
        }
    }

    /**
     * A named port of a policy rule that resolves to no container port (by name and protocol) on
     * a destination workload the rule applies to, so that the entry allows nothing there.
     */
    public record UnresolvedNamedPort(PolicyFact policy, PolicyRule rule, PolicyPort port, Workload destination) {
        @Override
        public String toString() {
            return policy.id() + " " + rule.direction().wireName().toLowerCase(Locale.ROOT) + " rule "
                    + (rule.index() + 1) + ": named port '" + port.port().name() + "'/" + port.protocol()
                    + " not found on " + destination.id();
        }
    }

    /** The namespace of the fictitious ingress-controller pod. */
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-controller-ns";

    /** The compilers of the policy kinds every cluster may carry: NetworkPolicy and the network-policy-api's. */
    public static final List<PolicyCompiler> STANDARD_COMPILERS =
            List.of(new NetworkPolicyCompiler(), new AdminPolicyCompiler());

    private final Cluster cluster;
    private final LayerModel model;
    private final List<String> namespaceNames = new ArrayList<>();
    private final List<Map<String, String>> namespaceLabels = new ArrayList<>();
    private final Map<String, Integer> namespaceIndex = new HashMap<>();
    private final List<WorkloadClass> classes = new ArrayList<>();
    /** Per match object, the workloads it cannot decide ({@link #reportUndecidable}). */
    private final Map<EndpointMatch, Undecided> undecided = new IdentityHashMap<>();

    private final List<List<WorkloadClass>> classesByNamespace = new ArrayList<>();
    private final Map<Workload, WorkloadClass> classOfWorkload;
    /** The same by equal workloads (not the instances grouped): made on the first such question. */
    private Map<Workload, WorkloadClass> classOfEqualWorkload;

    private final ClassMatcher matcher;
    /** Sorted class indexes each NetworkPolicy's pod selector selects. */
    private final Map<PolicyFact, int[]> selectedByPolicy = new IdentityHashMap<>();

    private final List<ClassRule> classRules = new ArrayList<>();
    private final Map<PolicyRule, ClassRule> compiledByRule = new IdentityHashMap<>();
    private final List<Workload> sortedWorkloads;
    private List<Map.Entry<String, Integer>> membersById;
    private final List<Endpoint.External> sourcePieces;
    private final List<Endpoint.External> destinationPieces;
    private final Map<ConnectionSet, ConnectionSet> interned = new ConcurrentHashMap<>();
    private final ClassRows rows;
    private List<UnresolvedNamedPort> unresolved;
    private List<List<PolicyFact>> policiesByClass;
    private Set<Action> l7Actions;
    private final List<AnalysisProblem> problems = new ArrayList<>();
    /** The fictitious ingress-controller pod's class (no members); null without Ingress or Route objects. */
    private WorkloadClass controller;

    private IngressExposure exposure;

    /**
     * The made-up destinations of {@link #egressTo}, by the representative's named ports: a side reads
     * nothing else of a destination (named-port resolution), and the rules ask for thousands of sources
     * towards the same few representatives, where making a class key each time hashed its labels anew.
     * A signature past every cached one keeps them out of the rules' per-signature caches.
     */
    private final Map<List<ContainerPort>, WorkloadClass> madeUpTargets = new ConcurrentHashMap<>();

    private static final WorkloadClass NO_NAMED_PORTS_TARGET =
            new WorkloadClass(-1, -1, new WorkloadClass.Key("", Map.of(), new TreeSet<>()), Integer.MAX_VALUE, true);
    /** Distinct named-port sets among the classes. */
    private int signatureCount;

    private ConnectivityAnalysis(Cluster cluster, List<? extends PolicyCompiler> compilers, long rowCacheCells) {
        this.cluster = cluster;
        this.model = LayerModel.compile(cluster, compilers);
        problems.addAll(AnalysisProblems.inPolicies(model.problems(), cluster));
        problems.addAll(AnalysisProblems.l7(model));
        indexNamespaces();
        this.classOfWorkload = new IdentityHashMap<>(cluster.workloads().size());
        groupWorkloads(ClassKeys.of(model, cluster));
        if (!cluster.ingresses().isEmpty() || !cluster.routes().isEmpty()) {
            addIngressController();
        }
        this.matcher = new ClassMatcher(classes, namespaceNames, namespaceLabels, classesByNamespace, namespaceIndex);
        List<IpRanges> ingressBlocks = new ArrayList<>();
        List<IpRanges> egressBlocks = new ArrayList<>();
        compileModel(ingressBlocks, egressBlocks);
        for (PolicyFact policy : cluster.policies()) {
            selectedByPolicy.put(
                    policy, matcher.podsIn(namespace(policy.namespace()), LabelMatcher.of(policy.podSelector())));
        }
        if (controller != null) {
            this.exposure = new IngressExposure(cluster, this::selectedByService);
        }
        this.sortedWorkloads = cluster.workloads().stream()
                .map(w -> Map.entry(w.id(), w))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
        this.sourcePieces = cut(ingressBlocks);
        this.destinationPieces = cut(egressBlocks);
        this.rows =
                new ClassRows(classes, sourcePieces, destinationPieces, signatureCount, this::intern, rowCacheCells);
        matcher.forgetMatchedSets();
    }

    /** For tests: the compiled rules, and the matcher their peer sets came from (its sets forgotten). */
    List<ClassRule> classRules() {
        return classRules;
    }

    ClassMatcher matcher() {
        return matcher;
    }

    /** Cilium's reading of every policy kind it enforces: its own policies and NetworkPolicy in one tier. */
    public static final List<PolicyCompiler> CILIUM_COMPILERS =
            List.of(new CiliumLayerCompiler(), new AdminPolicyCompiler());

    /** With the policy kinds of the plugin the cluster runs ({@link Cluster#plugin()}). */
    public static ConnectivityAnalysis of(Cluster cluster) {
        return new ConnectivityAnalysis(cluster, compilersFor(cluster), ClassRows.CACHE_CELLS);
    }

    /** The policy kinds of the plugin the cluster runs ({@link Cluster#plugin()}), in that plugin's tiers. */
    public static List<PolicyCompiler> compilersFor(Cluster cluster) {
        return cluster.plugin() == NetworkPlugin.CILIUM ? CILIUM_COMPILERS : NetworkPlugins.compilers(cluster.plugin());
    }

    /** With the policy kinds of {@code compilers} (e.g. a CNI's own policies, in the tiers that CNI evaluates). */
    public static ConnectivityAnalysis of(Cluster cluster, List<? extends PolicyCompiler> compilers) {
        return new ConnectivityAnalysis(cluster, compilers, ClassRows.CACHE_CELLS);
    }

    /** With a row cache of at most {@code rowCacheCells} cells (beyond the last row computed); for tests. */
    static ConnectivityAnalysis of(Cluster cluster, long rowCacheCells) {
        return new ConnectivityAnalysis(cluster, compilersFor(cluster), rowCacheCells);
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The normalised policy model the analysis evaluates. */
    public LayerModel model() {
        return model;
    }

    /**
     * The actions of the model's rules that L7 rules also decide ({@link LayerRule#l7()}), found once:
     * a spec asks it per step, and the model of a large cluster has tens of thousands of rules.
     */
    public synchronized Set<Action> l7Actions() {
        if (l7Actions == null) {
            Set<Action> out = EnumSet.noneOf(Action.class);
            model.rules().stream().filter(r -> r.l7().isPresent()).forEach(r -> out.add(r.action()));
            l7Actions = Collections.unmodifiableSet(out);
        }
        return l7Actions;
    }

    // ---------------------------------------------------------------- building

    private int namespace(String name) {
        Integer i = namespaceIndex.get(name);
        if (i != null) {
            return i;
        }
        // A namespace used but not declared (a hand-built Cluster): it still carries its name label.
        return addNamespace(name, Map.of(NamespaceFact.NAME_LABEL, name));
    }

    private int addNamespace(String name, Map<String, String> labels) {
        int i = namespaceNames.size();
        namespaceNames.add(name);
        namespaceLabels.add(labels);
        namespaceIndex.put(name, i);
        classesByNamespace.add(new ArrayList<>());
        return i;
    }

    private void indexNamespaces() {
        for (NamespaceFact ns : cluster.namespaces()) {
            if (!namespaceIndex.containsKey(ns.name())) {
                addNamespace(ns.name(), ns.labels());
            }
        }
        // Namespaces used but not declared (a hand-built Cluster); all known before selectors are matched.
        cluster.workloads().forEach(w -> namespace(w.namespace()));
        cluster.policies().forEach(p -> namespace(p.namespace()));
    }

    private void groupWorkloads(ClassKeys keys) {
        Map<WorkloadClass.Key, WorkloadClass> byKey = new HashMap<>();
        Map<Object, Integer> signatures = new HashMap<>();
        for (Workload w : cluster.workloads()) {
            WorkloadClass.Key base = WorkloadClass.keyOf(w, "");
            WorkloadClass.Key key = base.withExtra(keys.extra(w, base));
            WorkloadClass c = byKey.get(key);
            if (c == null) {
                int sig = signatures.computeIfAbsent(key.namedPorts(), k -> signatures.size());
                int ns = namespace(w.namespace());
                c = new WorkloadClass(classes.size(), ns, key, sig);
                c.attributes = keys.attributes(w);
                byKey.put(key, c);
                classes.add(c);
                classesByNamespace.get(ns).add(c);
            }
            c.members.add(w);
            classOfWorkload.put(w, c);
        }
        signatureCount = signatures.size();
    }

    /**
     * The ingress controller as a pod {@code ingress-controller} without labels in a namespace
     * {@code ingress-controller-ns} of its own (only its name label), so that peers match it like any
     * pod. It is never a subject: no policy restricts what it sends.
     */
    private void addIngressController() {
        int ns = namespaceNames.size();
        Map<String, String> labels = Map.of(NamespaceFact.NAME_LABEL, INGRESS_CONTROLLER_NAMESPACE);
        namespaceNames.add(INGRESS_CONTROLLER_NAMESPACE);
        namespaceLabels.add(labels);
        classesByNamespace.add(new ArrayList<>());
        WorkloadClass.Key key = new WorkloadClass.Key(INGRESS_CONTROLLER_NAMESPACE, Map.of(), new TreeSet<>());
        controller = new WorkloadClass(classes.size(), ns, key, signatureCount++, true);
        controller.attributes = new EndpointAttributes(
                INGRESS_CONTROLLER_NAMESPACE,
                labels,
                Map.of(),
                "default",
                Map.of(),
                List.of(),
                List.of(),
                false,
                "",
                Map.of(),
                false);
        classes.add(controller);
        classesByNamespace.get(ns).add(controller);
    }

    private List<Workload> selectedByService(io.netspec.engine.model.ServiceFact service) {
        Integer ns = namespaceIndex.get(service.namespace());
        if (ns == null || service.selector().isEmpty()) {
            return List.of();
        }
        List<Workload> out = new ArrayList<>();
        for (int c : matcher.podsIn(
                ns, LabelMatcher.of(Selector.of(service.selector().get())))) {
            out.addAll(classes.get(c).members);
        }
        return out;
    }

    /**
     * Matches every rule's subject and peers against the classes, and gives every class its side
     * profiles: the rules whose subject selects it, per tier, and the tiers that select it.
     */
    private void compileModel(List<IpRanges> ingressBlocks, List<IpRanges> egressBlocks) {
        List<Tier> tiers = model.tiers();
        Map<Tier, Integer> tierIndex = new HashMap<>();
        for (int t = 0; t < tiers.size(); t++) {
            tierIndex.put(tiers.get(t), t);
        }
        int n = classes.size();
        // Per class and direction: the indexes into classRules (already in tier and precedence order), then selections.
        List<List<Integer>>[] rulesOf = perClass(n);
        List<List<Integer>>[] selectionsOf = perClass(n);
        Map<EndpointMatch, BitSet> peerCache = new IdentityHashMap<>();
        for (LayerRule rule : model.rules()) {
            List<Peer> rulePeers = rule.peers();
            // one peer (the common case): its matched set itself, shared read-only, not a copy
            BitSet peers = rulePeers.size() == 1
                    ? peerCache.computeIfAbsent(rulePeers.get(0).endpoints(), matcher::classes)
                    : new BitSet();
            IpRanges addresses = IpRanges.EMPTY;
            for (Peer peer : rulePeers) {
                if (rulePeers.size() > 1) {
                    peers.or(peerCache.computeIfAbsent(peer.endpoints(), matcher::classes));
                }
                addresses = addresses.union(peer.addresses());
                reportUndecidable(rule, peer);
            }
            if (!addresses.isEmpty()) {
                (rule.direction() == Direction.INGRESS ? ingressBlocks : egressBlocks).add(addresses);
            }
            boolean all = peers.cardinality() == n;
            ClassRule compiled = new ClassRule(rule, all, all ? new BitSet() : peers, addresses, signatureCount);
            int index = classRules.size();
            classRules.add(compiled);
            if (rule.policy() instanceof PolicyFact np) {
                compiledByRule.put(np.rules(rule.direction()).get(rule.ruleIndex()), compiled);
            }
            BitSet subject = subjects(rule.subject());
            int d = rule.direction().ordinal();
            for (int c = subject.nextSetBit(0); c >= 0; c = subject.nextSetBit(c + 1)) {
                rulesOf[d].get(c).add(index);
            }
        }
        List<Selection> selections = model.selections();
        for (int i = 0; i < selections.size(); i++) {
            Selection s = selections.get(i);
            BitSet subject = subjects(s.subject());
            int d = s.direction().ordinal();
            for (int c = subject.nextSetBit(0); c >= 0; c = subject.nextSetBit(c + 1)) {
                selectionsOf[d].get(c).add(i);
            }
        }
        Map<List<Integer>, SideProfile> profiles = new HashMap<>();
        for (WorkloadClass c : classes) {
            c.ingress = profile(rulesOf[0].get(c.index), selectionsOf[0].get(c.index), tierIndex, profiles, -1);
            c.egress = profile(rulesOf[1].get(c.index), selectionsOf[1].get(c.index), tierIndex, profiles, -2);
        }
    }

    /** The workload classes, by index (tests). */
    List<WorkloadClass> classes() {
        return Collections.unmodifiableList(classes);
    }

    /** A fresh matcher over this analysis's classes matching pods by {@code path}: to compare the paths (tests). */
    ClassMatcher matcher(ClassMatcher.PodsPath path) {
        return new ClassMatcher(classes, namespaceNames, namespaceLabels, classesByNamespace, namespaceIndex, path);
    }

    @SuppressWarnings("unchecked")
    private static List<List<Integer>>[] perClass(int n) {
        List<List<Integer>>[] out = new List[Direction.values().length];
        for (int d = 0; d < out.length; d++) {
            out[d] = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                out[d].add(new ArrayList<>(0));
            }
        }
        return out;
    }

    /** The classes a subject selects: never a made-up endpoint (the ingress controller sends unrestricted). */
    private BitSet subjects(EndpointMatch subject) {
        BitSet out = matcher.classes(subject);
        if (controller != null && out.get(controller.index)) {
            out = (BitSet) out.clone();
            out.clear(controller.index);
        }
        return out;
    }

    private SideProfile profile(
            List<Integer> ruleIndexes,
            List<Integer> selectionIndexes,
            Map<Tier, Integer> tierIndex,
            Map<List<Integer>, SideProfile> profiles,
            int marker) {
        if (ruleIndexes.isEmpty() && selectionIndexes.isEmpty()) {
            return null;
        }
        List<Integer> key = new ArrayList<>(ruleIndexes.size() + selectionIndexes.size() + 1);
        key.addAll(ruleIndexes);
        key.add(marker);
        key.addAll(selectionIndexes);
        return profiles.computeIfAbsent(key, k -> {
            List<Tier> tiers = model.tiers();
            List<List<ClassRule>> byTier = new ArrayList<>();
            tiers.forEach(t -> byTier.add(new ArrayList<>()));
            boolean[] selected = new boolean[tiers.size()];
            for (int r : ruleIndexes) {
                ClassRule rule = classRules.get(r);
                byTier.get(tierIndex.get(rule.rule.tier())).add(rule);
            }
            List<PolicyObject> selecting = new ArrayList<>();
            List<List<PolicyObject>> selectingByTier = new ArrayList<>();
            tiers.forEach(t -> selectingByTier.add(new ArrayList<>()));
            for (int s : selectionIndexes) {
                Selection selection = model.selections().get(s);
                int t = tierIndex.get(selection.tier());
                selected[t] = true;
                if (!selecting.contains(selection.policy())) {
                    selecting.add(selection.policy());
                }
                if (!selectingByTier.get(t).contains(selection.policy())) {
                    selectingByTier.get(t).add(selection.policy());
                }
            }
            // Only the tiers that matter for these classes, in order.
            List<Tier> used = new ArrayList<>();
            List<ClassRule[]> usedRules = new ArrayList<>();
            List<Boolean> usedSelected = new ArrayList<>();
            List<List<PolicyObject>> usedSelecting = new ArrayList<>();
            for (int t = 0; t < tiers.size(); t++) {
                if (selected[t] || !byTier.get(t).isEmpty()) {
                    used.add(tiers.get(t));
                    usedRules.add(byTier.get(t).toArray(new ClassRule[0]));
                    usedSelected.add(selected[t]);
                    usedSelecting.add(selectingByTier.get(t));
                }
            }
            boolean[] sel = new boolean[used.size()];
            for (int i = 0; i < sel.length; i++) {
                sel[i] = usedSelected.get(i);
            }
            return new SideProfile(
                    used.toArray(new Tier[0]), usedRules.toArray(new ClassRule[0][]), sel, selecting, usedSelecting);
        });
    }

    /** Names a peer that some workloads' manifests cannot decide (no pod IP, no Node object), once per rule and peer. */
    private void reportUndecidable(LayerRule rule, Peer peer) {
        if (peer.endpoints().reads().stream().noneMatch(a -> a == Attribute.ADDRESSES || a == Attribute.NODE)) {
            return;
        }
        // classes, not workloads: a peer is asked once per class; the workloads named are the first
        // three by id (a list sorted once), so that thousands of ipBlock peers do not each collect
        // and sort every workload id of the cluster
        Undecided u = undecided.computeIfAbsent(peer.endpoints(), this::undecided);
        int count = u.count();
        if (count == 0) {
            return;
        }
        List<String> first = u.first();
        problems.add(new AnalysisProblem(
                AnalysisProblem.Severity.WARNING,
                peer.source(),
                rule + ": peer "
                        + peer.text() + " cannot be decided for " + count + " workload(s) whose pod IPs or Node"
                        + " the input does not carry (" + String.join(", ", first)
                        + (count > 3 ? ", ..." : "") + "): they are treated as not matching"
                        + podRangeHint(peer, u),
                Optional.of(rule.policy()),
                Optional.of(undecidedPeer(peer, u))));
    }

    /**
     * How many workloads a match cannot decide and the first three by id, once per match object: a Calico
     * cluster's thousands of address peers share a few matches, and counting the members of every undecided
     * class again for each rule was a sixth of an L diff with admin and Calico policies.
     */
    private record Undecided(
            int count, List<String> first, List<String> partlyCovered, boolean rangesUnknown, boolean hostNetwork) {}

    /** The end of the part of an undecidable peer's message that names the pod ranges it covers in part. */
    public static final String PARTLY = " only in part";

    /** The part of an undecidable peer's message that says pod ranges would decide it. */
    public static final String POD_RANGES_HINT =
            "give the cluster's pod ranges (podCIDRs: in .netspec.yaml, or --pod-cidr) to decide it";

    /** The part of an undecidable peer's message that says node ranges would decide it for host-network pods. */
    public static final String NODE_RANGES_HINT = "the node ranges (nodeCIDRs: in .netspec.yaml, or --node-cidr)";

    /**
     * What would decide an address peer: the pod ranges, when they are unknown; when known, the peer covers them
     * only in part (some pods there match, some do not), and the message names them.
     */
    /** What would decide the peer, as data: the grouped stderr line and the per-policy finding read it. */
    private static AnalysisProblem.UndecidedPeer undecidedPeer(Peer peer, Undecided u) {
        boolean addresses = peer.endpoints().reads().contains(Attribute.ADDRESSES);
        return new AnalysisProblem.UndecidedPeer(
                peer.text(),
                u.count(),
                addresses && !u.partlyCovered().isEmpty(),
                addresses && u.rangesUnknown(),
                addresses && u.hostNetwork());
    }

    private static String podRangeHint(Peer peer, Undecided u) {
        if (!peer.endpoints().reads().contains(Attribute.ADDRESSES)) {
            return "";
        }
        List<String> hints = new ArrayList<>();
        if (!u.partlyCovered().isEmpty()) {
            hints.add("it covers their pod range " + String.join(" and ", u.partlyCovered()) + PARTLY);
        }
        if (u.rangesUnknown()) {
            hints.add(POD_RANGES_HINT);
        }
        if (u.hostNetwork()) {
            hints.add("host-network pods have their node's addresses: give Node objects with status.addresses, or "
                    + NODE_RANGES_HINT + ", to decide it");
        }
        return hints.isEmpty() ? "" : "; " + String.join("; ", hints);
    }

    private Undecided undecided(EndpointMatch match) {
        BitSet undecidedClasses = undecidedClasses(match);
        int count = 0;
        for (int i = undecidedClasses.nextSetBit(0); i >= 0; i = undecidedClasses.nextSetBit(i + 1)) {
            count += classes.get(i).members.size();
        }
        Set<String> partly = new TreeSet<>();
        boolean rangesUnknown = false;
        boolean hostNetwork = false;
        for (int i = undecidedClasses.nextSetBit(0); i >= 0; i = undecidedClasses.nextSetBit(i + 1)) {
            EndpointAttributes a = classes.get(i).attributes;
            a.podRanges().ifPresent(r -> partly.add(r.text()));
            hostNetwork |= a.hostNetwork() && a.podRanges().isEmpty();
            rangesUnknown |= !a.hostNetwork() && a.podRanges().isEmpty();
        }
        List<String> first = new ArrayList<>(3);
        if (count > 0) {
            for (Map.Entry<String, Integer> member : membersById()) {
                if (undecidedClasses.get(member.getValue())) {
                    first.add(member.getKey());
                    if (first.size() == 3) {
                        break;
                    }
                }
            }
        }
        return new Undecided(count, List.copyOf(first), List.copyOf(partly), rangesUnknown, hostNetwork);
    }

    /**
     * The real classes a match cannot decide, once per match object: a compiler that gives equal peers
     * one match (Calico's ipBlocks and nets) has it asked once, not once per rule.
     */
    private BitSet undecidedClasses(EndpointMatch match) {
        BitSet out = new BitSet();
        for (int i = 0; i < classes.size(); i++) {
            WorkloadClass c = classes.get(i);
            if (!c.synthetic && !match.decidable(c.attributes)) {
                out.set(i);
            }
        }
        return out;
    }

    /** Every member of a non-synthetic class, its id and the class's position, sorted by id (made once). */
    private List<Map.Entry<String, Integer>> membersById() {
        if (membersById == null) {
            List<Map.Entry<String, Integer>> out = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) {
                WorkloadClass c = classes.get(i);
                if (!c.synthetic) {
                    for (Workload w : c.members) {
                        out.add(Map.entry(w.id(), i));
                    }
                }
            }
            out.sort(Map.Entry.comparingByKey());
            membersById = out;
        }
        return membersById;
    }

    /** The disjoint pieces of the IPv4 space that the blocks cut it into. */
    private static List<Endpoint.External> cut(List<IpRanges> blocks) {
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(0L);
        for (IpRanges b : blocks) {
            b.addBoundaries(cuts);
        }
        cuts.remove(IpRanges.MAX_ADDRESS + 1);
        List<Endpoint.External> out = new ArrayList<>();
        Long prev = null;
        for (long c : cuts) {
            if (prev != null) {
                out.add(new Endpoint.External(prev, c - 1));
            }
            prev = c;
        }
        out.add(new Endpoint.External(prev, IpRanges.MAX_ADDRESS));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- queries

    /** Workload endpoints, then the external ranges the policies cut the address space into. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        sortedWorkloads.forEach(w -> out.add(new Endpoint.OfWorkload(w)));
        TreeSet<Endpoint.External> external = new TreeSet<>(
                Comparator.comparingLong(Endpoint.External::first).thenComparingLong(Endpoint.External::last));
        external.addAll(sourcePieces);
        external.addAll(destinationPieces);
        out.addAll(external);
        if (controller != null) {
            out.add(Endpoint.INGRESS_CONTROLLER);
        }
        return out;
    }

    /** The address pieces that appear as sources (cut by the ipBlocks of ingress rules). */
    public List<Endpoint.External> externalSources() {
        return sourcePieces;
    }

    /** The address pieces that appear as destinations (cut by the ipBlocks of egress rules). */
    public List<Endpoint.External> externalDestinations() {
        return destinationPieces;
    }

    /** The number of workload equivalence classes (workloads that no policy can tell apart). */
    public int workloadClassCount() {
        return classes.size() - (controller == null ? 0 : 1);
    }

    /** True when Ingress or Route objects make the ingress controller a source. */
    public boolean hasIngressController() {
        return controller != null;
    }

    /**
     * Problems found in the policies: duplicate ANP priorities, ignored {@code nodes} peers, IPv6 networks, peers the
     * manifests cannot decide; each tied to the policy it is written in ({@link AnalysisProblems#inPolicies}).
     */
    public List<AnalysisProblem> problems() {
        return List.copyOf(problems);
    }

    /** The admin policies (ClusterNetworkPolicy, ANP, BANP) whose subject selects the workload, in evaluation order. */
    public List<ClusterNetworkPolicyFact> adminPoliciesSelecting(Workload workload) {
        WorkloadClass c = classOf(workload);
        List<ClusterNetworkPolicyFact> out = new ArrayList<>();
        for (SideProfile side : new SideProfile[] {c.ingress, c.egress}) {
            if (side != null) {
                side.selecting.stream()
                        .filter(p -> p instanceof ClusterNetworkPolicyFact)
                        .map(ClusterNetworkPolicyFact.class::cast)
                        .filter(p -> !out.contains(p))
                        .forEach(out::add);
            }
        }
        out.sort(Comparator.comparing(ClusterNetworkPolicyFact::baseline)
                .thenComparingInt(ClusterNetworkPolicyFact::priority)
                .thenComparing(ClusterNetworkPolicyFact::name));
        return out;
    }

    /** Every policy of any kind whose selection or rules apply to the workload for that direction, by tier. */
    public List<PolicyObject> policiesApplying(Workload workload, Direction direction) {
        SideProfile side = classOf(workload).profile(direction);
        if (side == null) {
            return List.of();
        }
        List<PolicyObject> out = new ArrayList<>(side.selecting);
        for (ClassRule[] tier : side.rules) {
            for (ClassRule r : tier) {
                if (!out.contains(r.rule.policy())) {
                    out.add(r.rule.policy());
                }
            }
        }
        return out;
    }

    /** What {@code source} may send to {@code destination}: its egress AND the destination's ingress. */
    public ConnectionSet allowed(Endpoint source, Endpoint destination) {
        if (source instanceof Endpoint.OfWorkload s && destination instanceof Endpoint.OfWorkload d) {
            return rows.cell(classOf(s.workload()).index, classOf(d.workload()).index);
        }
        if (source instanceof Endpoint.External s && destination instanceof Endpoint.OfWorkload d) {
            WorkloadClass dc = classOf(d.workload());
            return allowedForRange(s, dc, Direction.INGRESS, sourcePieces, dc);
        }
        if (source instanceof Endpoint.OfWorkload s && destination instanceof Endpoint.External d) {
            return allowedForRange(d, classOf(s.workload()), Direction.EGRESS, destinationPieces, null);
        }
        if (source instanceof Endpoint.IngressController
                && destination instanceof Endpoint.OfWorkload d
                && controller != null) {
            return rows.row(controller.index)
                    .toClass(classOf(d.workload()).index)
                    .intersect(exposure.ports(d.workload()));
        }
        // Traffic between two outside addresses is not governed by policies; the controller is only a source.
        return ConnectionSet.none();
    }

    /**
     * What {@code destination}'s ingress side allows from a made-up endpoint: a representative pod
     * (of a namespace not yet created, of another namespace) that the manifests need not contain.
     * The rules' questions "reachable from any pod of another namespace" go through here.
     */
    public ConnectionSet ingressFrom(EndpointAttributes representative, Workload destination) {
        WorkloadClass d = classOf(destination);
        return d.ingress == null ? ConnectionSet.all() : d.ingress.allowed(representative, d);
    }

    /** What {@code source}'s egress side allows towards a made-up endpoint (named ports resolve on its named ports). */
    public ConnectionSet egressTo(Workload source, EndpointAttributes representative) {
        WorkloadClass s = classOf(source);
        if (s.egress == null) {
            return ConnectionSet.all();
        }
        return s.egress.allowed(representative, madeUpTargets.computeIfAbsent(representative.namedPorts(), ports -> {
            WorkloadClass.Key key = new WorkloadClass.Key(
                    "",
                    Map.of(),
                    new TreeSet<>(ports.stream()
                            .map(p -> new WorkloadClass.NamedPort(p.name(), p.protocol(), p.port()))
                            .toList()));
            return new WorkloadClass(-1, -1, key, Integer.MAX_VALUE, true);
        }));
    }

    /**
     * What the destination's ingress side allows with a made-up pod that exactly the rules
     * {@code matches} accepts have a peer matching (the answer shared by every representative those
     * rules alone match; see {@link #ingressFrom(EndpointAttributes, Workload)}).
     */
    public ConnectionSet ingressMatching(Predicate<LayerRule> matches, Workload destination) {
        WorkloadClass d = classOf(destination);
        return d.ingress == null ? ConnectionSet.all() : d.ingress.allowedMatching(matches, d);
    }

    /**
     * What the source's egress side allows towards a made-up pod without named ports that exactly
     * the rules {@code matches} accepts have a peer matching (see {@link #egressTo}).
     */
    public ConnectionSet egressMatching(Workload source, Predicate<LayerRule> matches) {
        WorkloadClass s = classOf(source);
        if (s.egress == null) {
            return ConnectionSet.all();
        }
        return s.egress.allowedMatching(matches, NO_NAMED_PORTS_TARGET);
    }

    /**
     * An opaque token: workloads with equal tokens get equal answers to every question about their
     * sides (same class), so that callers may cache per token rather than per workload.
     */
    public Object classToken(Workload workload) {
        return classOf(workload);
    }

    /** The normalised rules whose subject selects the workload for {@code direction}, in evaluation order. */
    public List<LayerRule> rulesApplying(Workload workload, Direction direction) {
        SideProfile side = classOf(workload).profile(direction);
        List<LayerRule> out = new ArrayList<>();
        if (side != null) {
            for (ClassRule[] tier : side.rules) {
                for (ClassRule r : tier) {
                    out.add(r.rule);
                }
            }
        }
        return out;
    }

    /** Convenience for {@link #allowed(Endpoint, Endpoint)} between two workloads. */
    public ConnectionSet allowed(Workload source, Workload destination) {
        return allowed(new Endpoint.OfWorkload(source), new Endpoint.OfWorkload(destination));
    }

    /**
     * Every ordered pair with something allowed (no self-loops, no external-to-external), sorted as the corpus.
     * The cost is the output plus one pass per source class over its row's non-empty cells.
     */
    public Stream<Reach> reach() {
        ReachTable table = reachTable();
        ReachTable.Cursor cursor = table.cursor();
        // one cursor: a caller may make the stream parallel, and a cursor's scratch is for one thread at a time
        return IntStream.range(0, table.sources().size())
                .mapToObj(s -> {
                    synchronized (cursor) {
                        return table.reach(cursor, s);
                    }
                })
                .flatMap(List::stream);
    }

    /** The lines of {@link #reach()} as a table that writers walk without an object per line, on several threads. */
    public ReachTable reachTable() {
        return new ReachTable(
                this, rows, classes.size(), sortedWorkloads, sourcePieces, hasIngressController(), destinationPieces);
    }

    /**
     * The lines of {@link #reach()} that {@code scope} keeps, in the same order: every line of a workload
     * source in {@link ChangeScope#rows()} and of the ingress controller, and towards the workloads of
     * {@link ChangeScope#columns()} the lines of every other source. The rows cost what {@link #reach()}
     * costs per source; a column costs one cell per source class, computed directly (no row is built).
     */
    Stream<Reach> reach(ChangeScope scope) {
        ReachTable table = reachTable();
        List<Endpoint> sources = table.sources();
        Columns columns = new Columns(table.destinations().stream()
                .filter(d -> d instanceof Endpoint.OfWorkload && scope.columns().contains(d.id()))
                .map(Endpoint.OfWorkload.class::cast)
                .toList());
        ReachTable.Cursor cursor = table.cursor();
        return IntStream.range(0, sources.size())
                .mapToObj(s -> {
                    Endpoint source = sources.get(s);
                    if (source instanceof Endpoint.IngressController
                            || (source instanceof Endpoint.OfWorkload
                                    && scope.rows().contains(source.id()))) {
                        synchronized (cursor) {
                            return table.reach(cursor, s);
                        }
                    }
                    return columns.from(source);
                })
                .flatMap(List::stream);
    }

    /**
     * The lines from any source to some destinations (sorted): per source class, one cell per
     * destination class, computed directly (no row is built) and shared by the class's workloads.
     */
    private final class Columns {
        private static final ConnectionSet[] NOTHING = new ConnectionSet[0];
        private final List<Endpoint.OfWorkload> columns;
        /** Per column, its position among the distinct destination classes. */
        private final int[] slot;

        private final List<WorkloadClass> destinationClasses = new ArrayList<>();
        /** Per source class, the cells towards the destination classes; {@link #NOTHING} when all are empty. */
        private final ConnectionSet[][] bySourceClass = new ConnectionSet[classes.size()][];

        Columns(List<Endpoint.OfWorkload> columns) {
            this.columns = columns;
            this.slot = new int[columns.size()];
            Map<WorkloadClass, Integer> slots = new IdentityHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                WorkloadClass c = classOf(columns.get(i).workload());
                slot[i] = slots.computeIfAbsent(c, k -> {
                    destinationClasses.add(k);
                    return destinationClasses.size() - 1;
                });
            }
        }

        List<Reach> from(Endpoint source) {
            if (columns.isEmpty()) {
                return List.of();
            }
            List<Reach> out = new ArrayList<>();
            if (source instanceof Endpoint.OfWorkload s) {
                ConnectionSet[] cells = cells(classOf(s.workload()));
                if (cells == NOTHING) {
                    return List.of();
                }
                for (int i = 0; i < columns.size(); i++) {
                    Endpoint.OfWorkload d = columns.get(i);
                    ConnectionSet c = cells[slot[i]];
                    if (!c.isEmpty() && s.workload() != d.workload()) {
                        out.add(new Reach(source, d, c));
                    }
                }
            } else {
                for (Endpoint.OfWorkload d : columns) { // an address piece: the destination's ingress alone
                    ConnectionSet c = allowed(source, d);
                    if (!c.isEmpty()) {
                        out.add(new Reach(source, d, c));
                    }
                }
            }
            return out;
        }

        private ConnectionSet[] cells(WorkloadClass source) {
            ConnectionSet[] cells = bySourceClass[source.index];
            if (cells == null) {
                cells = new ConnectionSet[destinationClasses.size()];
                boolean any = false;
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = rows.directCell(source, destinationClasses.get(i));
                    any |= !cells[i].isEmpty();
                }
                cells = any ? cells : NOTHING;
                bySourceClass[source.index] = cells;
            }
            return cells;
        }
    }

    /**
     * True when a tier that denies what its rules do not allow selects the workload for that
     * direction (a NetworkPolicy in its namespace selects it for that direction).
     */
    public boolean isIsolated(Workload workload, Direction direction) {
        SideProfile p = classOf(workload).profile(direction);
        return p != null && p.isolated();
    }

    /** The NetworkPolicies that select the workload for that direction. */
    public List<PolicyFact> policiesSelecting(Workload workload, Direction direction) {
        SideProfile p = classOf(workload).profile(direction);
        return p == null
                ? List.of()
                : p.selecting.stream()
                        .filter(x -> x instanceof PolicyFact)
                        .map(PolicyFact.class::cast)
                        .toList();
    }

    /** The policies whose pod selector selects the workload, whatever their policy types. */
    public List<PolicyFact> policiesSelecting(Workload workload) {
        return policiesByClass().get(classOf(workload).index);
    }

    /** Per class, the policies selecting it in input order; built on first use (O(selections), not O(policies) per query). */
    private synchronized List<List<PolicyFact>> policiesByClass() {
        if (policiesByClass == null) {
            List<List<PolicyFact>> out = new ArrayList<>(classes.size());
            classes.forEach(c -> out.add(new ArrayList<>()));
            for (PolicyFact p : cluster.policies()) {
                for (int c : selectedByPolicy.get(p)) {
                    out.get(c).add(p);
                }
            }
            policiesByClass = out.stream().map(List::copyOf).toList();
        }
        return policiesByClass;
    }

    /** The workloads a policy's pod selector selects (its own namespace only). */
    public List<Workload> selectedWorkloads(PolicyFact policy) {
        int[] selected = selectedByPolicy.get(policy);
        if (selected == null) {
            throw new IllegalArgumentException("policy " + policy.id() + " is not part of this cluster");
        }
        List<Workload> out = new ArrayList<>();
        for (int c : selected) {
            out.addAll(classes.get(c).members);
        }
        return out;
    }

    /** The workloads a rule's peers select (ipBlock peers select none); every workload for a rule without peers. */
    public List<Workload> peerWorkloads(PolicyFact policy, PolicyRule rule) {
        ClassRule compiled = compiled(policy, rule)
                .orElseThrow(() ->
                        new IllegalArgumentException("rule is not part of an isolating direction of " + policy.id()));
        List<Workload> out = new ArrayList<>();
        for (WorkloadClass c : classes) {
            if (compiled.matchesClass(c.index)) {
                out.addAll(c.members);
            }
        }
        return out;
    }

    private Optional<ClassRule> compiled(PolicyFact policy, PolicyRule rule) {
        ClassRule same = compiledByRule.get(rule);
        if (same != null && same.rule.policy() == policy) {
            return Optional.of(same);
        }
        return classRules.stream()
                .filter(r -> r.rule.policy().equals(policy)
                        && policy.rules(r.rule.direction())
                                .get(r.rule.ruleIndex())
                                .equals(rule))
                .findFirst();
    }

    /**
     * Every named port of an isolating policy rule that does not resolve on a destination it
     * applies to: for ingress rules the workloads the policy selects, for egress rules the
     * workloads the rule's peers select. Sorted by policy, rule, destination.
     */
    public synchronized List<UnresolvedNamedPort> unresolvedNamedPorts() {
        if (unresolved == null) {
            List<UnresolvedNamedPort> out = new ArrayList<>();
            for (ClassRule r : classRules) {
                if (!(r.rule.policy() instanceof PolicyFact policy)
                        || !r.rule.ports().hasNamedPorts()) {
                    continue;
                }
                PolicyRule rule = policy.rules(r.rule.direction()).get(r.rule.ruleIndex());
                int[] destinations = r.rule.direction() == Direction.INGRESS
                        ? selectedByPolicy.get(policy)
                        : r.allEndpoints
                                ? IntStream.range(0, classes.size()).toArray()
                                : r.peerClasses.stream().toArray();
                for (int c : destinations) {
                    WorkloadClass dc = classes.get(c);
                    for (PolicyPort port : rule.ports()) {
                        if (port.port().isNamed()
                                && dc.members.stream().findAny().isPresent()
                                && dc.key.namedPorts().stream()
                                        .noneMatch(np ->
                                                np.name().equals(port.port().name())
                                                        && np.protocol() == port.protocol()
                                                        && np.port() >= PortRange.MIN
                                                        && np.port() <= PortRange.MAX)) {
                            dc.members.forEach(w -> out.add(new UnresolvedNamedPort(policy, rule, port, w)));
                        }
                    }
                }
            }
            out.sort(Comparator.comparing((UnresolvedNamedPort u) -> u.policy().id())
                    .thenComparing(u -> u.rule().direction())
                    .thenComparingInt(u -> u.rule().index())
                    .thenComparing(u -> u.destination().id()));
            unresolved = List.copyOf(out);
        }
        return unresolved;
    }

    /** The unresolved named ports of one policy. */
    public List<UnresolvedNamedPort> unresolvedNamedPorts(PolicyFact policy) {
        return unresolvedNamedPorts().stream()
                .filter(u -> u.policy().equals(policy))
                .toList();
    }

    /** The evidence for {@code allowed(source, destination)}: allowing rules, or the isolation that denies. */
    public Explanation explain(Endpoint source, Endpoint destination) {
        return new ExplanationBuilder(this, ConnectionSet.none()).explain(source, destination);
    }

    /**
     * The same evidence, with {@code focus} (e.g. the one port a user asked about) kept in parts of
     * its own, so that the reasons name it rather than the larger set it shares its evidence with.
     */
    public Explanation explain(Endpoint source, Endpoint destination, ConnectionSet focus) {
        return new ExplanationBuilder(this, focus).explain(source, destination);
    }

    // ---------------------------------------------------------------- internals shared with the explainer

    WorkloadClass classOf(Workload w) {
        WorkloadClass c = classOfWorkload.get(w);
        if (c == null) {
            c = classOfEqualWorkload().get(w);
        }
        if (c == null) {
            throw new IllegalArgumentException("workload " + w.id() + " is not part of this cluster");
        }
        return c;
    }

    /**
     * The class by workload equality, for a caller holding an equal copy of a workload: the first
     * of equal workloads in input order wins, as grouping met them. Made on first use, since
     * hashing every workload record deeply costs more than the grouping itself.
     */
    private synchronized Map<Workload, WorkloadClass> classOfEqualWorkload() {
        if (classOfEqualWorkload == null) {
            Map<Workload, WorkloadClass> out = new HashMap<>();
            for (Workload w : cluster.workloads()) {
                out.putIfAbsent(w, classOfWorkload.get(w));
            }
            classOfEqualWorkload = out;
        }
        return classOfEqualWorkload;
    }

    ClassRows rows() {
        return rows;
    }

    /** The class a peer endpoint matches as: its class, the ingress controller's, or -1 for addresses. */
    int peerClassIndex(Endpoint e) {
        if (e instanceof Endpoint.OfWorkload w) {
            return classOf(w.workload()).index;
        }
        return e instanceof Endpoint.IngressController && controller != null ? controller.index : -1;
    }

    /** The Ingresses and Routes exposing {@code w} through the controller, with the TCP pod ports. */
    List<IngressExposure.Via> exposedBy(Workload w) {
        return exposure == null ? List.of() : exposure.via(w);
    }

    ConnectionSet exposedPorts(Workload w) {
        return exposure == null ? ConnectionSet.none() : exposure.ports(w);
    }

    List<Endpoint.External> pieces(Direction direction) {
        return direction == Direction.INGRESS ? sourcePieces : destinationPieces;
    }

    /** The pieces of {@code pieces} that overlap {@code range}, clipped to it. */
    static List<Endpoint.External> clip(Endpoint.External range, List<Endpoint.External> pieces) {
        List<Endpoint.External> out = new ArrayList<>();
        int i = Collections.binarySearch(pieces, range, Comparator.comparingLong(Endpoint.External::first));
        int start = i >= 0 ? i : Math.max(0, -i - 2);
        for (int k = start; k < pieces.size() && pieces.get(k).first() <= range.last(); k++) {
            Endpoint.External p = pieces.get(k);
            if (p.last() >= range.first()) {
                out.add(new Endpoint.External(Math.max(p.first(), range.first()), Math.min(p.last(), range.last())));
            }
        }
        return out;
    }

    /** What one side of {@code subject} allows for every address of {@code range}: the intersection over the pieces it spans. */
    private ConnectionSet allowedForRange(
            Endpoint.External range,
            WorkloadClass subject,
            Direction direction,
            List<Endpoint.External> pieces,
            WorkloadClass destination) {
        if (subject.profile(direction) == null) {
            return ConnectionSet.all();
        }
        ConnectionSet out = ConnectionSet.all();
        for (Endpoint.External piece : clip(range, pieces)) {
            out = out.intersect(side(subject, direction, -1, piece.first(), piece.last(), destination));
            if (out.isEmpty()) {
                break;
            }
        }
        return intern(out);
    }

    /**
     * What {@code subject}'s side of {@code direction} allows with a peer: class {@code peerClass} when
     * {@code >= 0}, else the addresses {@code first..last}; named ports resolve on {@code destination}.
     */
    static ConnectionSet side(
            WorkloadClass subject,
            Direction direction,
            int peerClass,
            long first,
            long last,
            WorkloadClass destination) {
        SideProfile profile = subject.profile(direction);
        return profile == null ? ConnectionSet.all() : profile.allowed(peerClass, first, last, destination);
    }

    private ConnectionSet intern(ConnectionSet c) {
        if (c.isEmpty() || c.isAll()) {
            return c;
        }
        ConnectionSet known = interned.putIfAbsent(c, c);
        return known == null ? c : known;
    }
}
