package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.IpRanges;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoAction;
import io.netspec.engine.model.calico.CalicoEntity;
import io.netspec.engine.model.calico.CalicoNetworkSetFact;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoPort;
import io.netspec.engine.model.calico.CalicoProtocol;
import io.netspec.engine.model.calico.CalicoRule;
import io.netspec.engine.model.calico.CalicoSelector;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.IcmpMatch;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Calico's policies as felix enforces them (projectcalico/calico at the commit the calico
 * conformance corpus pins): Tiers by {@code order} (absent last, ties by name), each a
 * {@link Tier} that ends in Deny or Pass for the endpoints its policies select in a direction
 * their {@code types} list; in a tier, policies by {@code order} (absent last), ties by
 * {@code name/namespace/kind} ({@code PolKVLess}); rules in order, first match decides
 * (Allow, Deny, Pass), Log goes on. Kubernetes NetworkPolicies take part as Calico converts them:
 * Allow-only policies of order 1000 in the {@code default} tier, whose ipBlocks match pod IPs too.
 * What passes out of the last tier, and what no tier selects, meets the namespace profile: allowed.
 *
 * <p>Endpoints are the pods that are not host-network (Calico gives those no workload endpoint).
 * Selectors see what felix puts on an endpoint: the pod's labels, {@code projectcalico.org/namespace},
 * {@code projectcalico.org/orchestrator}, {@code projectcalico.org/serviceaccount}, and the
 * namespace's and service account's labels under {@code pcns.} and {@code pcsa.}.
 *
 * <p>Approximations, reported as problems: rules that match source ports (netspec has no source
 * port dimension) and {@code services} matches are left out; HTTP matches are ignored;
 * host-endpoint policies ({@code doNotTrack}, {@code preDNAT}, {@code applyOnForward}) are left out.
 */
public final class CalicoCompiler implements PolicyCompiler {

    /** Kubernetes NetworkPolicies are converted at this order ({@code K8sNetworkPolicyToCalico}). */
    public static final double KUBERNETES_POLICY_ORDER = 1000;

    private static final String K8S_KIND = "KubernetesNetworkPolicy";

    @Override
    public void compile(Cluster cluster, LayerModel.Builder out) {
        Map<String, Tier> tiers = tiers(cluster);
        Compilation compilation = new Compilation(new FelixLabels(cluster), new HashMap<>(), NetworkSets.of(cluster));
        for (CalicoPolicyFact policy : cluster.calico().policies()) {
            if (policy.hostOnly()) {
                continue;
            }
            Tier tier = tiers.get(policy.tier());
            if (tier == null) {
                tier = new Tier(policy.tier(), Double.POSITIVE_INFINITY, TierEnd.DENY);
                tiers.put(policy.tier(), tier);
                out.warning(
                        policy.source(),
                        policy.policyId() + " is in tier " + policy.tier() + ", which no Tier"
                                + " object in the input declares (Calico rejects such a policy); evaluated after every tier");
            }
            compilePolicy(policy, tier, compilation, out);
        }
        Tier defaultTier = tiers.get(CalicoPolicyFact.DEFAULT_TIER);
        for (PolicyFact policy : cluster.policies()) {
            compileKubernetes(policy, defaultTier, compilation, out);
        }
    }

    /** Tier objects, plus Calico's own {@code default} tier unless the input declares it. */
    private static Map<String, Tier> tiers(Cluster cluster) {
        Map<String, Tier> out = new HashMap<>();
        for (CalicoTierFact t : cluster.calico().tiers()) {
            out.put(t.name(), tier(t));
        }
        out.putIfAbsent(CalicoPolicyFact.DEFAULT_TIER, tier(CalicoTierFact.implicitDefault()));
        return out;
    }

    private static Tier tier(CalicoTierFact t) {
        return new Tier(
                t.name(), t.order().orElse(Double.POSITIVE_INFINITY), t.passByDefault() ? TierEnd.PASS : TierEnd.DENY);
    }

    /**
     * What the policies of one compile share: the label views, and the endpoint matches of equal
     * peers (the same namespaceSelector in every policy, the same ipBlock in many), made once so
     * that the analysis, which matches each distinct match object once per class, matches them once.
     */
    private record Compilation(FelixLabels labels, Map<List<Object>, EndpointMatch> shared, NetworkSets networkSets) {
        EndpointMatch share(List<Object> key, Supplier<EndpointMatch> make) {
            return shared.computeIfAbsent(key, k -> make.get());
        }
    }

