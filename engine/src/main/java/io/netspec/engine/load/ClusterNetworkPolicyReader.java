package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ClusterNetworkPolicy, {@code policy.networking.k8s.io/v1alpha2} (kubernetes-sigs/network-policy-api,
 * {@code apis/v1alpha2/clusternetworkpolicy_types.go}): {@code spec.tier} Admin or Baseline,
 * {@code spec.priority} 0-1000, a subject ({@code namespaces} or {@code pods}), up to 25 ingress and 25
 * egress rules with an action (Accept, Deny, Pass), peers ({@code namespaces}, {@code pods}; egress
 * also {@code nodes}, {@code networks}, {@code domainNames}) and {@code protocols}. Read into the same
 * fact as the v1alpha1 admin policies, which have the same semantics.
 */
final class ClusterNetworkPolicyReader {

    static final String API_VERSION = "policy.networking.k8s.io/v1alpha2";
    private static final Set<String> ACTIONS = Set.of("Accept", "Deny", "Pass");
    private static final int MAX_RULES = 25;
    private static final Map<String, Protocol> PROTOCOLS =
            Map.of("tcp", Protocol.TCP, "udp", Protocol.UDP, "sctp", Protocol.SCTP);

    private ClusterNetworkPolicyReader() {}

    static ClusterNetworkPolicyFact read(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        String apiVersion = object.string("apiVersion").orElse("");
        if (!apiVersion.equals(API_VERSION)) {
            ctx.error(
                    object.nodeOr("apiVersion"),
                    "ClusterNetworkPolicy " + meta.name() + ": apiVersion " + apiVersion
                            + " is not known; netspec reads " + API_VERSION);
        }
        YamlMap spec = object.mapOrEmpty("spec");
        String tier = spec.string("tier").orElse("");
        if (!tier.equals("Admin") && !tier.equals("Baseline")) {
            ctx.error(
                    spec.nodeOr("tier"),
                    tier.isEmpty()
                            ? "spec.tier is missing: use Admin or Baseline"
                            : "spec.tier: invalid tier \"" + YamlMap.abbreviate(tier) + "\"; use Admin or Baseline");
        }
        int priority = 0;
        Optional<Long> p = spec.integer("priority");
        if (p.isEmpty()) {
            if (!spec.has("priority")) {
                ctx.error(spec.node(), "ClusterNetworkPolicy " + meta.name() + ": spec.priority is missing");
            }
        } else if (p.get() < 0 || p.get() > 1000) {
            ctx.error(spec.nodeOr("priority"), "spec.priority: " + p.get() + " is outside 0-1000");
        } else {
            priority = p.get().intValue();
        }
        ClusterNetworkPolicyFact.Subject subject = subject(spec);
        List<ClusterNetworkPolicyFact.Rule> ingress = rules(spec, "ingress", "from");
        List<ClusterNetworkPolicyFact.Rule> egress = rules(spec, "egress", "to");
        return new ClusterNetworkPolicyFact(
                meta.name(),
                tier.equals("Baseline"),
                priority,
                subject,
                ingress,
                egress,
                object.source(),
                ClusterNetworkPolicyFact.CLUSTER_NETWORK_POLICY);
    }

    private static ClusterNetworkPolicyFact.Subject subject(YamlMap spec) {
        Optional<YamlMap> subject = spec.map("subject");
        if (subject.isEmpty()) {
            spec.ctx().error(spec.node(), "spec.subject is missing");
            return new ClusterNetworkPolicyFact.Subject(Selector.ALL, Optional.empty());
        }
        YamlMap s = subject.get();
        if (s.has("namespaces") && s.has("pods")) {
            s.ctx().error(s.node(), "spec.subject: give namespaces or pods, not both");
        }
        if (s.has("namespaces")) {
            return new ClusterNetworkPolicyFact.Subject(
                    Labels.selector(s, "namespaces").orElse(Selector.ALL), Optional.empty());
        }
        if (s.has("pods")) {
            YamlMap pods = s.mapOrEmpty("pods");
            return new ClusterNetworkPolicyFact.Subject(namespacedPods(pods)[0], Optional.of(namespacedPods(pods)[1]));
        }
        s.ctx().error(s.node(), "spec.subject needs namespaces or pods");
        return new ClusterNetworkPolicyFact.Subject(Selector.ALL, Optional.empty());
    }

