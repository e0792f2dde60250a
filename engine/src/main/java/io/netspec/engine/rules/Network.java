package io.netspec.engine.rules;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.ReferenceEvaluator;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Reachability for rules, set as the global {@code net}:
 * <pre>
 * global io.netspec.engine.rules.Network net;
 * ...
 * $db : Workload(podLabels["app"] == "db")
 * eval(net.reachableFromOtherNamespaces($db, 5432))
 * </pre>
 * Every question goes to the one connectivity engine ({@link ConnectivityAnalysis}, computed once,
 * on first use), which folds every policy tier. Questions about one workload's ingress ("from
 * other namespaces", "from the internet") are asked of it with representative endpoints: pods
 * that could run in other namespaces ({@link Representatives}), the public address ranges. A port
 * of 0 means "some port".
 */
public final class Network {

    private final Cluster cluster;
    private final Supplier<ConnectivityAnalysis> analysisFactory;
    private ConnectivityAnalysis analysis;
    private FutureTask<ConnectivityAnalysis> preparing;
    private ClusterIndex index;
    private final Map<List<Object>, Optional<EndpointAttributes>> admitted = new HashMap<>();
    private List<EndpointAttributes> unlabelledPods;
    private List<EndpointAttributes> manifestPods;
    private RepresentativeIndex representatives;
    private final int narrowLimit;
    private final Map<List<Object>, Boolean> restricted = new HashMap<>();
    private final Map<List<Object>, Object> perClass = new HashMap<>();
    private NewPodSubjects newPodSubjects;

    public Network(Cluster cluster, Supplier<ConnectivityAnalysis> analysisFactory) {
        this(cluster, analysisFactory, RepresentativeIndex.NARROW);
    }

    private Network(Cluster cluster, Supplier<ConnectivityAnalysis> analysisFactory, int narrowLimit) {
        this.cluster = cluster;
        this.analysisFactory = analysisFactory;
        this.narrowLimit = narrowLimit;
    }

    /** Rule settings such as where cluster DNS runs are rule parameters ({@link RuleParams}), not part of the network. */
    public static Network of(Cluster cluster) {
        return new Network(cluster, () -> ConnectivityAnalysis.of(cluster));
    }

