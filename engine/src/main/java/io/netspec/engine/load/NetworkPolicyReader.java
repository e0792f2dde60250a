package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NetworkPolicy (networking.k8s.io/v1) to a normalised {@link PolicyFact}, validated like the API server. */
final class NetworkPolicyReader {

    private NetworkPolicyReader() {}

    static PolicyFact read(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        // podSelector is required by the API but a struct, not a pointer: left out, it decodes as {} (all pods)
        Selector podSelector = Labels.selector(spec, "podSelector").orElse(Selector.ALL);
        List<PolicyRule> ingress = rules(spec, Direction.INGRESS);
        List<PolicyRule> egress = rules(spec, Direction.EGRESS);

        boolean isolatesIngress;
        boolean isolatesEgress;
        List<String> types = spec.strings("policyTypes");
        if (types.isEmpty()) {
            // The API server's defaulting (SetDefaults_NetworkPolicySpec) tests len(spec.Egress) != 0, so an
            // explicit `egress: []` does NOT add Egress; an empty or missing policyTypes is defaulted alike.
            isolatesIngress = true;
            isolatesEgress = !egress.isEmpty();
        } else {
            isolatesIngress = false;
            isolatesEgress = false;
            List<org.yaml.snakeyaml.nodes.Node> typeNodes = spec.list("policyTypes");
            for (int i = 0; i < types.size(); i++) {
                switch (types.get(i)) {
                    case "Ingress" -> isolatesIngress = true;
                    case "Egress" -> isolatesEgress = true;
                    default ->
                        ctx.error(
                                i < typeNodes.size() ? typeNodes.get(i) : spec.node(),
                                "spec.policyTypes: unknown policy type \"" + types.get(i)
                                        + "\"; use Ingress or Egress");
                }
            }
        }
        return new PolicyFact(
                meta.namespace(),
                meta.name(),
                podSelector,
                isolatesIngress,
                isolatesEgress,
                ingress,
                egress,
                meta.annotations(),
                object.source());
    }

    private static List<PolicyRule> rules(YamlMap spec, Direction direction) {
        String key = direction == Direction.INGRESS ? "ingress" : "egress";
        String peersKey = direction == Direction.INGRESS ? "from" : "to";
        List<PolicyRule> rules = new ArrayList<>();
        List<YamlMap> items = spec.maps(key);
        for (int i = 0; i < items.size(); i++) {
            YamlMap rule = items.get(i);
            List<PolicyPeer> peers = new ArrayList<>();
            for (YamlMap peer : rule.maps(peersKey)) {
                peer(peer).ifPresent(peers::add);
            }
            List<PolicyPort> ports = new ArrayList<>();
            for (YamlMap port : rule.maps("ports")) {
                port(port).ifPresent(ports::add);
            }
            rules.add(new PolicyRule(direction, i, peers, ports, rule.source()));
        }
        return rules;
    }

    private static Optional<PolicyPeer> peer(YamlMap peer) {
        ReadContext ctx = peer.ctx();
        boolean hasIpBlock = peer.has("ipBlock");
        Optional<Selector> pods = Labels.selector(peer, "podSelector");
        Optional<Selector> namespaces = Labels.selector(peer, "namespaceSelector");
        if (hasIpBlock && (pods.isPresent() || namespaces.isPresent())) {
            ctx.error(peer.node(), peer.path() + ": ipBlock cannot be combined with podSelector or namespaceSelector");
            return Optional.empty();
        }
        if (!hasIpBlock && pods.isEmpty() && namespaces.isEmpty()) {
            ctx.error(peer.node(), peer.path() + ": a peer needs podSelector, namespaceSelector or ipBlock");
            return Optional.empty();
        }
        if (hasIpBlock) {
            return peer.map("ipBlock")
                    .flatMap(NetworkPolicyReader::ipBlock)
                    .map(b -> new PolicyPeer(Optional.empty(), Optional.empty(), Optional.of(b), peer.source()));
        }
        return Optional.of(new PolicyPeer(pods, namespaces, Optional.empty(), peer.source()));
    }