    private static void compilePolicy(CalicoPolicyFact policy, Tier tier, Compilation c, LayerModel.Builder out) {
        EndpointMatch subject = subject(policy, c.labels());
        double order = policy.order().orElse(Double.POSITIVE_INFINITY);
        for (Direction direction : Direction.values()) {
            if (!policy.applies(direction)) {
                continue;
            }
            out.select(new Selection(tier, policy, direction, subject));
            for (CalicoRule rule : policy.rules(direction)) {
                if (rule.ipv6Only()) {
                    continue; // never matches the IPv4 traffic analysed
                }
                if (rule.source().hasPorts()) {
                    out.warning(
                            rule.sourceRef(),
                            policy.policyId() + " " + direction.wireName().toLowerCase()
                                    + " rule " + (rule.index() + 1)
                                    + " matches source ports, which netspec does not model;"
                                    + " the rule is left out of the analysis");
                    continue;
                }
                CalicoEntity own = direction == Direction.INGRESS ? rule.destination() : rule.source();
                CalicoEntity other = direction == Direction.INGRESS ? rule.source() : rule.destination();
                EndpointMatch ruleSubject = own.restrictsPeers()
                        ? new EndpointMatch.AllOf(List.of(subject, endpoints(policy, own, c)))
                        : subject;
                out.rule(new LayerRule(
                        tier,
                        new Precedence(order, policy.sortKey(), rule.index()),
                        policy,
                        direction,
                        rule.index(),
                        rule.http() ? "http match not decided statically" : "",
                        action(rule.action()),
                        ruleSubject,
                        List.of(peer(policy, other, c, rule)),
                        ports(rule),
                        rule.sourceRef(),
                        rule.http() ? Optional.of("http") : Optional.empty()));
            }
        }
    }

    /**
     * True when {@code policy} applies to {@code workload} (its selector, namespace or
     * namespaceSelector, serviceAccountSelector), with the labels felix would see; for rules that
     * check policies without running the analysis.
     */
    public static boolean selects(Cluster cluster, CalicoPolicyFact policy, Workload workload) {
        return selecting(cluster, policy).test(workload);
    }

    /** {@link #selects} with the policy's subject compiled once, for a loop over workloads. */
    public static Predicate<Workload> selecting(Cluster cluster, CalicoPolicyFact policy) {
        EndpointMatch subject = subject(policy, new FelixLabels(cluster));
        return workload -> {
            Map<String, String> nsLabels = cluster.namespace(workload.namespace())
                    .map(n -> n.labels())
                    .orElse(Map.of(NamespaceFact.NAME_LABEL, workload.namespace()));
            EndpointAttributes e = new EndpointAttributes(
                    workload.namespace(),
                    nsLabels,
                    workload.podLabels(),
                    workload.serviceAccount(),
                    Map.of(),
                    workload.ports(),
                    List.of(),
                    workload.hostNetwork(),
                    "",
                    Map.of(),
                    false);
            return subject.test(e);
        };
    }

    static Action action(CalicoAction a) {
        return switch (a) {
            case ALLOW -> Action.ALLOW;
            case DENY -> Action.DENY;
            case PASS -> Action.PASS;
            case LOG -> Action.LOG;
        };
    }

    /** The endpoints a policy applies to: its namespace (or namespaceSelector), service accounts, selector. */
    private static EndpointMatch subject(CalicoPolicyFact policy, FelixLabels labels) {
        Optional<CalicoSelector> ns = policy.namespaceSelector();
        Optional<CalicoSelector> sa = policy.serviceAccountSelector();
        CalicoSelector selector = policy.selector();
        String namespace = policy.namespace();
        Predicate<EndpointAttributes> p = new Subject(namespace, ns, sa, selector, labels);
        StringBuilder text = new StringBuilder("selector ").append(selector);
        ns.ifPresent(s -> text.append(", namespaceSelector ").append(s));
        sa.ifPresent(s -> text.append(", serviceAccountSelector ").append(s));
        if (!namespace.isEmpty()) {
            text.append(" in namespace ").append(namespace);
        }
        return new EndpointMatch.Where(
                text.toString(),
                reads(sa.isPresent() || mentionsServiceAccount(selector)),
                p,
                within(namespace, Optional.of(selector)));
    }