    /**
     * For tests: a network whose {@link RepresentativeIndex} treats rules matching more than {@code narrowLimit}
     * representatives as broad, so that small clusters take the broad rules' path too.
     */
    static Network of(Cluster cluster, int narrowLimit) {
        return new Network(cluster, () -> ConnectivityAnalysis.of(cluster), narrowLimit);
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The full connectivity analysis (computed on first call, or waited for when {@link #prepareAnalysis} started it). */
    public ConnectivityAnalysis analysis() {
        FutureTask<ConnectivityAnalysis> task;
        synchronized (this) {
            if (analysis != null) {
                return analysis;
            }
            if (preparing == null) {
                analysis = analysisFactory.get();
                return analysis;
            }
            task = preparing;
        }
        try {
            ConnectivityAnalysis done = task.get();
            synchronized (this) {
                analysis = done;
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the connectivity analysis was computed", e);
        }
    }

    /**
     * Starts computing the connectivity analysis on a thread of its own, so that it overlaps the
     * derived facts and the first rules (a check always needs it in the end); {@link #analysis()}
     * waits for it. Does nothing when it is computed or under way.
     */
    public synchronized void prepareAnalysis() {
        if (analysis == null && preparing == null) {
            preparing = new FutureTask<>(analysisFactory::get);
            Thread thread = new Thread(preparing, "netspec-connectivity");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Builds what the rules' questions share that needs no connectivity analysis: the cluster index and the
     * representative pods of other namespaces. A rule run calls it after inserting the facts that need no
     * analysis, while another thread may still compute it ({@link #prepareAnalysis}), so that the first rule
     * asking does not build them on the rules thread.
     */
    public void prepareWithoutAnalysis() {
        index();
        representatives();
    }

    /** An unlabelled pod of every namespace, made once: representatives of "any pod there". */
    private synchronized List<EndpointAttributes> unlabelledPods() {
        if (unlabelledPods == null) {
            unlabelledPods = Representatives.unlabelledPods(cluster);
        }
        return unlabelledPods;
    }

    /** The manifests' pods, one per namespace and label set, made once. */
    private synchronized List<EndpointAttributes> manifestPods() {
        if (manifestPods == null) {
            manifestPods = Representatives.manifestPods(cluster);
        }
        return manifestPods;
    }

    /** Workloads by namespace and label class, selector matches, policies per workload (built on first use). */
    synchronized ClusterIndex index() {
        if (index == null) {
            index = ClusterIndex.of(cluster);
        }
        return index;
    }

    /** What {@code from} may send to {@code to}: its egress AND the destination's ingress. */
    public ConnectionSet allowed(Workload from, Workload to) {
        return analysis().allowed(new Endpoint.OfWorkload(from), new Endpoint.OfWorkload(to));
    }

    public boolean canReach(Workload from, Workload to, int port, Protocol protocol) {
        ConnectionSet allowed = allowed(from, to);
        return port == 0 ? !allowed.ranges(protocol).isEmpty() : allowed.contains(protocol, port);
    }

    /** {@code protocol} as Kubernetes writes it: {@code "TCP"}, {@code "UDP"}, {@code "SCTP"}. */
    public boolean canReach(Workload from, Workload to, int port, String protocol) {
        return canReach(
                from,
                to,
                port,
                Protocol.parse(protocol)
                        .orElseThrow(() -> new IllegalArgumentException("unknown protocol " + protocol)));
    }

    /** TCP. */
    public boolean canReach(Workload from, Workload to, int port) {
        return canReach(from, to, port, Protocol.TCP);
    }

    /** The policy rules that allow {@code from} to reach {@code to}, or the isolation that denies it. */
    public Explanation explain(Workload from, Workload to) {
        return analysis().explain(new Endpoint.OfWorkload(from), new Endpoint.OfWorkload(to));
    }

    /**
     * True when a policy tier that ends in deny selects the workload for that direction, as the one evaluator
     * sees it: a NetworkPolicy of its namespace with that policy type, a Calico policy in a tier whose default
     * action is Deny, a Cilium policy with default deny on.
     */
    public boolean isIsolated(Workload workload, Direction direction) {
        return analysis().isIsolated(workload, direction);
    }

    /** The policies that select the workload and isolate it for {@code direction}. */
    public List<PolicyFact> selecting(Workload workload, Direction direction) {
        return index().policiesSelecting(workload, direction);
    }

    /**
     * True when a pod in some namespace other than the workload's could open a connection to it
     * on {@code port}/TCP (0: some port), as the workload's ingress side decides it through every
     * policy tier (admin, NetworkPolicy, baseline): some {@linkplain Representatives representative
     * pod} of another namespace is admitted. Representatives stand for pods that may exist: a new
     * unlabelled pod in a new namespace, one in every other namespace, and one carrying the labels
     * each ingress peer selects in the namespaces it selects (a selector {@code {}} matches
     * namespaces not yet created). Egress of the caller is not considered: a new pod is not
     * egress-isolated.
     */
    public boolean reachableFromOtherNamespaces(Workload workload, int port) {
        return reachableFromOtherNamespaces(workload, port, Protocol.TCP);
    }

    public boolean reachableFromOtherNamespaces(Workload workload, int port, Protocol protocol) {
        return admittedFromOtherNamespace(workload, port, protocol, false).isPresent();
    }

    /**
     * The first representative pod of another namespace that the workload's ingress side admits on
     * the port (0: some port); with {@code anyPodOnly}, only pods that need no particular labels or
     * carry labels every namespace may hold (a rule that names client pods of one other namespace
     * is a dependency, not exposure).
     */
    Optional<EndpointAttributes> admittedFromOtherNamespace(
            Workload workload, int port, Protocol protocol, boolean anyPodOnly) {
        ConnectivityAnalysis a = analysis();
        // workloads of one class get one answer: asked once per class, not per workload
        List<Object> key = List.of(a.classToken(workload), port, protocol, anyPodOnly);
        synchronized (admitted) {
            Optional<EndpointAttributes> known = admitted.get(key);
            if (known != null) {
                return known;
            }
        }
        List<LayerRule> rules = a.rulesApplying(workload, Direction.INGRESS);
        Optional<EndpointAttributes> found = representatives()
                .first(
                        rules,
                        workload.namespace(),
                        anyPodOnly,
                        r -> admits(a.ingressFrom(r, workload), port, protocol),
                        matches -> admits(a.ingressMatching(matches, workload), port, protocol));
        synchronized (admitted) {
            admitted.put(key, found);
        }
        return found;
    }

    /**
     * {@link #admittedFromOtherNamespace} the plain way: every {@linkplain Representatives representative}
     * asked in turn. The reference that {@code RepresentativeIndexPropertiesTest} compares the indexed
     * search with.
     */
    Optional<EndpointAttributes> admittedFromOtherNamespacePlain(
            Workload workload, int port, Protocol protocol, boolean anyPodOnly) {
        ConnectivityAnalysis a = analysis();
        for (EndpointAttributes r : Representatives.otherNamespaces(
                cluster,
                unlabelledPods(),
                manifestPods(),
                a.rulesApplying(workload, Direction.INGRESS),
                workload.namespace(),
                anyPodOnly)) {
            if (admits(a.ingressFrom(r, workload), port, protocol)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The answer to a rule's question about a workload that depends on the workload only through its
     * connectivity class (namespace, pod labels, named ports: all the one evaluator and the index see), computed
     * for the first workload of each class and reused for the others. {@code question} names the question and
     * its parameters (equal questions share answers); {@code answer} must read nothing else of the workload.
     */
    @SuppressWarnings("unchecked")
    <T> T perClass(Workload workload, Object question, Supplier<T> answer) {
        List<Object> key = List.of(analysis().classToken(workload), question);
        synchronized (perClass) {
            Object known = perClass.get(key);
            if (known != null) {
                return (T) known;
            }
        }
        T found = answer.get();
        synchronized (perClass) {
            perClass.putIfAbsent(key, found);
        }
        return found;
    }

    /** The representatives of this cluster, indexed (made once). */
    private synchronized RepresentativeIndex representatives() {
        if (representatives == null) {
            representatives = new RepresentativeIndex(cluster, unlabelledPods(), manifestPods(), narrowLimit);
        }
        return representatives;
    }

    static boolean admits(ConnectionSet allowed, int port, Protocol protocol) {
        return port == 0 ? !allowed.ranges(protocol).isEmpty() : allowed.contains(protocol, port);
    }

    /**
     * True when a public IPv4 address (outside 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8,
     * 169.254/16) may connect to the workload on {@code port}/TCP (0: some port), as its ingress
     * side decides through every policy tier. Whether traffic can get in (a LoadBalancer, an
     * Ingress) is for the rule to ask.
     */
    public boolean reachableFromInternet(Workload workload, int port) {
        return reachableFromInternet(workload, port, Protocol.TCP);
    }

    public boolean reachableFromInternet(Workload workload, int port, Protocol protocol) {
        return admittedFromInternet(workload, port, protocol).isPresent();
    }

    /** The first address range with public addresses that the workload's ingress side admits on the port. */
    Optional<Endpoint.External> admittedFromInternet(Workload workload, int port, Protocol protocol) {
        ConnectivityAnalysis a = analysis();
        for (Endpoint.External piece : a.externalSources()) {
            if (PublicAddresses.keepsSome(piece.first(), piece.last())
                    && admits(a.allowed(piece, new Endpoint.OfWorkload(workload)), port, protocol)) {
                return Optional.of(piece);
            }
        }
        return Optional.empty();
    }

    /**
     * True when some policy tier other than the NetworkPolicies restricts the workload's side of
     * {@code direction} for some {@linkplain Representatives representative pod} (a new pod of a new
     * namespace, a pod of any namespace, a pod with the labels a rule's peer selects): an admin
     * policy denying some namespace. Always false for clusters with NetworkPolicies only.
     */
    public boolean restrictedBeyondNetworkPolicies(Workload workload, Direction direction) {
        if (!tiersBeyondNetworkPolicies()) {
            return false;
        }
        ConnectivityAnalysis a = analysis();
        List<Object> key = List.of(a.classToken(workload), direction);
        synchronized (restricted) {
            Boolean known = restricted.get(key);
            if (known != null) {
                return known;
            }
        }
        List<LayerRule> rules = a.rulesApplying(workload, direction);
        boolean found = representatives()
                .first(
                        rules,
                        null,
                        false,
                        r -> !side(a, workload, direction, r).isAll(),
                        matches -> !(direction == Direction.INGRESS
                                        ? a.ingressMatching(matches, workload)
                                        : a.egressMatching(workload, matches))
                                .isAll())
                .isPresent();
        synchronized (restricted) {
            restricted.put(key, found);
        }
        return found;
    }

    private static ConnectionSet side(
            ConnectivityAnalysis a, Workload workload, Direction direction, EndpointAttributes r) {
        return direction == Direction.INGRESS ? a.ingressFrom(r, workload) : a.egressTo(workload, r);
    }

    /** {@link #restrictedBeyondNetworkPolicies} the plain way, every representative in turn (the tests' reference). */
    boolean restrictedBeyondNetworkPoliciesPlain(Workload workload, Direction direction) {
        if (!tiersBeyondNetworkPolicies()) {
            return false;
        }
        ConnectivityAnalysis a = analysis();
        for (EndpointAttributes r : Representatives.everywhere(
                cluster, unlabelledPods(), manifestPods(), a.rulesApplying(workload, direction))) {
            if (!side(a, workload, direction, r).isAll()) {
                return true;
            }
        }
        return false;
    }

    /** True when a Deny or Pass rule of a tier other than the NetworkPolicies applies to the workload's side. */
    public boolean mayDenyBeyondNetworkPolicies(Workload workload, Direction direction) {
        if (!tiersBeyondNetworkPolicies()) {
            return false;
        }
        return analysis().rulesApplying(workload, direction).stream()
                .anyMatch(r -> !(r.policy() instanceof PolicyFact)
                        && (r.action() == Action.DENY || r.action() == Action.PASS));
    }

    /**
     * True when a policy kind other than plain Kubernetes NetworkPolicy takes part in the analysis: an
     * admin or baseline policy, Calico's tiers (NetworkPolicies included, as Calico converts them), Cilium's
     * tier. The model the evaluator runs says so, not the kinds in the input: a policy of a plugin the
     * cluster does not run compiles to nothing.
     */
    public boolean tiersBeyondNetworkPolicies() {
        return analysis().model().tiers().stream().anyMatch(t -> !t.equals(Tier.NETWORK_POLICY));
    }

    /** The names of the policy tiers beyond plain NetworkPolicy's, in evaluation order (for messages). */
    public List<String> tierNames() {
        return analysis().model().tiers().stream()
                .filter(t -> !t.equals(Tier.NETWORK_POLICY))
                .map(Tier::name)
                .toList();
    }

    /**
     * True when a new pod of {@code namespace} is denied by default in {@code direction} through a policy tier
     * beyond the plain NetworkPolicies, as the one evaluator decides it (a new unlabelled pod of the namespace
     * stands for "any pod, today's and tomorrow's"):
     * <ul>
     * <li>a tier that ends in deny selects the new pod for that direction: a Calico GlobalNetworkPolicy or
     * NetworkPolicy selecting the whole namespace in a tier whose default action is Deny, a Cilium policy
     * switching default deny on for it (whatever its rules then allow, as a NetworkPolicy with
     * {@code podSelector: {}} isolates whatever its rules allow); or</li>
     * <li>every connection of the new pod is denied, with a new pod of a new namespace, with an unlabelled
     * pod of the same namespace, and for egress with every address outside: an admin or baseline deny-all
     * (their tiers have no implicit verdict; their ingress peers cannot name addresses).</li>
     * </ul>
     * Always false for clusters with NetworkPolicies only (their default denies are read from the policies'
     * shape, which also knows kustomize's common labels).
     */
    public boolean defaultDeniedBeyondNetworkPolicies(String namespace, Direction direction) {
        if (!tiersBeyondNetworkPolicies()) {
            return false;
        }
        EndpointAttributes newPod = newPod(namespace);
        // the evaluator reads only the rules and selections of this direction whose subject selects the new
        // pod: found once here, not for every tier and every other end (rules x namespaces x tiers x ends was
        // seconds of an L cluster's check under Cilium), and among the candidates of the namespace only
        // (every subject per namespace was most of rules lane 1 of an XXL Cilium cluster)
        return deniedByDefault(newPodSubjects().selecting(newPod, direction), newPod, direction);
    }

    /** The model's subjects indexed by the namespace of a new pod they may select (made once). */
    private NewPodSubjects newPodSubjects() {
        LayerModel model = analysis().model(); // not under the lock: it may wait for the analysis
        synchronized (this) {
            if (newPodSubjects == null) {
                newPodSubjects = new NewPodSubjects(model);
            }
            return newPodSubjects;
        }
    }

    /**
     * {@link #defaultDeniedBeyondNetworkPolicies} with the whole model: the reference that
     * {@code DefaultDenyPropertiesTest} compares it with.
     */
    boolean defaultDeniedBeyondNetworkPoliciesPlain(String namespace, Direction direction) {
        return tiersBeyondNetworkPolicies() && deniedByDefault(analysis().model(), newPod(namespace), direction);
    }

    private EndpointAttributes newPod(String namespace) {
        Map<String, String> nsLabels = cluster.namespace(namespace)
                .map(NamespaceFact::labels)
                .orElse(Map.of(NamespaceFact.NAME_LABEL, namespace));
        return EndpointAttributes.pod(namespace, nsLabels, Map.of(), List.of());
    }

    private boolean deniedByDefault(LayerModel model, EndpointAttributes newPod, Direction direction) {
        for (Selection s : model.selections()) {
            if (s.direction() == direction
                    && s.tier().end() == TierEnd.DENY
                    && s.subject().test(newPod)) {
                return true;
            }
        }
        for (EndpointAttributes other : List.of(Representatives.freshPod(), newPod)) {
            if (!ReferenceEvaluator.side(model, newPod, direction, new ReferenceEvaluator.InCluster(other), List.of())
                    .isEmpty()) {
                return false;
            }
        }
        if (direction == Direction.INGRESS) {
            return true; // admin ingress peers cannot name addresses: denying every namespace is their deny-all
        }
        for (Endpoint.External piece : analysis().externalDestinations()) {
            if (!ReferenceEvaluator.side(
                            model, newPod, direction, new ReferenceEvaluator.Outside(piece.first(), piece.last()), null)
                    .isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The workloads the policy's pod selector selects (in its own namespace), in manifest order. */
    public List<Workload> selectedWorkloads(PolicyFact policy) {
        return index().selected(policy.namespace(), policy.podSelector());
    }

    /**
     * The workloads a policy peer matches (pod and/or namespace selector, relative to the policy's
     * namespace); empty for an ipBlock peer.
     */
    public List<Workload> workloadsMatching(PolicyFact policy, PolicyPeer peer) {
        return index().workloadsMatching(policy, peer);
    }

    /** True when the rule allows {@code port}/{@code protocol} (0: some port) towards {@code target}. */
    static boolean allowsPort(PolicyRule rule, Workload target, int port, Protocol protocol) {
        if (rule.allPorts()) {
            return true;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() != protocol) {
                continue;
            }
            if (p.port().isAny()) {
                return true;
            }
            if (p.port().isNamed()) {
                if (target.portsNamed(p.port().name(), protocol).stream()
                        .anyMatch(cp -> port == 0 || cp.port() == port)) {
                    return true;
                }
            } else {
                int from = p.port().number();
                int to = p.endPort() > 0 ? p.endPort() : from;
                if (port == 0 || (from <= port && port <= to)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Public IPv4 space: what remains of a block after private, shared, loopback and link-local ranges. */
    static final class PublicAddresses {
        private static final long[][] NON_PUBLIC = {
            {0x0A000000L, 0x0AFFFFFFL}, {0x64400000L, 0x647FFFFFL}, {0x7F000000L, 0x7FFFFFFFL},
            {0xA9FE0000L, 0xA9FEFFFFL}, {0xAC100000L, 0xAC1FFFFFL}, {0xC0A80000L, 0xC0A8FFFFL},
        };

        private PublicAddresses() {}

        /** True when {@code first..last} holds some public address. */
        static boolean keepsSome(long first, long last) {
            List<long[]> remaining = new ArrayList<>(List.of(new long[] {first, last}));
            for (long[] cut : NON_PUBLIC) {
                remaining = minus(remaining, cut[0], cut[1]);
            }
            return !remaining.isEmpty();
        }

        static boolean keepsSome(io.netspec.engine.model.IpBlock block) {
            Cidr cidr = block.cidr();
            if (cidr.ipv6()) {
                return true;
            }
            List<long[]> remaining = new ArrayList<>(List.of(new long[] {cidr.first(), cidr.last()}));
            for (long[] cut : NON_PUBLIC) {
                remaining = minus(remaining, cut[0], cut[1]);
            }
            for (Cidr except : block.except()) {
                if (!except.ipv6()) {
                    remaining = minus(remaining, except.first(), except.last());
                }
            }
            return !remaining.isEmpty();
        }

        private static List<long[]> minus(List<long[]> ranges, long from, long to) {
            List<long[]> out = new ArrayList<>();
            for (long[] r : ranges) {
                if (to < r[0] || from > r[1]) {
                    out.add(r);
                    continue;
                }
                if (r[0] < from) {
                    out.add(new long[] {r[0], from - 1});
                }
                if (to < r[1]) {
                    out.add(new long[] {to + 1, r[1]});
                }
            }
            return out;
        }
    }
}
