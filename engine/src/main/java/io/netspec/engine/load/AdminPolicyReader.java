package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1). */
final class AdminPolicyReader {

    private static final Set<String> ANP_ACTIONS = Set.of("Allow", "Deny", "Pass");
    private static final Set<String> BANP_ACTIONS = Set.of("Allow", "Deny");

    private AdminPolicyReader() {}

    static ClusterNetworkPolicyFact read(YamlMap object, ObjectMeta meta, boolean baseline, ReadContext ctx) {
        String kind = meta.kind();
        if (baseline && meta.named() && !meta.name().equals("default")) {
            // the CRD's validation: there is one BANP per cluster, named default
            ctx.error(
                    meta.metadata().nodeOr("name"),
                    "metadata.name: invalid BaselineAdminNetworkPolicy name \"" + YamlMap.abbreviate(meta.name())
                            + "\": it must be default (one per cluster)");
        }
        YamlMap spec = object.mapOrEmpty("spec");
        int priority = 0;
        if (!baseline) {
            Optional<Long> p = spec.integer("priority");
            if (p.isEmpty()) {
                if (!spec.has("priority")) {
                    ctx.error(spec.node(), kind + " " + meta.name() + ": spec.priority is missing");
                }
            } else if (p.get() < 0 || p.get() > 1000) {
                ctx.error(spec.nodeOr("priority"), "spec.priority: " + p.get() + " is outside 0-1000");
            } else {
                priority = p.get().intValue();
            }
        }
        ClusterNetworkPolicyFact.Subject subject = subject(spec);
        Set<String> actions = baseline ? BANP_ACTIONS : ANP_ACTIONS;
        List<ClusterNetworkPolicyFact.Rule> ingress = rules(spec, "ingress", "from", actions);
        List<ClusterNetworkPolicyFact.Rule> egress = rules(spec, "egress", "to", actions);
        return new ClusterNetworkPolicyFact(meta.name(), baseline, priority, subject, ingress, egress, object.source());
    }

    private static ClusterNetworkPolicyFact.Subject subject(YamlMap spec) {
        Optional<YamlMap> subject = spec.map("subject");
        if (subject.isEmpty()) {
            spec.ctx().error(spec.node(), "spec.subject is missing");
            return new ClusterNetworkPolicyFact.Subject(Selector.ALL, Optional.empty());
        }
        YamlMap s = subject.get();
        if (s.has("namespaces") && s.has("pods")) {
            // the CRD allows exactly one (MaxProperties=1): reading only one of them would drop the other
            s.ctx().error(s.node(), "spec.subject: give namespaces or pods, not both");
        }
        if (s.has("namespaces")) {
            return new ClusterNetworkPolicyFact.Subject(
                    Labels.selector(s, "namespaces").orElse(Selector.ALL), Optional.empty());
        }
        if (s.has("pods")) {
            YamlMap pods = s.mapOrEmpty("pods");
            return new ClusterNetworkPolicyFact.Subject(
                    Labels.selector(pods, "namespaceSelector").orElse(Selector.ALL),
                    Optional.of(Labels.selector(pods, "podSelector").orElse(Selector.ALL)));
        }
        s.ctx().error(s.node(), "spec.subject needs namespaces or pods");
        return new ClusterNetworkPolicyFact.Subject(Selector.ALL, Optional.empty());
    }

    private static List<ClusterNetworkPolicyFact.Rule> rules(
            YamlMap spec, String key, String peersKey, Set<String> actions) {
        List<ClusterNetworkPolicyFact.Rule> rules = new ArrayList<>();
        for (YamlMap rule : spec.maps(key)) {
            ReadContext ctx = rule.ctx();
            String action = rule.string("action").orElse("");
            if (!actions.contains(action)) {
                ctx.error(
                        rule.nodeOr("action"),
                        rule.child("action") + ": invalid action \"" + action + "\"; use "
                                + String.join(", ", actions.stream().sorted().toList()));
            }
            // the CRD requires at least one peer (MinItems=1): a rule without peers cannot be created
            if (!rule.has(peersKey)) {
                ctx.error(rule.node(), rule.path() + ": " + peersKey + " is missing; a rule needs at least one peer");
            } else if (rule.hasList(peersKey) && rule.list(peersKey).isEmpty()) {
                ctx.error(rule.nodeOr(peersKey), rule.child(peersKey) + ": no peers; a rule needs at least one");
            }
            List<ClusterNetworkPolicyFact.Peer> peers = new ArrayList<>();
            for (YamlMap peer : rule.maps(peersKey)) {
                peer(peer, key.equals("egress")).ifPresent(peers::add);
            }
            if (rule.hasList("ports") && rule.list("ports").isEmpty()) {
                // MinItems=1 in the CRD: an empty list is neither "every port" (ports left out) nor "no port"
                ctx.error(
                        rule.nodeOr("ports"),
                        rule.child("ports") + ": empty; leave ports out to match every port, or list at least one");
            }
            List<ClusterNetworkPolicyFact.Port> ports = new ArrayList<>();
            for (YamlMap port : rule.maps("ports")) {
                port(port).ifPresent(ports::add);
            }
            rules.add(new ClusterNetworkPolicyFact.Rule(
                    rule.string("name").orElse(""), action, peers, ports, rule.source()));
        }
        return rules;
    }