    /**
     * The endpoints a policy applies to. A record, like {@link Entity}: what the selectors are, the policy's
     * namespace and the label views (which hold the ServiceAccount objects' labels) are all its answer depends on
     * besides the endpoint, so the same policy compiled from two versions of the manifests gives equal matches.
     */
    private record Subject(
            String namespace,
            Optional<CalicoSelector> namespaceSelector,
            Optional<CalicoSelector> serviceAccountSelector,
            CalicoSelector selector,
            FelixLabels labels)
            implements Predicate<EndpointAttributes> {
        @Override
        public boolean test(EndpointAttributes e) {
            return !e.hostNetwork()
                    && (namespace.isEmpty() || namespace.equals(e.namespace()))
                    && namespaceSelector
                            .map(s -> s.matchesNamespace(labels.namespace(e)))
                            .orElse(true)
                    && serviceAccountSelector
                            .map(s -> s.matches(labels.serviceAccount(e)))
                            .orElse(true)
                    && selector.matches(labels.endpoint(e));
        }
    }

    private static Set<Attribute> reads(boolean serviceAccount) {
        return serviceAccount
                ? EnumSet.of(Attribute.SERVICE_ACCOUNT, Attribute.HOST_NETWORK)
                : EnumSet.of(Attribute.HOST_NETWORK);
    }

    private static boolean mentionsServiceAccount(CalicoSelector s) {
        String text = s.toString();
        return text.contains("pcsa.") || text.contains("projectcalico.org/serviceaccount");
    }

    /**
     * Whether a rule's positive selector needs an endpoint, as {@code rules.go getEndpointSelector}
     * builds it: a namespaced policy adds its namespace whenever the entity has a selector,
     * notSelector or namespaceSelector; service accounts are part of the selector. Outside addresses
     * are no endpoint, so such an entity never matches them.
     */
    private static boolean needsEndpoint(CalicoPolicyFact policy, CalicoEntity e) {
        boolean selector = e.selector().isPresent()
                || e.serviceAccountSelector().isPresent()
                || !e.serviceAccountNames().isEmpty();
        boolean namespaced = !policy.namespace().isEmpty();
        return selector
                || e.namespaceSelector().isPresent()
                || namespaced && e.notSelector().isPresent();
    }

    /**
     * The endpoints an entity matches (ports aside), one object for entities that match alike: what
     * {@link #matching} reads of the policy is its namespace where no namespaceSelector replaces it,
     * and whether it has one.
     */
    private static EndpointMatch endpoints(CalicoPolicyFact policy, CalicoEntity e, Compilation c) {
        String namespace = e.namespaceSelector().isEmpty() ? policy.namespace() : "";
        List<Object> key = List.of(
                "entity",
                namespace,
                !policy.namespace().isEmpty(),
                e.nets(),
                e.notNets(),
                e.selector(),
                e.notSelector(),
                e.namespaceSelector(),
                e.serviceAccountNames(),
                e.serviceAccountSelector(),
                e.services());
        return c.share(key, () -> matching(policy, e, c));
    }

