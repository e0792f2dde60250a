package io.netspec.engine.connectivity;

import io.netspec.engine.model.AdminPolicyFact;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Exact connectivity over one {@link Cluster} under NetworkPolicies, AdminNetworkPolicies and the
 * BaselineAdminNetworkPolicy, plus the ingress controller of Ingress and Route objects: who can
 * reach whom on which ports, and why.
 *
 * <p>How it scales: workloads that no policy can tell apart (same namespace, pod labels and named
 * ports) form one {@link WorkloadClass}. Every policy selector and every rule peer is matched once
 * per class (namespace selectors once per namespace) into bitsets; classes selected by the same
 * isolating policies share one {@link Profile}, and classes selected by the same admin policies one
 * {@link AdminProfile}. Connection sets are computed per class pair from
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
            return policy.id() + " " + rule.direction().wireName().toLowerCase(java.util.Locale.ROOT) + " rule "
                    + (rule.index() + 1) + ": named port '" + port.port().name() + "'/" + port.protocol()
                    + " not found on " + destination.id();
        }
    }

    /** The namespace of the fictitious ingress-controller pod. */
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-controller-ns";

    private final Cluster cluster;
    private final List<String> namespaceNames = new ArrayList<>();
    private final List<Map<String, String>> namespaceLabels = new ArrayList<>();
    private final Map<String, Integer> namespaceIndex = new HashMap<>();
    private final List<WorkloadClass> classes = new ArrayList<>();
    private final List<List<WorkloadClass>> classesByNamespace = new ArrayList<>();
    private final Map<Workload, WorkloadClass> classOfWorkload = new IdentityHashMap<>();
    private final Map<Workload, WorkloadClass> classOfEqualWorkload = new HashMap<>();
    /** Sorted class indexes each policy's pod selector selects. */
    private final Map<PolicyFact, int[]> selectedByPolicy = new IdentityHashMap<>();
    private final List<CompiledRule> compiledRules = new ArrayList<>();
    private final Map<PolicyRule, CompiledRule> compiledByRule = new IdentityHashMap<>();
    private final List<Workload> sortedWorkloads;
    private final List<Endpoint.External> sourcePieces;
    private final List<Endpoint.External> destinationPieces;
    private final Map<Endpoint.External, Integer> destinationPieceIndex = new HashMap<>();
    private final Map<PodSelectorKey, int[]> podSelectorCache = new HashMap<>();
    private final Map<String, BitSet> namespaceSelectorCache = new HashMap<>();
    private final Map<ConnectionSet, ConnectionSet> interned = new java.util.concurrent.ConcurrentHashMap<>();
    private final ClassRows rows;
    private List<UnresolvedNamedPort> unresolved;
    private List<List<PolicyFact>> policiesByClass;
    /** ANPs by priority (input order among equal priorities), then BANPs. */
    private final List<AdminRule> adminRules = new ArrayList<>();
    private final List<AnalysisProblem> problems = new ArrayList<>();
    /** The fictitious ingress-controller pod's class (no members); null without Ingress or Route objects. */
    private WorkloadClass controller;
    private IngressExposure exposure;
    /** Distinct named-port sets among the classes. */
    private int signatureCount;

    private ConnectivityAnalysis(Cluster cluster, long rowCacheCells) {
        this.cluster = cluster;
        indexNamespaces();
        groupWorkloads();
        if (!cluster.ingresses().isEmpty() || !cluster.routes().isEmpty()) {
            addIngressController();
        }
        List<IpRanges> ingressBlocks = new ArrayList<>();
        List<IpRanges> egressBlocks = new ArrayList<>();
        compilePolicies(ingressBlocks, egressBlocks);
        compileAdminPolicies(egressBlocks);
        if (controller != null) {
            this.exposure = new IngressExposure(cluster, this::selectedByService);
        }
        this.sortedWorkloads = cluster.workloads().stream().map(w -> Map.entry(w.id(), w))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        this.sourcePieces = cut(ingressBlocks);
        this.destinationPieces = cut(egressBlocks);
        for (int i = 0; i < destinationPieces.size(); i++) {
            destinationPieceIndex.put(destinationPieces.get(i), i);
        }
        this.rows = new ClassRows(classes, sourcePieces, destinationPieces, signatureCount, this::intern, rowCacheCells);
    }

    public static ConnectivityAnalysis of(Cluster cluster) {
        return new ConnectivityAnalysis(cluster, ClassRows.CACHE_CELLS);
    }

    /** With a row cache of at most {@code rowCacheCells} cells (beyond the last row computed); for tests. */
    static ConnectivityAnalysis of(Cluster cluster, long rowCacheCells) {
        return new ConnectivityAnalysis(cluster, rowCacheCells);
    }

    public Cluster cluster() {
        return cluster;
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

    private void groupWorkloads() {
        Map<WorkloadClass.Key, WorkloadClass> byKey = new HashMap<>();
        Map<Object, Integer> signatures = new HashMap<>();
        for (Workload w : cluster.workloads()) {
            WorkloadClass.Key key = WorkloadClass.keyOf(w);
            WorkloadClass c = byKey.get(key);
            if (c == null) {
                int sig = signatures.computeIfAbsent(key.namedPorts(), k -> signatures.size());
                int ns = namespace(w.namespace());
                c = new WorkloadClass(classes.size(), ns, key, sig);
                byKey.put(key, c);
                classes.add(c);
                classesByNamespace.get(ns).add(c);
            }
            c.members.add(w);
            classOfWorkload.put(w, c);
            classOfEqualWorkload.putIfAbsent(w, c);
        }
        signatureCount = signatures.size();
    }

    /** Classes of namespace {@code ns} whose pod labels match {@code selector}; matched once per (namespace, selector). */
    private int[] podsIn(int ns, Selector selector) {
        return podSelectorCache.computeIfAbsent(new PodSelectorKey(ns, canonical(selector)), k -> classesByNamespace.get(ns).stream()
                .filter(c -> selector.matches(c.labels())).mapToInt(c -> c.index).sorted().toArray());
    }

    /** Keyed by a canonical string: Selector's own hash (sums of entry hashes) collides badly. */
    private record PodSelectorKey(int namespace, String selector) {
    }

    private static String canonical(Selector selector) {
        StringBuilder sb = new StringBuilder();
        selector.matchLabels().forEach((k, v) -> sb.append(k).append('\u0000').append(v).append('\u0001'));
        sb.append('\u0002');
        selector.matchExpressions().forEach(r -> sb.append(r.key()).append('\u0000').append(r.operator())
                .append('\u0000').append(String.join("\u0000", r.values())).append('\u0001'));
        return sb.toString();
    }

    private BitSet namespacesMatching(Selector selector) {
        return namespaceSelectorCache.computeIfAbsent(canonical(selector), key -> {
            Selector s = selector;
            BitSet out = new BitSet(namespaceNames.size());
            for (int i = 0; i < namespaceNames.size(); i++) {
                if (s.matches(namespaceLabels.get(i))) {
                    out.set(i);
                }
            }
            return out;
        });
    }

    /** Sets the classes a (non-ipBlock) peer selects. */
    private void addPeerClasses(PolicyFact policy, PolicyPeer peer, BitSet out) {
        Selector pods = peer.podSelector().orElse(Selector.ALL);
        if (peer.namespaceSelector().isEmpty()) {
            set(out, podsIn(namespace(policy.namespace()), pods));
            return;
        }
        BitSet namespaces = namespacesMatching(peer.namespaceSelector().get());
        for (int ns = namespaces.nextSetBit(0); ns >= 0; ns = namespaces.nextSetBit(ns + 1)) {
            set(out, podsIn(ns, pods));
        }
    }

    private static void set(BitSet out, int[] indexes) {
        for (int i : indexes) {
            out.set(i);
        }
    }

    private void compilePolicies(List<IpRanges> ingressBlocks, List<IpRanges> egressBlocks) {
        Map<Integer, List<Integer>> ingressPolicies = new HashMap<>();
        Map<Integer, List<Integer>> egressPolicies = new HashMap<>();
        List<List<CompiledRule>> ingressRules = new ArrayList<>();
        List<List<CompiledRule>> egressRules = new ArrayList<>();
        List<PolicyFact> policies = cluster.policies();
        for (int p = 0; p < policies.size(); p++) {
            PolicyFact policy = policies.get(p);
            ingressRules.add(compileRules(policy, Direction.INGRESS, ingressBlocks));
            egressRules.add(compileRules(policy, Direction.EGRESS, egressBlocks));
            int[] selected = podsIn(namespace(policy.namespace()), policy.podSelector());
            selectedByPolicy.put(policy, selected);
            for (int c : selected) {
                if (policy.isolatesIngress()) {
                    ingressPolicies.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                }
                if (policy.isolatesEgress()) {
                    egressPolicies.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                }
            }
        }
        Map<List<Integer>, Profile> profiles = new HashMap<>();
        for (WorkloadClass c : classes) {
            c.ingress = profile(ingressPolicies.get(c.index), ingressRules, profiles, true);
            c.egress = profile(egressPolicies.get(c.index), egressRules, profiles, false);
        }
    }

    private Profile profile(List<Integer> policyIndexes, List<List<CompiledRule>> rulesByPolicy,
                            Map<List<Integer>, Profile> profiles, boolean ingress) {
        if (policyIndexes == null) {
            return null;
        }
        List<Integer> key = new ArrayList<>(policyIndexes);
        key.add(ingress ? -1 : -2);
        return profiles.computeIfAbsent(key, k -> {
            List<PolicyFact> ps = new ArrayList<>();
            List<CompiledRule> rs = new ArrayList<>();
            for (int p : policyIndexes) {
                ps.add(cluster.policies().get(p));
                rs.addAll(rulesByPolicy.get(p));
            }
            return new Profile(ps, rs);
        });
    }

    /**
     * The ingress controller as a pod {@code ingress-controller} without labels in a namespace
     * {@code ingress-controller-ns} of its own (only its name label), so that peers match it like any pod.
     */
    private void addIngressController() {
        int ns = namespaceNames.size();
        namespaceNames.add(INGRESS_CONTROLLER_NAMESPACE);
        namespaceLabels.add(Map.of(NamespaceFact.NAME_LABEL, INGRESS_CONTROLLER_NAMESPACE));
        classesByNamespace.add(new ArrayList<>());
        WorkloadClass.Key key = new WorkloadClass.Key(INGRESS_CONTROLLER_NAMESPACE, Map.of(), new TreeSet<>());
        controller = new WorkloadClass(classes.size(), ns, key, signatureCount++);
        classes.add(controller);
        classesByNamespace.get(ns).add(controller);
    }

    private List<Workload> selectedByService(io.netspec.engine.model.ServiceFact service) {
        Integer ns = namespaceIndex.get(service.namespace());
        if (ns == null || service.selector().isEmpty()) {
            return List.of();
        }
        Selector selector = Selector.of(service.selector().get());
        List<Workload> out = new ArrayList<>();
        for (int c : podsIn(ns, selector)) {
            out.addAll(classes.get(c).members);
        }
        return out;
    }

    /** Orders the admin policies, compiles their rules and gives every selected class its admin profile. */
    private void compileAdminPolicies(List<IpRanges> egressBlocks) {
        List<AdminPolicyFact> anps = cluster.adminPolicies().stream().filter(a -> !a.baseline())
                .sorted(Comparator.comparingInt(AdminPolicyFact::priority)).toList();
        List<AdminPolicyFact> banps = cluster.adminPolicies().stream().filter(AdminPolicyFact::baseline).toList();
        if (anps.isEmpty() && banps.isEmpty()) {
            return;
        }
        for (int i = 1; i < anps.size(); i++) {
            AdminPolicyFact a = anps.get(i - 1);
            AdminPolicyFact b = anps.get(i);
            if (a.priority() == b.priority()) {
                problems.add(new AnalysisProblem(AnalysisProblem.Severity.ERROR, b.source(), "AdminNetworkPolicies "
                        + a.name() + " (" + a.source() + ") and " + b.name() + " both have priority " + a.priority()
                        + ": their order is undefined; " + a.name() + " is evaluated first (input order)"));
            }
        }
        if (banps.size() > 1) {
            problems.add(new AnalysisProblem(AnalysisProblem.Severity.ERROR, banps.get(1).source(),
                    "more than one BaselineAdminNetworkPolicy (there can be only one, named default): "
                            + banps.get(1).name() + " is evaluated after " + banps.get(0).name()));
        }
        banps.stream().filter(b -> !b.name().equals("default")).forEach(b -> problems.add(new AnalysisProblem(
                AnalysisProblem.Severity.WARNING, b.source(), "BaselineAdminNetworkPolicy " + b.name()
                + " is not named default: the API server accepts only default")));
        Map<AdminPolicyFact, List<AdminRule>[]> rulesByPolicy = new IdentityHashMap<>();
        List<BitSet> subjects = new ArrayList<>();
        List<AdminPolicyFact> ordered = new ArrayList<>(anps);
        ordered.addAll(banps);
        for (AdminPolicyFact policy : ordered) {
            @SuppressWarnings("unchecked")
            List<AdminRule>[] byDirection = new List[]{compileAdminRules(policy, Direction.INGRESS, egressBlocks),
                    compileAdminRules(policy, Direction.EGRESS, egressBlocks)};
            rulesByPolicy.put(policy, byDirection);
            BitSet subject = new BitSet();
            addSelected(policy.subject().namespaceSelector(), policy.subject().podSelector().orElse(Selector.ALL), subject);
            if (controller != null) {
                subject.clear(controller.index);
            }
            subjects.add(subject);
        }
        Map<List<Integer>, AdminProfile> profiles = new HashMap<>();
        for (WorkloadClass c : classes) {
            List<Integer> key = new ArrayList<>();
            for (int p = 0; p < ordered.size(); p++) {
                if (subjects.get(p).get(c.index)) {
                    key.add(p);
                }
            }
            if (key.isEmpty()) {
                continue;
            }
            c.admin = profiles.computeIfAbsent(key, k -> {
                List<List<AdminRule>> tiers = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
                for (int p : k) {
                    AdminPolicyFact policy = ordered.get(p);
                    int tier = policy.baseline() ? 2 : 0;
                    tiers.get(tier).addAll(rulesByPolicy.get(policy)[0]);
                    tiers.get(tier + 1).addAll(rulesByPolicy.get(policy)[1]);
                }
                return new AdminProfile(k.stream().map(ordered::get).toList(), tiers.get(0).toArray(AdminProfile.none()), tiers.get(1).toArray(AdminProfile.none()),
                        tiers.get(2).toArray(AdminProfile.none()), tiers.get(3).toArray(AdminProfile.none()));
            });
        }
    }

    /** Sets the classes of namespaces matching {@code namespaces} whose pods match {@code pods}. */
    private void addSelected(Selector namespaces, Selector pods, BitSet out) {
        BitSet matching = namespacesMatching(namespaces);
        for (int ns = matching.nextSetBit(0); ns >= 0; ns = matching.nextSetBit(ns + 1)) {
            set(out, podsIn(ns, pods));
        }
    }

    private List<AdminRule> compileAdminRules(AdminPolicyFact policy, Direction direction, List<IpRanges> egressBlocks) {
        List<AdminPolicyFact.Rule> rules = direction == Direction.INGRESS ? policy.ingress() : policy.egress();
        List<AdminRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AdminPolicyFact.Rule rule = rules.get(i);
            BitSet peers = new BitSet();
            IpRanges networks = IpRanges.EMPTY;
            for (AdminPolicyFact.Peer peer : rule.peers()) {
                if (peer.namespaceSelector().isPresent() || peer.podSelector().isPresent()) {
                    addSelected(peer.namespaceSelector().orElse(Selector.ALL), peer.podSelector().orElse(Selector.ALL), peers);
                } else if (!peer.networks().isEmpty()) {
                    for (io.netspec.engine.model.Cidr cidr : peer.networks()) {
                        if (cidr.ipv6()) {
                            problems.add(new AnalysisProblem(AnalysisProblem.Severity.WARNING, rule.source(), policy.kind()
                                    + " " + policy.name() + ": IPv6 network " + cidr + " is ignored"));
                        }
                        networks = networks.union(IpRanges.of(cidr));
                    }
                } else {
                    problems.add(new AnalysisProblem(AnalysisProblem.Severity.WARNING, rule.source(), policy.kind() + " "
                            + policy.name() + ": nodes peers are not supported and are ignored"));
                }
            }
            if (direction == Direction.EGRESS && !networks.isEmpty()) {
                egressBlocks.add(networks);
            }
            AdminRule compiled = new AdminRule(policy, direction, i, peers, networks, signatureCount);
            out.add(compiled);
            adminRules.add(compiled);
        }
        return out;
    }

    private List<CompiledRule> compileRules(PolicyFact policy, Direction direction, List<IpRanges> blocks) {
        if (!policy.isolates(direction)) {
            return List.of();
        }
        List<CompiledRule> out = new ArrayList<>();
        for (PolicyRule rule : policy.rules(direction)) {
            BitSet peers = new BitSet();
            IpRanges addresses = IpRanges.EMPTY;
            for (PolicyPeer peer : rule.peers()) {
                if (peer.ipBlock().isPresent()) {
                    IpRanges block = IpRanges.of(peer.ipBlock().get());
                    blocks.add(block);
                    addresses = addresses.union(block);
                } else {
                    addPeerClasses(policy, peer, peers);
                }
            }
            CompiledRule compiled = new CompiledRule(policy, rule, peers, addresses, signatureCount);
            out.add(compiled);
            compiledRules.add(compiled);
            compiledByRule.put(rule, compiled);
        }
        return out;
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
        TreeSet<Endpoint.External> external = new TreeSet<>(Comparator.comparingLong(Endpoint.External::first)
                .thenComparingLong(Endpoint.External::last));
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

    /** Problems found in the policies: duplicate ANP priorities, ignored {@code nodes} peers, IPv6 networks. */
    public List<AnalysisProblem> problems() {
        return List.copyOf(problems);
    }

    /** The AdminNetworkPolicies and BaselineAdminNetworkPolicies whose subject selects the workload, in evaluation order. */
    public List<AdminPolicyFact> adminPoliciesSelecting(Workload workload) {
        AdminProfile admin = classOf(workload).admin;
        return admin == null ? List.of() : admin.policies;
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
        if (source instanceof Endpoint.IngressController && destination instanceof Endpoint.OfWorkload d
                && controller != null) {
            return rows.row(controller.index).toClass(classOf(d.workload()).index).intersect(exposure.ports(d.workload()));
        }
        // Traffic between two outside addresses is not governed by policies; the controller is only a source.
        return ConnectionSet.none();
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
        List<Endpoint> sources = sortedEndpoints(sourcePieces);
        ReachWalk walk = new ReachWalk(sortedEndpoints(destinationPieces));
        return sources.stream().flatMap(walk::from);
    }

    /**
     * Emits the reach lines of one source after another. Per source class (and per address piece),
     * the destination positions with a non-empty cell are found once, sorted, and kept for the
     * other workloads of the class: together they are no larger than the output plus one per class.
     */
    private final class ReachWalk {
        private final List<Endpoint> destinations;
        private final int[][] positionsOfClass;
        private final int[] positionOfPiece;
        private final Map<Endpoint.External, Integer> sourcePieceIndex = new HashMap<>();
        private final Targets[] byClass = new Targets[classes.size()];
        private final Targets[] byPiece = new Targets[sourcePieces.size()];
        private final ConnectionSet[] scratch;
        private int[] found = new int[64];
        private int foundCount;

        private record Targets(int[] positions, ConnectionSet[] cells) {
        }

        ReachWalk(List<Endpoint> destinations) {
            this.destinations = destinations;
            this.scratch = new ConnectionSet[destinations.size()];
            this.positionOfPiece = new int[destinationPieces.size()];
            int[] counts = new int[classes.size()];
            for (Endpoint e : destinations) {
                if (e instanceof Endpoint.OfWorkload w) {
                    counts[classOf(w.workload()).index]++;
                }
            }
            this.positionsOfClass = new int[classes.size()][];
            for (int c = 0; c < counts.length; c++) {
                positionsOfClass[c] = new int[counts[c]];
                counts[c] = 0;
            }
            for (int p = 0; p < destinations.size(); p++) {
                if (destinations.get(p) instanceof Endpoint.OfWorkload w) {
                    int c = classOf(w.workload()).index;
                    positionsOfClass[c][counts[c]++] = p;
                } else {
                    positionOfPiece[destinationPieceIndex.get((Endpoint.External) destinations.get(p))] = p;
                }
            }
            for (int i = 0; i < sourcePieces.size(); i++) {
                sourcePieceIndex.put(sourcePieces.get(i), i);
            }
        }

        Stream<Reach> from(Endpoint source) {
            if (source instanceof Endpoint.IngressController) {
                return controllerReach();
            }
            Workload self = source instanceof Endpoint.OfWorkload w ? w.workload() : null;
            Targets targets = targets(source, self);
            return java.util.stream.IntStream.range(0, targets.positions.length).mapToObj(i -> {
                Endpoint destination = destinations.get(targets.positions[i]);
                boolean toSelf = self != null && destination instanceof Endpoint.OfWorkload d && d.workload() == self;
                return toSelf ? null : new Reach(source, destination, targets.cells[i]);
            }).filter(r -> r != null);
        }

        /** Synchronized: a caller may make the stream parallel. */
        private synchronized Targets targets(Endpoint source, Workload self) {
            if (self != null) {
                int c = classOf(self).index;
                if (byClass[c] == null) {
                    byClass[c] = targets(rows.row(c), true);
                }
                return byClass[c];
            }
            int p = sourcePieceIndex.get((Endpoint.External) source);
            if (byPiece[p] == null) {
                byPiece[p] = targets(rows.pieceRow(p), false);
            }
            return byPiece[p];
        }

        private Targets targets(ClassRow row, boolean withPieces) {
            foundCount = 0;
            row.forEachNonEmptyClass(rows, (c, cell) -> {
                for (int p : positionsOfClass[c]) {
                    add(p, cell);
                }
            });
            if (withPieces) {
                for (int i = 0; i < row.pieceCount(); i++) {
                    if (!row.toPiece(i).isEmpty()) {
                        add(positionOfPiece[i], row.toPiece(i));
                    }
                }
            }
            int[] positions = java.util.Arrays.copyOf(found, foundCount);
            java.util.Arrays.sort(positions);
            ConnectionSet[] cells = new ConnectionSet[positions.length];
            for (int i = 0; i < positions.length; i++) {
                cells[i] = scratch[positions[i]];
                scratch[positions[i]] = null;
            }
            return new Targets(positions, cells);
        }

        private void add(int position, ConnectionSet cell) {
            if (foundCount == found.length) {
                found = java.util.Arrays.copyOf(found, found.length * 2);
            }
            found[foundCount++] = position;
            scratch[position] = cell;
        }
    }

    /** The ingress controller's lines: to every workload an Ingress or Route exposes, on what its ingress side admits. */
    private Stream<Reach> controllerReach() {
        return sortedWorkloads.stream().map(w -> {
            ConnectionSet c = allowed(Endpoint.INGRESS_CONTROLLER, new Endpoint.OfWorkload(w));
            return c.isEmpty() ? null : new Reach(Endpoint.INGRESS_CONTROLLER, new Endpoint.OfWorkload(w), c);
        }).filter(r -> r != null);
    }

    private List<Endpoint> sortedEndpoints(List<Endpoint.External> pieces) {
        List<Map.Entry<String, Endpoint>> keyed = new ArrayList<>(sortedWorkloads.size() + pieces.size());
        sortedWorkloads.forEach(w -> keyed.add(Map.entry(w.id(), new Endpoint.OfWorkload(w))));
        pieces.forEach(p -> keyed.add(Map.entry(p.id(), p)));
        if (pieces == sourcePieces && hasIngressController()) {
            keyed.add(Map.entry(Endpoint.INGRESS_CONTROLLER.id(), Endpoint.INGRESS_CONTROLLER));
        }
        keyed.sort(Map.Entry.comparingByKey());
        return keyed.stream().map(Map.Entry::getValue).toList();
    }

    /** True when some policy in the workload's namespace selects it for that direction. */
    public boolean isIsolated(Workload workload, Direction direction) {
        return classOf(workload).profile(direction) != null;
    }

    /** The policies that select the workload for that direction. */
    public List<PolicyFact> policiesSelecting(Workload workload, Direction direction) {
        Profile p = classOf(workload).profile(direction);
        return p == null ? List.of() : p.policies;
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
        CompiledRule compiled = compiled(policy, rule)
                .orElseThrow(() -> new IllegalArgumentException("rule is not part of an isolating direction of " + policy.id()));
        List<Workload> out = new ArrayList<>();
        for (WorkloadClass c : classes) {
            if (compiled.matchesClass(c.index)) {
                out.addAll(c.members);
            }
        }
        return out;
    }

    private Optional<CompiledRule> compiled(PolicyFact policy, PolicyRule rule) {
        CompiledRule same = compiledByRule.get(rule);
        if (same != null && same.policy == policy) {
            return Optional.of(same);
        }
        return compiledRules.stream().filter(r -> r.policy.equals(policy) && r.rule.equals(rule)).findFirst();
    }

    /**
     * Every named port of an isolating policy rule that does not resolve on a destination it
     * applies to: for ingress rules the workloads the policy selects, for egress rules the
     * workloads the rule's peers select. Sorted by policy, rule, destination.
     */
    public synchronized List<UnresolvedNamedPort> unresolvedNamedPorts() {
        if (unresolved == null) {
            List<UnresolvedNamedPort> out = new ArrayList<>();
            for (CompiledRule r : compiledRules) {
                if (!r.hasNamedPorts()) {
                    continue;
                }
                int[] destinations = r.rule.direction() == Direction.INGRESS ? selectedByPolicy.get(r.policy)
                        : r.allPeers ? java.util.stream.IntStream.range(0, classes.size()).toArray()
                        : r.peerClasses.stream().toArray();
                for (int c : destinations) {
                    WorkloadClass dc = classes.get(c);
                    for (PolicyPort port : r.namedPortEntries()) {
                        if (CompiledRule.namedPorts(port, dc).isEmpty()) {
                            dc.members.forEach(w -> out.add(new UnresolvedNamedPort(r.policy, r.rule, port, w)));
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
        return unresolvedNamedPorts().stream().filter(u -> u.policy().equals(policy)).toList();
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
            c = classOfEqualWorkload.get(w);
        }
        if (c == null) {
            throw new IllegalArgumentException("workload " + w.id() + " is not part of this cluster");
        }
        return c;
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
    private ConnectionSet allowedForRange(Endpoint.External range, WorkloadClass subject, Direction direction,
                                          List<Endpoint.External> pieces, WorkloadClass destination) {
        if (subject.admin == null && subject.profile(direction) == null) {
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
    static ConnectionSet side(WorkloadClass subject, Direction direction, int peerClass, long first, long last,
                              WorkloadClass destination) {
        return AdminProfile.allowed(subject.admin, direction, subject.profile(direction), peerClass, first, last,
                destination);
    }

    private ConnectionSet intern(ConnectionSet c) {
        if (c.isEmpty() || c.isAll()) {
            return c;
        }
        ConnectionSet known = interned.putIfAbsent(c, c);
        return known == null ? c : known;
    }
}