    private static final List<String> EGRESS_PEER_FIELDS = List.of("namespaces", "pods", "networks", "nodes");
    private static final List<String> INGRESS_PEER_FIELDS = List.of("namespaces", "pods");

    private static Optional<ClusterNetworkPolicyFact.Peer> peer(YamlMap peer, boolean egress) {
        // a peer sets exactly one field (MaxProperties=1 in the CRD; ingress peers have no networks or
        // nodes): the API rejects others, and reading one field of several would drop the rest
        List<String> allowed = egress ? EGRESS_PEER_FIELDS : INGRESS_PEER_FIELDS;
        List<String> given = EGRESS_PEER_FIELDS.stream().filter(peer::has).toList();
        if (given.size() > 1 || given.size() == 1 && !allowed.contains(given.get(0))) {
            peer.ctx()
                    .error(
                            peer.node(),
                            peer.path() + ": give exactly one of " + oneOf(allowed) + " (found "
                                    + String.join(", ", given) + ")");
            return Optional.empty();
        }
        if (peer.has("namespaces")) {
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Labels.selector(peer, "namespaces"), Optional.empty(), List.of(), Optional.empty()));
        }
        if (peer.has("pods")) {
            YamlMap pods = peer.mapOrEmpty("pods");
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Optional.of(Labels.selector(pods, "namespaceSelector").orElse(Selector.ALL)),
                    Optional.of(Labels.selector(pods, "podSelector").orElse(Selector.ALL)),
                    List.of(),
                    Optional.empty()));
        }
        if (peer.has("networks")) {
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
        if (peer.has("nodes")) {
            return Optional.of(new ClusterNetworkPolicyFact.Peer(
                    Optional.empty(), Optional.empty(), List.of(), Labels.selector(peer, "nodes")));
        }
        peer.ctx().error(peer.node(), peer.path() + ": a peer needs " + oneOf(allowed));
        return Optional.empty();
    }

    /** {@code a, b or c}. */
    private static String oneOf(List<String> fields) {
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " or " + fields.get(fields.size() - 1);
    }

    private static Optional<ClusterNetworkPolicyFact.Port> port(YamlMap port) {
        ReadContext ctx = port.ctx();
        List<String> given = Stream.of("portNumber", "portRange", "namedPort")
                .filter(port::has)
                .toList();
        if (given.size() > 1) {
            // MaxProperties=1 in the CRD: reading one of them would drop the others
            ctx.error(
                    port.node(),
                    port.path() + ": give exactly one of portNumber, portRange or namedPort (found "
                            + String.join(", ", given) + ")");
            return Optional.empty();
        }
        Optional<YamlMap> number = port.map("portNumber");
        if (number.isPresent()) {
            Protocol protocol = Ports.protocol(number.get());
            return Ports.number(number.get(), "port").map(p -> new ClusterNetworkPolicyFact.Port(protocol, p, 0, ""));
        }
        Optional<YamlMap> range = port.map("portRange");
        if (range.isPresent()) {
            Protocol protocol = Ports.protocol(range.get());
            Optional<Integer> start = Ports.number(range.get(), "start");
            Optional<Integer> end = Ports.number(range.get(), "end");
            if (start.isEmpty() || end.isEmpty()) {
                if (!range.get().has("start") || !range.get().has("end")) {
                    ctx.error(range.get().node(), range.get().path() + ": start and end are required");
                }
                return Optional.empty();
            }
            if (end.get() < start.get()) {
                ctx.error(
                        range.get().nodeOr("end"),
                        range.get().child("end") + ": end " + end.get() + " is below start " + start.get());
                return Optional.empty();
            }
            return Optional.of(new ClusterNetworkPolicyFact.Port(protocol, start.get(), end.get(), ""));
        }
        Optional<String> named = port.string("namedPort");
        if (named.isPresent()) {
            Optional<String> problem = K8sSyntax.portNameProblem(named.get());
            if (problem.isPresent()) {
                ctx.error(port.nodeOr("namedPort"), port.child("namedPort") + ": " + problem.get());
                return Optional.empty();
            }
            // the protocol of a named port comes from the destination pod; TCP is a placeholder
            return Optional.of(new ClusterNetworkPolicyFact.Port(Protocol.TCP, 0, 0, named.get()));
        }
        ctx.error(port.node(), port.path() + ": a port needs portNumber, portRange or namedPort");
        return Optional.empty();
    }
}