    private static EndpointMatch matching(CalicoPolicyFact policy, CalicoEntity e, Compilation c) {
        FelixLabels labels = c.labels();
        if (e.services().isPresent()) {
            return EndpointMatch.NOTHING;
        }
        List<EndpointMatch> all = new ArrayList<>();
        if (needsEndpoint(policy, e) || e.notSelector().isPresent()) {
            boolean positive = needsEndpoint(policy, e);
            String namespace = policy.namespace();
            Optional<CalicoSelector> ns = e.namespaceSelector();
            Optional<CalicoSelector> sel = e.selector();
            Optional<CalicoSelector> not = e.notSelector();
            Optional<CalicoSelector> saSel = e.serviceAccountSelector();
            List<String> saNames = e.serviceAccountNames();
            boolean sa = saSel.isPresent()
                    || !saNames.isEmpty()
                    || sel.map(CalicoCompiler::mentionsServiceAccount).orElse(false)
                    || not.map(CalicoCompiler::mentionsServiceAccount).orElse(false);
            // a positive match without a namespaceSelector stays in a namespaced policy's namespace
            String scope = positive && ns.isEmpty() ? namespace : "";
            IpRanges inSets = positive ? c.networkSets().matching(policy, e) : IpRanges.EMPTY;
            IpRanges notInSets = c.networkSets().notMatching(e);
            if (inSets.isEmpty() && notInSets.isEmpty()) {
                Predicate<EndpointAttributes> p = new Entity(positive, namespace, ns, sel, not, saSel, saNames, labels);
                // a positive match needs its selector to match the endpoint's labels
                all.add(new EndpointMatch.Where(
                        describeSelectors(policy, e), reads(sa), p, within(scope, positive ? sel : Optional.empty())));
            } else {
                // felix matches a selector as an IP set of the endpoints and the network sets it selects: a pod
                // whose address is in a selected network set matches too, one in a network set the notSelector
                // selects does not
                if (positive) {
                    Predicate<EndpointAttributes> p =
                            new Entity(true, namespace, ns, sel, Optional.empty(), saSel, saNames, labels);
                    EndpointMatch pods =
                            new EndpointMatch.Where(describeSelectors(policy, e), reads(sa), p, within(scope, sel));
                    all.add(
                            inSets.isEmpty()
                                    ? pods
                                    : new EndpointMatch.AnyOf(
                                            List.of(pods, new EndpointMatch.Addresses(inSets, "network sets " + e))));
                }
                if (not.isPresent()) {
                    Predicate<EndpointAttributes> p = new Entity(
                            false,
                            namespace,
                            Optional.empty(),
                            Optional.empty(),
                            not,
                            Optional.empty(),
                            List.of(),
                            labels);
                    all.add(new EndpointMatch.Where("notSelector " + not.get(), reads(sa), p, EndpointMatch.ALL));
                    if (!notInSets.isEmpty()) {
                        all.add(new EndpointMatch.Not(
                                new EndpointMatch.Addresses(notInSets, "network sets of notSelector " + not.get())));
                    }
                }
            }
        }
        if (!e.nets().isEmpty()) {
            all.add(new EndpointMatch.Addresses(ranges(e.nets()), e.nets().toString()));
        }
        if (!e.notNets().isEmpty()) {
            all.add(new EndpointMatch.Not(
                    new EndpointMatch.Addresses(ranges(e.notNets()), e.notNets().toString())));
        }
        if (all.isEmpty()) {
            return EndpointMatch.ALL;
        }
        return all.size() == 1 ? all.get(0) : new EndpointMatch.AllOf(all);
    }

    /**
     * The endpoints a rule's entity selects ({@link #matching}); a record of everything its answer depends on
     * besides the endpoint, like {@link Subject}.
     */
    private record Entity(
            boolean positive,
            String namespace,
            Optional<CalicoSelector> namespaceSelector,
            Optional<CalicoSelector> selector,
            Optional<CalicoSelector> notSelector,
            Optional<CalicoSelector> serviceAccountSelector,
            List<String> serviceAccountNames,
            FelixLabels labels)
            implements Predicate<EndpointAttributes> {
        @Override
        public boolean test(EndpointAttributes a) {
            if (positive) {
                if (a.hostNetwork()) {
                    return false;
                }
                if (namespaceSelector.isPresent()
                        ? !namespaceSelector.get().matchesNamespace(labels.namespace(a))
                        : !namespace.isEmpty() && !namespace.equals(a.namespace())) {
                    return false;
                }
                if (serviceAccountSelector.isPresent()
                        && !serviceAccountSelector.get().matches(labels.serviceAccount(a))) {
                    return false;
                }
                if (!serviceAccountNames.isEmpty() && !serviceAccountNames.contains(a.serviceAccount())) {
                    return false;
                }
                if (selector.isPresent() && !selector.get().matches(labels.endpoint(a))) {
                    return false;
                }
            }
            // notSelector is not namespace-scoped; a host-network pod has no endpoint labels to match
            return notSelector.isEmpty()
                    || a.hostNetwork()
                    || !notSelector.get().matches(labels.endpoint(a));
        }
    }

    private static String describeSelectors(CalicoPolicyFact policy, CalicoEntity e) {
        List<String> parts = new ArrayList<>();
        e.namespaceSelector().ifPresent(s -> parts.add("namespaceSelector " + s));
        e.selector().ifPresent(s -> parts.add("selector " + s));
        e.notSelector().ifPresent(s -> parts.add("notSelector " + s));
        if (!e.serviceAccountNames().isEmpty()) {
            parts.add("serviceAccounts " + e.serviceAccountNames());
        }
        e.serviceAccountSelector().ifPresent(s -> parts.add("serviceAccountSelector " + s));
        String text = String.join(", ", parts);
        return e.namespaceSelector().isEmpty() && !policy.namespace().isEmpty() && needsEndpoint(policy, e)
                ? text + " in namespace " + policy.namespace()
                : text;
    }

    private static IpRanges ranges(List<Cidr> cidrs) {
        IpRanges out = IpRanges.EMPTY;
        for (Cidr c : cidrs) {
            if (!c.ipv6()) {
                out = out.union(IpRanges.of(c));
            }
        }
        return out;
    }