    static Optional<IpBlock> ipBlock(YamlMap block) {
        ReadContext ctx = block.ctx();
        Optional<String> cidrText = block.string("cidr");
        if (cidrText.isEmpty()) {
            ctx.error(block.node(), block.path() + ": cidr is missing");
            return Optional.empty();
        }
        Optional<CidrParser.Parsed> cidr = cidr(block, "cidr", cidrText.get(), block.nodeOr("cidr"));
        if (cidr.isEmpty()) {
            return Optional.empty();
        }
        List<Cidr> except = new ArrayList<>();
        List<org.yaml.snakeyaml.nodes.Node> exceptNodes = block.list("except");
        List<String> exceptTexts = block.strings("except");
        boolean ok = true;
        for (int i = 0; i < exceptTexts.size() && i < exceptNodes.size(); i++) {
            org.yaml.snakeyaml.nodes.Node n = exceptNodes.get(i);
            Optional<CidrParser.Parsed> e = cidr(block, "except[" + i + "]", exceptTexts.get(i), n);
            if (e.isEmpty()) {
                ok = false;
            } else if (!cidr.get().sameFamily(e.get())) {
                ctx.error(
                        n,
                        block.child("except[" + i + "]") + ": " + exceptTexts.get(i) + " is IPv"
                                + (e.get().cidr().ipv6() ? "6" : "4") + " but cidr " + cidrText.get() + " is IPv"
                                + (cidr.get().cidr().ipv6() ? "6" : "4"));
                ok = false;
            } else if (!cidr.get().strictlyContains(e.get())) {
                ctx.error(
                        n,
                        block.child("except[" + i + "]") + ": " + exceptTexts.get(i) + " is not strictly inside cidr "
                                + cidrText.get());
                ok = false;
            } else {
                except.add(e.get().cidr());
            }
        }
        return ok ? Optional.of(new IpBlock(cidr.get().cidr(), except)) : Optional.empty();
    }

    /** Parses and reports; host bits set are allowed by Kubernetes (the masked network is used), with a warning. */
    static Optional<CidrParser.Parsed> cidr(
            YamlMap owner, String field, String text, org.yaml.snakeyaml.nodes.Node node) {
        CidrParser.Parsed parsed = CidrParser.parse(text);
        if (!parsed.ok()) {
            owner.ctx().error(node, owner.child(field) + ": " + parsed.error());
            return Optional.empty();
        }
        if (parsed.hostBitsSet()) {
            owner.ctx()
                    .warning(
                            node,
                            owner.child(field) + ": " + text + " has host bits set; Kubernetes reads it as "
                                    + parsed.network());
        }
        return Optional.of(parsed);
    }

    private static Optional<PolicyPort> port(YamlMap p) {
        ReadContext ctx = p.ctx();
        Protocol protocol = Ports.protocol(p);
        boolean portGiven = p.has("port");
        Optional<PortRef> port = Ports.ref(p, "port");
        if (portGiven && port.isEmpty()) {
            return Optional.empty();
        }
        int endPort = 0;
        if (p.has("endPort")) {
            Optional<Integer> end = Ports.number(p, "endPort");
            if (end.isEmpty()) {
                return Optional.empty();
            }
            if (port.isEmpty()) {
                ctx.error(p.nodeOr("endPort"), p.child("endPort") + ": endPort needs a numeric port");
                return Optional.empty();
            }
            if (port.get().isNamed()) {
                ctx.error(
                        p.nodeOr("endPort"),
                        p.child("endPort") + ": endPort cannot be used with named port \""
                                + port.get().name() + "\"");
                return Optional.empty();
            }
            if (end.get() < port.get().number()) {
                ctx.error(
                        p.nodeOr("endPort"),
                        p.child("endPort") + ": endPort " + end.get() + " is below port "
                                + port.get().number());
                return Optional.empty();
            }
            endPort = end.get();
        }
        return Optional.of(new PolicyPort(protocol, port.orElse(PortRef.ANY), endPort));
    }
}