    /**
     * {namespaceSelector, podSelector} of a NamespacedPod. Only podSelector is required: in v1alpha2 namespaceSelector
     * is {@code +optional} and, absent, selects every namespace (clusternetworkpolicy_types.go {@code NamespacedPod};
     * the CRD lists only podSelector as required).
     */
    private static Selector[] namespacedPods(YamlMap pods) {
        if (!pods.has("podSelector")) {
            pods.ctx().error(pods.node(), pods.path() + ": podSelector is missing");
        }
        return new Selector[] {
            Labels.selector(pods, "namespaceSelector").orElse(Selector.ALL),
            Labels.selector(pods, "podSelector").orElse(Selector.ALL)
        };
    }

    private static List<ClusterNetworkPolicyFact.Rule> rules(YamlMap spec, String key, String peersKey) {
        List<ClusterNetworkPolicyFact.Rule> rules = new ArrayList<>();
        List<YamlMap> written = spec.maps(key);
        if (written.size() > MAX_RULES) {
            spec.ctx()
                    .error(
                            spec.nodeOr(key),
                            spec.child(key) + ": " + written.size() + " rules; the API allows at most " + MAX_RULES);
        }
        for (YamlMap rule : written) {
            ReadContext ctx = rule.ctx();
            String action = rule.string("action").orElse("");
            if (!ACTIONS.contains(action)) {
                ctx.error(
                        rule.nodeOr("action"),
                        rule.child("action") + ": invalid action \"" + YamlMap.abbreviate(action)
                                + "\"; use Accept, Deny or Pass");
            }
            if (!rule.has(peersKey)) {
                ctx.error(rule.node(), rule.path() + ": " + peersKey + " is missing");
            } else if (rule.hasList(peersKey) && rule.list(peersKey).isEmpty()) {
                // MinItems=1 in the CRD: a rule without peers cannot be created
                ctx.error(rule.nodeOr(peersKey), rule.child(peersKey) + ": no peers; a rule needs at least one");
            }
            if (rule.hasList("protocols") && rule.list("protocols").isEmpty()) {
                // MinItems=1 in the CRD: an empty list is neither "every protocol" (left out) nor "none"
                ctx.error(
                        rule.nodeOr("protocols"),
                        rule.child("protocols") + ": empty; leave protocols out to match all traffic, or list"
                                + " at least one");
            }
            List<ClusterNetworkPolicyFact.Peer> peers = new ArrayList<>();
            for (YamlMap peer : rule.maps(peersKey)) {
                peer(peer, key.equals("egress")).ifPresent(peers::add);
            }
            List<ClusterNetworkPolicyFact.Port> ports = new ArrayList<>();
            for (YamlMap protocol : rule.maps("protocols")) {
                protocol(protocol).ifPresent(ports::add);
            }
            rules.add(new ClusterNetworkPolicyFact.Rule(
                    rule.string("name").orElse(""), action, peers, ports, rule.source()));
        }
        return rules;
    }

    private static final List<String> EGRESS_PEER_FIELDS =
            List.of("namespaces", "pods", "nodes", "networks", "domainNames");