    /** The other end of a rule: endpoints in the cluster and addresses outside it. */
    private static Peer peer(CalicoPolicyFact policy, CalicoEntity e, Compilation c, CalicoRule rule) {
        if (!e.restrictsPeers()) {
            return Peer.any(rule.sourceRef());
        }
        IpRanges outside = IpRanges.EMPTY;
        if (e.services().isEmpty()) {
            // an outside address matches a selector only through a network set holding it
            outside = needsEndpoint(policy, e) ? c.networkSets().matching(policy, e) : IpRanges.ALL;
            if (!e.nets().isEmpty()) {
                outside = outside.minus(IpRanges.ALL.minus(ranges(e.nets())));
            }
            outside = outside.minus(ranges(e.notNets())).minus(c.networkSets().notMatching(e));
        }
        return new Peer(endpoints(policy, e, c), outside, e.toString(), rule.sourceRef());
    }

    /**
     * What a rule's protocol, ICMP and destination-port fields cover: the protocol (or all),
     * narrowed by icmp and destination ports, minus notProtocol, notICMP and notPorts. Named ports
     * resolve on the destination endpoint, with the rule's protocol or, without one, the container
     * port's own.
     */
    static PortMatch ports(CalicoRule rule) {
        ConnectionSet base = rule.protocol().map(CalicoCompiler::protocol).orElse(ConnectionSet.all());
        if (rule.icmp().isPresent()) {
            base = base.intersect(icmp(rule.icmp().get()));
        }
        ConnectionSet exceptBase = ConnectionSet.none();
        if (rule.notProtocol().isPresent()) {
            exceptBase = exceptBase.union(protocol(rule.notProtocol().get()));
        }
        if (rule.notIcmp().isPresent()) {
            exceptBase = exceptBase.union(icmp(rule.notIcmp().get()));
        }
        base = base.minus(exceptBase);
        CalicoEntity d = rule.destination();
        Optional<Protocol> portProtocol = rule.protocol().flatMap(CalicoCompiler::portProtocol);
        ConnectionSet numbers = base;
        List<PortMatch.NamedPort> named = new ArrayList<>();
        if (!d.ports().isEmpty()) {
            numbers = ConnectionSet.none();
            for (CalicoPort p : d.ports()) {
                if (p.isNamed()) {
                    named.add(new PortMatch.NamedPort(p.name(), portProtocol));
                } else if (portProtocol.isPresent()) {
                    numbers = numbers.union(ConnectionSet.of(portProtocol.get(), p.from(), p.to()));
                }
            }
            numbers = numbers.intersect(base);
        }
        ConnectionSet exceptNumbers = ConnectionSet.none();
        List<PortMatch.NamedPort> exceptNamed = new ArrayList<>();
        for (CalicoPort p : d.notPorts()) {
            if (p.isNamed()) {
                exceptNamed.add(new PortMatch.NamedPort(p.name(), portProtocol));
            } else if (portProtocol.isPresent()) {
                exceptNumbers = exceptNumbers.union(ConnectionSet.of(portProtocol.get(), p.from(), p.to()));
            }
        }
        if (!named.isEmpty()) {
            // named ports resolve per destination; whatever the base excludes is excepted from them too
            exceptNumbers = exceptNumbers.union(base.complement());
        }
        return new PortMatch(numbers, named, exceptNumbers, exceptNamed, portsText(rule));
    }

    private static String portsText(CalicoRule rule) {
        List<String> parts = new ArrayList<>();
        rule.protocol().ifPresent(p -> parts.add("protocol " + p));
        rule.notProtocol().ifPresent(p -> parts.add("notProtocol " + p));
        rule.icmp().ifPresent(i -> parts.add("icmp " + i));
        rule.notIcmp().ifPresent(i -> parts.add("notICMP " + i));
        if (!rule.destination().ports().isEmpty()) {
            parts.add("ports " + rule.destination().ports());
        }
        if (!rule.destination().notPorts().isEmpty()) {
            parts.add("notPorts " + rule.destination().notPorts());
        }
        return parts.isEmpty() ? "all ports" : String.join(", ", parts);
    }

    private static Optional<Protocol> portProtocol(CalicoProtocol p) {
        return switch (p.number()) {
            case CalicoProtocol.TCP -> Optional.of(Protocol.TCP);
            case CalicoProtocol.UDP -> Optional.of(Protocol.UDP);
            case CalicoProtocol.SCTP -> Optional.of(Protocol.SCTP);
            default -> Optional.empty();
        };
    }

    /** Every connection of one protocol; ICMPv6 never occurs in the IPv4 traffic analysed. */
    static ConnectionSet protocol(CalicoProtocol p) {
        return p.number() == CalicoProtocol.ICMPV6 ? ConnectionSet.none() : ConnectionSet.ipProtocol(p.number());
    }

    static ConnectionSet icmp(IcmpMatch m) {
        if (m.type().isEmpty()) {
            return ConnectionSet.icmp();
        }
        return m.code().isPresent()
                ? ConnectionSet.icmp(m.type().getAsInt(), m.code().getAsInt())
                : ConnectionSet.icmpType(m.type().getAsInt());
    }

    /** A Kubernetes NetworkPolicy as Calico converts it: Allow rules at order 1000 in the default tier. */
    private static void compileKubernetes(PolicyFact policy, Tier tier, Compilation c, LayerModel.Builder out) {
        EndpointMatch subject = new EndpointMatch.Pods(
                new EndpointMatch.Named(policy.namespace()), LabelMatcher.of(policy.podSelector()), false);
        String key = policy.name() + "/" + policy.namespace() + "/" + K8S_KIND;
        for (Direction direction : Direction.values()) {
            if (!policy.isolates(direction)) {
                continue;
            }
            out.select(new Selection(tier, policy, direction, subject));
            for (PolicyRule rule : policy.rules(direction)) {
                out.rule(new LayerRule(
                        tier,
                        new Precedence(KUBERNETES_POLICY_ORDER, key, rule.index()),
                        policy,
                        direction,
                        rule.index(),
                        "",
                        Action.ALLOW,
                        subject,
                        kubernetesPeers(policy, rule, c),
                        NetworkPolicyCompiler.ports(rule),
                        rule.source()));
            }
        }
    }

    /** Pod and namespace selectors select non-host-network pods; ipBlocks are Calico nets, so pod IPs match too. */
    private static List<Peer> kubernetesPeers(PolicyFact policy, PolicyRule rule, Compilation c) {
        if (rule.allPeers()) {
            return List.of(Peer.any(rule.source()));
        }
        List<Peer> out = new ArrayList<>();
        for (PolicyPeer peer : rule.peers()) {
            String text = NetworkPolicyCompiler.describePeer(peer, policy.namespace());
            if (peer.ipBlock().isPresent()) {
                IpRanges block = IpRanges.of(peer.ipBlock().get());
                String blockText = peer.ipBlock().get().toString();
                out.add(new Peer(
                        c.share(
                                List.of("ipBlock", block, blockText),
                                () -> new EndpointMatch.Addresses(block, blockText)),
                        block,
                        text,
                        peer.source()));
                continue;
            }
            EndpointMatch.Namespaces namespaces = peer.namespaceSelector()
                    .<EndpointMatch.Namespaces>map(s -> new EndpointMatch.Labelled(LabelMatcher.of(s)))
                    .orElse(new EndpointMatch.Named(policy.namespace()));
            out.add(new Peer(
                    new EndpointMatch.Pods(
                            namespaces, LabelMatcher.of(peer.podSelector().orElse(Selector.ALL)), false),
                    IpRanges.EMPTY,
                    text,
                    peer.source()));
        }
        return out;
    }

    /**
     * The cluster's NetworkSets and GlobalNetworkSets as felix matches a rule's selectors against them: a set has its
     * own labels and, if namespaced, {@code projectcalico.org/namespace} and its namespace's labels under {@code pcns.}
     * (the {@code kns.} profile, {@code networksetprocessor.go}); a global set has its labels only, so it is matched
     * by a namespaced policy's rule only through {@code namespaceSelector: global()}, where {@code all()} means "in a
     * namespace" ({@code rules.go getEndpointSelector}). No service account labels: a rule naming service accounts
     * matches no network set.
     */
    record NetworkSets(List<NetworkSet> sets) {
        record NetworkSet(CalicoNetworkSetFact fact, Map<String, String> namespaceLabels, IpRanges nets) {
            CalicoSelector.Labels labels() {
                return key -> {
                    String own = fact.labels().get(key);
                    if (own != null || fact.global()) {
                        return own;
                    }
                    if (key.equals("projectcalico.org/namespace")) {
                        return fact.namespace();
                    }
                    if (key.startsWith(FelixLabels.NAMESPACE_PREFIX)) {
                        String k = key.substring(FelixLabels.NAMESPACE_PREFIX.length());
                        return k.equals(FelixLabels.NAME) ? fact.namespace() : namespaceLabels.get(k);
                    }
                    return null;
                };
            }