    private static Optional<ClusterNetworkPolicyFact.Peer> peer(YamlMap peer, boolean egress) {
        // MaxProperties=1 in the CRD: reading the first of several fields would drop the others
        List<String> given = EGRESS_PEER_FIELDS.stream().filter(peer::has).toList();
        if (given.size() > 1) {
            peer.ctx()
                    .error(
                            peer.node(),
                            peer.path() + ": give exactly one of "
                                    + (egress
                                            ? "namespaces, pods, nodes, networks or domainNames"
                                            : "namespaces or pods")
                                    + " (found " + String.join(", ", given) + ")");
            return Optional.empty();
        }
        if (peer.has("namespaces")) {
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Labels.selector(peer, "namespaces"), Optional.empty(), List.of(), Optional.empty()));
        }
        if (peer.has("pods")) {
            Selector[] selectors = namespacedPods(peer.mapOrEmpty("pods"));
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Optional.of(selectors[0]), Optional.of(selectors[1]), List.of(), Optional.empty()));
        }
        if (egress && peer.has("networks")) {
            List<Cidr> networks = new ArrayList<>();
            List<org.yaml.snakeyaml.nodes.Node> nodes = peer.list("networks");
            List<String> texts = peer.strings("networks");
            for (int i = 0; i < texts.size() && i < nodes.size(); i++) {
                NetworkPolicyReader.cidr(peer, "networks[" + i + "]", texts.get(i), nodes.get(i))
                        .ifPresent(c -> networks.add(c.cidr()));
            }
            return Optional.of(
                    new ClusterNetworkPolicyFact.Peer(Optional.empty(), Optional.empty(), networks, Optional.empty()));
        }
        if (egress && peer.has("nodes")) {
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Optional.empty(), Optional.empty(), List.of(), Labels.selector(peer, "nodes")));
        }
        if (egress && peer.has("domainNames")) {
            // nothing the user gave is dropped silently: the peer is kept out of the analysis, and said so
            peer.ctx()
                    .warning(
                            peer.nodeOr("domainNames"),
                            peer.child("domainNames") + ": domain-name peers are not"
                                    + " analysed (they depend on DNS answers); this peer matches nothing here");
            return Optional.empty();
        }
        peer.ctx()
                .error(
                        peer.node(),
                        peer.path() + ": a peer needs "
                                + (egress ? "namespaces, pods, nodes, networks or domainNames" : "namespaces or pods"));
        return Optional.empty();
    }

    /** One {@code protocols} entry: exactly one of tcp, udp, sctp (with a destinationPort) or destinationNamedPort. */
    private static Optional<ClusterNetworkPolicyFact.Port> protocol(YamlMap entry) {
        ReadContext ctx = entry.ctx();
        Optional<String> named = entry.string("destinationNamedPort");
        List<String> given = new ArrayList<>(
                PROTOCOLS.keySet().stream().filter(entry::has).sorted().toList());
        named.ifPresent(n -> given.add("destinationNamedPort"));
        if (given.size() != 1) {
            ctx.error(
                    entry.node(),
                    entry.path() + ": give exactly one of tcp, udp, sctp or destinationNamedPort"
                            + (given.isEmpty() ? "" : " (found " + String.join(", ", given) + ")"));
            return Optional.empty();
        }
        if (named.isPresent()) {
            Optional<String> problem = K8sSyntax.portNameProblem(named.get());
            if (problem.isPresent()) {
                ctx.error(
                        entry.nodeOr("destinationNamedPort"),
                        entry.child("destinationNamedPort") + ": " + problem.get());
                return Optional.empty();
            }
            // the protocol of a named port is the destination container port's; TCP is a placeholder
            return Optional.of(new ClusterNetworkPolicyFact.Port(Protocol.TCP, 0, 0, named.get()));
        }
        String key = given.get(0);
        Protocol protocol = PROTOCOLS.get(key);
        YamlMap p = entry.mapOrEmpty(key);
        Optional<YamlMap> port = p.map("destinationPort");
        if (port.isEmpty()) {
            // MinProperties=1 in the CRD: a protocol without destinationPort cannot be created
            ctx.error(
                    p.node(),
                    entry.child(key) + ": destinationPort is required (the API rejects an empty " + key + ")");
            return Optional.empty();
        }
        YamlMap d = port.get();
        if (d.has("number") == d.has("range")) {
            ctx.error(d.node(), d.path() + ": give exactly one of number or range");
            return Optional.empty();
        }
        if (d.has("number")) {
            return Ports.number(d, "number").map(n -> new ClusterNetworkPolicyFact.Port(protocol, n, 0, ""));
        }
        YamlMap range = d.mapOrEmpty("range");
        Optional<Integer> start = Ports.required(range, "start");
        Optional<Integer> end = Ports.required(range, "end");
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        if (end.get() < start.get()) {
            ctx.error(
                    range.nodeOr("end"), range.child("end") + ": end " + end.get() + " is below start " + start.get());
            return Optional.empty();
        }
        return Optional.of(new ClusterNetworkPolicyFact.Port(protocol, start.get(), end.get(), ""));
    }
}