            CalicoSelector.Labels namespaceView() {
                return key -> key.equals(FelixLabels.NAME) ? fact.namespace() : namespaceLabels.get(key);
            }
        }

        static NetworkSets of(Cluster cluster) {
            List<NetworkSet> out = new ArrayList<>();
            for (CalicoNetworkSetFact f : cluster.calico().networkSets()) {
                Map<String, String> ns = f.global()
                        ? Map.of()
                        : cluster.namespace(f.namespace())
                                .map(NamespaceFact::labels)
                                .orElse(Map.of(NamespaceFact.NAME_LABEL, f.namespace()));
                out.add(new NetworkSet(f, ns, ranges(f.nets())));
            }
            return new NetworkSets(out);
        }

        /** The addresses of the sets the entity's positive selector (with its namespace scope) selects. */
        IpRanges matching(CalicoPolicyFact policy, CalicoEntity e) {
            IpRanges out = IpRanges.EMPTY;
            if (sets.isEmpty() || !e.serviceAccountNames().isEmpty()) {
                return out;
            }
            for (NetworkSet s : sets) {
                boolean inScope = e.namespaceSelector().isPresent()
                        ? s.fact().global()
                                ? inNoNamespace(e.namespaceSelector().get())
                                : e.namespaceSelector().get().matchesNamespace(s.namespaceView())
                        : policy.namespace().isEmpty()
                                || policy.namespace().equals(s.fact().namespace());
                if (inScope
                        && e.serviceAccountSelector()
                                .map(sa -> sa.matches(k -> null))
                                .orElse(true)
                        && e.selector().map(sel -> sel.matches(s.labels())).orElse(true)) {
                    out = out.union(s.nets());
                }
            }
            return out;
        }

        /** The addresses of the sets the entity's notSelector selects (it is not namespace-scoped). */
        IpRanges notMatching(CalicoEntity e) {
            IpRanges out = IpRanges.EMPTY;
            if (e.notSelector().isPresent()) {
                for (NetworkSet s : sets) {
                    if (e.notSelector().get().matches(s.labels())) {
                        out = out.union(s.nets());
                    }
                }
            }
            return out;
        }

        /**
         * A namespaceSelector over a resource outside every namespace: felix rewrites {@code all()} to
         * {@code has(projectcalico.org/namespace)} (false here), {@code global()} to its negation (true), and the
         * namespace labels it reads are absent.
         */
        static boolean inNoNamespace(CalicoSelector s) {
            if (s instanceof CalicoSelector.Global) {
                return true;
            }
            if (s instanceof CalicoSelector.Compare cmp) {
                return cmp.op() == CalicoSelector.Op.NE;
            }
            if (s instanceof CalicoSelector.InSet in) {
                return in.negated();
            }
            if (s instanceof CalicoSelector.Not n) {
                return !inNoNamespace(n.operand());
            }
            if (s instanceof CalicoSelector.And and) {
                return and.operands().stream().allMatch(NetworkSets::inNoNamespace);
            }
            if (s instanceof CalicoSelector.Or or) {
                return or.operands().stream().anyMatch(NetworkSets::inNoNamespace);
            }
            return false; // all() and has(): no namespace, no namespace label
        }
    }

    /**
     * The label sets felix matches selectors against, as views over the endpoint's own maps: a
     * selector is matched once per workload class and per representative, and copying the labels
     * into a new map for each match was most of an analysis with many Calico policies. Each view
     * answers a key as the map felix builds would ({@code FelixLabelsTest} and the naive
     * reference build those maps).
     */
    static final class FelixLabels {
        private static final String NAME = "projectcalico.org/name";
        private static final String NAMESPACE_PREFIX = "pcns.";
        private static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";
        /** Service account labels by namespace, then name. */
        private final Map<String, Map<String, Map<String, String>>> serviceAccounts = new HashMap<>();

        private final int hash;
        /** The last views compared with these and the answer: a diff compares one pair of views again and again. */
        private volatile Compared last;

        private record Compared(FelixLabels other, boolean same) {}

        FelixLabels(Cluster cluster) {
            for (ServiceAccountFact sa : cluster.calico().serviceAccounts()) {
                serviceAccounts
                        .computeIfAbsent(sa.namespace(), k -> new HashMap<>())
                        .put(sa.name(), sa.labels());
            }
            hash = serviceAccounts.hashCode();
        }

        /** Views of equal ServiceAccount labels answer alike: the rest they read is the endpoint's. */
        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof FelixLabels other) || other.hash != hash) {
                return false;
            }
            Compared known = last;
            if (known != null && known.other() == other) {
                return known.same();
            }
            boolean same = serviceAccounts.equals(other.serviceAccounts);
            last = new Compared(other, same);
            return same;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** A namespace's labels plus {@code projectcalico.org/name}. */
        CalicoSelector.Labels namespace(EndpointAttributes e) {
            return key -> key.equals(NAME) ? e.namespace() : e.namespaceLabels().get(key);
        }

        /** A service account's labels (from its object when the input has it) plus {@code projectcalico.org/name}. */
        CalicoSelector.Labels serviceAccount(EndpointAttributes e) {
            Map<String, String> own = serviceAccounts
                    .getOrDefault(e.namespace(), Map.of())
                    .getOrDefault(e.serviceAccount(), e.serviceAccountLabels());
            return key -> key.equals(NAME) ? e.serviceAccount() : own.get(key);
        }

        /**
         * An endpoint's labels: the namespace's under {@code pcns.} and the service account's under
         * {@code pcsa.}, overridden by the pod's own, overridden by felix's three
         * {@code projectcalico.org/} labels.
         */
        CalicoSelector.Labels endpoint(EndpointAttributes e) {
            return key -> switch (key) {
                case "projectcalico.org/namespace" -> e.namespace();
                case "projectcalico.org/orchestrator" -> "k8s";
                case "projectcalico.org/serviceaccount" -> e.serviceAccount();
                default -> {
                    String own = e.podLabels().get(key);
                    if (own != null) {
                        yield own;
                    }
                    if (key.startsWith(NAMESPACE_PREFIX)) {
                        yield namespace(e).get(key.substring(NAMESPACE_PREFIX.length()));
                    }
                    yield key.startsWith(SERVICE_ACCOUNT_PREFIX)
                            ? serviceAccount(e).get(key.substring(SERVICE_ACCOUNT_PREFIX.length()))
                            : null;
                }
            };
        }
    }

    /**
     * The necessary condition of a match that holds only in {@code namespace} (every endpoint, host-network pods
     * included, of that namespace), or {@link EndpointMatch#ALL} when {@code namespace} is empty: indexes then test
     * the predicate on that namespace's classes alone.
     */
    private static EndpointMatch within(String namespace) {
        return namespace.isEmpty()
                ? EndpointMatch.ALL
                : new EndpointMatch.Pods(new EndpointMatch.Named(namespace), LabelMatcher.ALL, true);
    }

    /**
     * {@link #within(String)}, and in every namespace (a GlobalNetworkPolicy's subject, a peer without a
     * namespace) the pods carrying the labels {@code selector} (which the match needs to hold on the
     * endpoint's labels) requires: indexes then test the predicate on those classes alone, not on every
     * class for each global policy.
     */
    private static EndpointMatch within(String namespace, Optional<CalicoSelector> selector) {
        if (!namespace.isEmpty() || selector.isEmpty()) {
            return within(namespace);
        }
        Map<String, String> required = new TreeMap<>();
        requiredPodLabels(selector.get(), required);
        return required.isEmpty()
                ? EndpointMatch.ALL
                : new EndpointMatch.Pods(
                        new EndpointMatch.Labelled(LabelMatcher.ALL), LabelMatcher.of(Selector.of(required)), true);
    }

    /**
     * The {@code key == 'value'} terms every match of {@code s} satisfies (its own term, or its conjuncts'),
     * on keys whose value in felix's endpoint labels ({@link FelixLabels#endpoint}) is the pod's own label:
     * not felix's {@code projectcalico.org/} keys, nor the {@code pcns.}/{@code pcsa.} ones a pod without
     * that label takes from its namespace or service account.
     */
    private static void requiredPodLabels(CalicoSelector s, Map<String, String> out) {
        if (s instanceof CalicoSelector.Compare c
                && c.op() == CalicoSelector.Op.EQ
                && !c.key().startsWith("projectcalico.org/")
                && !c.key().startsWith(FelixLabels.NAMESPACE_PREFIX)
                && !c.key().startsWith(FelixLabels.SERVICE_ACCOUNT_PREFIX)) {
            out.putIfAbsent(c.key(), c.value());
        } else if (s instanceof CalicoSelector.And and) {
            and.operands().forEach(o -> requiredPodLabels(o, out));
        }
    }
}
