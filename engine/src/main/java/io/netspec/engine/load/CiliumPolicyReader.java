package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.CiliumCidrGroupFact;
import io.netspec.engine.model.CiliumEntity;
import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumPortRule.CiliumPort;
import io.netspec.engine.model.CiliumRule;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) to {@link CiliumPolicyFact}s.
 *
 * <p>Validated as the pinned Cilium version validates a rule before enforcing it
 * ({@code pkg/policy/api/rule_validation.go} {@code Sanitize}): whatever would make Cilium reject the object
 * is an error here, naming file and line, and the fact is marked not {@linkplain CiliumPolicyFact#valid
 * valid} (Cilium enforces none of its rules). Fields the CRD does not define are reported: the API server
 * prunes them, so they have no effect.
 */
final class CiliumPolicyReader {

    private static final Set<String> RULE_FIELDS = Set.of(
            "endpointSelector",
            "nodeSelector",
            "ingress",
            "ingressDeny",
            "egress",
            "egressDeny",
            "labels",
            "enableDefaultDeny",
            "description",
            "log");
    private static final Set<String> INGRESS_FIELDS = Set.of(
            "fromEndpoints",
            "fromRequires",
            "fromCIDR",
            "fromCIDRSet",
            "fromEntities",
            "fromGroups",
            "fromNodes",
            "toPorts",
            "icmps",
            "authentication");
    private static final Set<String> EGRESS_FIELDS = Set.of(
            "toEndpoints",
            "toRequires",
            "toCIDR",
            "toCIDRSet",
            "toEntities",
            "toServices",
            "toGroups",
            "toNodes",
            "toPorts",
            "toFQDNs",
            "icmps",
            "authentication");
    private static final Set<String> PORT_RULE_FIELDS =
            Set.of("ports", "rules", "terminatingTLS", "originatingTLS", "serverNames", "listener");
    private static final Set<String> PORT_FIELDS = Set.of("port", "endPort", "protocol");
    /** The protocols the CRD accepts in a port, as written (an enum, so case-sensitive). */
    private static final List<String> CRD_PROTOCOLS =
            List.of("TCP", "UDP", "SCTP", "VRRP", "IGMP", "GRE", "IPIP", "IPV6", "ESP", "AH", "ANY");

    private static final Set<String> CIDR_RULE_FIELDS = Set.of("cidr", "cidrGroupRef", "cidrGroupSelector", "except");

    private CiliumPolicyReader() {}

    static CiliumPolicyFact read(YamlMap object, ObjectMeta meta, boolean clusterwide, ReadContext ctx) {
        CiliumPolicyFact.Kind kind = clusterwide
                ? CiliumPolicyFact.Kind.CILIUM_CLUSTERWIDE_NETWORK_POLICY
                : CiliumPolicyFact.Kind.CILIUM_NETWORK_POLICY;
        Validity validity = new Validity();
        List<CiliumRule> rules = new ArrayList<>();
        Optional<YamlMap> spec = object.map("spec");
        spec.ifPresent(s -> rules.add(rule(s, -1, clusterwide, validity)));
        List<YamlMap> specs = object.maps("specs");
        for (int i = 0; i < specs.size(); i++) {
            rules.add(rule(specs.get(i), i, clusterwide, validity));
        }
        if (spec.isEmpty() && !object.has("specs")) {
            validity.error(
                    ctx,
                    object.node(),
                    kind.wireName() + " " + meta.name() + " has neither spec nor specs; Cilium rejects it");
        }
        return new CiliumPolicyFact(
                kind,
                clusterwide ? "" : meta.namespace(),
                meta.name(),
                rules,
                meta.annotations(),
                validity.valid,
                object.source());
    }

    /** A CiliumCIDRGroup (cilium.io/v2 or v2alpha1): its {@code externalCIDRs}. */
    static CiliumCidrGroupFact readCidrGroup(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        List<Cidr> cidrs = new ArrayList<>();
        List<Node> nodes = spec.list("externalCIDRs");
        List<String> texts = spec.strings("externalCIDRs");
        for (int i = 0; i < texts.size() && i < nodes.size(); i++) {
            NetworkPolicyReader.cidr(spec, "externalCIDRs[" + i + "]", texts.get(i), nodes.get(i))
                    .ifPresent(p -> cidrs.add(p.cidr()));
        }
        return new CiliumCidrGroupFact(meta.name(), meta.labels(), cidrs, object.source());
    }

    /** Whether Cilium would accept the object; every reason it would not is an error. */
    private static final class Validity {
        boolean valid = true;

        void error(ReadContext ctx, Node node, String message) {
            valid = false;
            ctx.error(node, message);
        }
    }

    private static CiliumRule rule(YamlMap r, int specIndex, boolean clusterwide, Validity validity) {
        ReadContext ctx = r.ctx();
        unknownFields(r, RULE_FIELDS);
        Optional<Selector> endpoints = r.map("endpointSelector").map(Labels::ciliumSelector);
        Optional<Selector> nodes = r.map("nodeSelector").map(Labels::ciliumSelector);
        if (endpoints.isEmpty() && nodes.isEmpty()) {
            validity.error(ctx, r.node(), r.path() + ": a rule needs endpointSelector or nodeSelector");
        } else if (endpoints.isPresent() && nodes.isPresent()) {
            validity.error(
                    ctx,
                    r.nodeOr("nodeSelector"),
                    r.child("nodeSelector") + ": endpointSelector and nodeSelector cannot be used together");
        } else if (nodes.isPresent() && !clusterwide) {
            validity.error(
                    ctx,
                    r.nodeOr("nodeSelector"),
                    r.child("nodeSelector") + ": nodeSelector is only allowed in a CiliumClusterwideNetworkPolicy");
        } else if (nodes.isPresent()) {
            // never silent: a host policy also filters what pods send to the selected nodes (and what they receive
            // from them), which the analysis does not see
            ctx.warning(
                    r.nodeOr("nodeSelector"),
                    r.child("nodeSelector") + ": a host policy (it applies to nodes, which netspec does not model);"
                            + " this rule is left out of connectivity, including pod traffic to and from the nodes it"
                            + " selects");
        }
        List<CiliumPeerRule> ingress = peerRules(r, "ingress", Direction.INGRESS, false, validity);
        List<CiliumPeerRule> ingressDeny = peerRules(r, "ingressDeny", Direction.INGRESS, true, validity);
        List<CiliumPeerRule> egress = peerRules(r, "egress", Direction.EGRESS, false, validity);
        List<CiliumPeerRule> egressDeny = peerRules(r, "egressDeny", Direction.EGRESS, true, validity);
        if (ingress.isEmpty() && ingressDeny.isEmpty() && egress.isEmpty() && egressDeny.isEmpty()) {
            validity.error(
                    ctx,
                    r.node(),
                    r.path()
                            + ": a rule needs at least one of ingress, ingressDeny, egress, egressDeny (an empty list"
                            + " counts as none); Cilium rejects the policy");
        }
        YamlMap defaultDeny = r.mapOrEmpty("enableDefaultDeny");
        unknownFields(defaultDeny, Set.of("ingress", "egress"));
        return new CiliumRule(
                specIndex,
                endpoints,
                nodes,
                ingress,
                ingressDeny,
                egress,
                egressDeny,
                defaultDeny.bool("ingress"),
                defaultDeny.bool("egress"),
                r.source());
    }

    private static List<CiliumPeerRule> peerRules(
            YamlMap r, String key, Direction direction, boolean deny, Validity validity) {
        List<CiliumPeerRule> out = new ArrayList<>();
        List<YamlMap> items = r.maps(key);
        for (int i = 0; i < items.size(); i++) {
            out.add(peerRule(items.get(i), direction, deny, i, validity));
        }
        return out;
    }

    private static CiliumPeerRule peerRule(YamlMap m, Direction direction, boolean deny, int index, Validity validity) {
        ReadContext ctx = m.ctx();
        boolean ingress = direction == Direction.INGRESS;
        Set<String> fields = new HashSet<>(ingress ? INGRESS_FIELDS : EGRESS_FIELDS);
        if (deny) {
            fields.remove("authentication");
            fields.remove("toFQDNs");
        }
        unknownFields(m, fields);
        String p = ingress ? "from" : "to";
        String requires = p + "Requires";
        if (!m.list(requires).isEmpty()) {
            validity.error(
                    ctx,
                    m.nodeOr(requires),
                    m.child(requires) + ": deprecated and no longer allowed (the CRD allows 0 items)");
        }
        List<String> present = new ArrayList<>();
        List<CiliumPeers> peers = new ArrayList<>();
        if (m.has(p + "Endpoints")) {
            present.add(p + "Endpoints");
            peers.add(new CiliumPeers.Endpoints(
                    m.maps(p + "Endpoints").stream().map(Labels::ciliumSelector).toList()));
        }
        if (m.has(p + "Nodes")) {
            present.add(p + "Nodes");
            peers.add(new CiliumPeers.Nodes(
                    m.maps(p + "Nodes").stream().map(Labels::ciliumSelector).toList()));
        }
        if (m.has(p + "Entities")) {
            present.add(p + "Entities");
            peers.add(new CiliumPeers.Entities(entities(m, p + "Entities", validity)));
        }
        boolean cidr = m.has(p + "CIDR");
        boolean cidrSet = m.has(p + "CIDRSet");
        if (cidr || cidrSet) {
            // CIDR and CIDRSet may be combined: both are CIDR selectors
            if (cidr) {
                present.add(p + "CIDR");
            }
            if (cidrSet) {
                present.add(p + "CIDRSet");
            }
            List<CiliumPeers.CidrRule> rules = new ArrayList<>();
            List<Node> nodes = m.list(p + "CIDR");
            List<String> texts = m.strings(p + "CIDR");
            for (int i = 0; i < texts.size() && i < nodes.size(); i++) {
                Optional<CidrParser.Parsed> parsed =
                        NetworkPolicyReader.cidr(m, p + "CIDR[" + i + "]", texts.get(i), nodes.get(i));
                if (parsed.isPresent()) {
                    rules.add(new CiliumPeers.CidrRule(
                            Optional.of(new IpBlock(parsed.get().cidr(), List.of())),
                            "",
                            Optional.empty(),
                            List.of(),
                            ctx.at(nodes.get(i))));
                } else {
                    validity.valid = false;
                }
            }
            for (YamlMap c : m.maps(p + "CIDRSet")) {
                cidrRule(c, validity).ifPresent(rules::add);
            }
            peers.add(new CiliumPeers.Cidrs(rules));
        }
        if (m.has(p + "Groups")) {
            present.add(p + "Groups");
            peers.add(new CiliumPeers.CloudGroups(m.list(p + "Groups").size()));
        }
        if (!ingress && m.has("toServices")) {
            present.add("toServices");
            peers.add(new CiliumPeers.Services(m.maps("toServices").stream()
                    .map(s -> service(s, validity))
                    .flatMap(Optional::stream)
                    .toList()));
        }
        if (!ingress && !deny && m.has("toFQDNs")) {
            present.add("toFQDNs");
            List<String> names = new ArrayList<>();
            for (YamlMap f : m.maps("toFQDNs")) {
                unknownFields(f, Set.of("matchName", "matchPattern"));
                Optional<String> name = f.string("matchName").or(() -> f.string("matchPattern"));
                if (name.isEmpty()) {
                    validity.error(ctx, f.node(), f.path() + ": needs matchName or matchPattern");
                } else {
                    names.add(name.get());
                }
            }
            peers.add(new CiliumPeers.Fqdns(names));
        }
        // Cilium counts the items of each L3 field (rule_validation.go IngressCommonRule/EgressCommonRule sanitize):
        // two non-empty fields in one rule are rejected, fromCIDR with fromCIDRSet too; an empty list is no field there
        List<String> kinds = present.stream().filter(k -> !emptyList(m, k)).toList();
        if (kinds.size() > 1) {
            validity.error(
                    ctx,
                    m.node(),
                    m.path() + ": combining " + String.join(" and ", kinds)
                            + " in one rule is not supported by Cilium; write one rule for each");
        }
        // but an empty list of any L3 field makes the rule select nothing (parserules.go mergeEndpointSelectors)
        Set<String> emptySelectsNothing =
                Set.of(p + "Endpoints", p + "Nodes", p + "Entities", p + "CIDR", p + "CIDRSet");
        Optional<CiliumPeers> emptyList = present.stream()
                .filter(k -> emptySelectsNothing.contains(k) && emptyList(m, k))
                .findFirst()
                .map(k -> new CiliumPeers.Endpoints(List.of()));
        CiliumPeers l3 = emptyList.orElse(peers.isEmpty() ? new CiliumPeers.Unspecified() : peers.get(0));
        boolean icmps = m.has("icmps");
        List<CiliumPortRule> ports = new ArrayList<>();
        for (YamlMap pr : m.maps("toPorts")) {
            ports.add(portRule(pr, ingress, deny, validity));
        }
        if (icmps && !ports.isEmpty()) {
            validity.error(
                    ctx,
                    m.nodeOr("icmps"),
                    m.path() + ": icmps cannot be combined with toPorts in one rule; write a separate rule");
        }
        return new CiliumPeerRule(direction, deny, index, l3, ports, icmps, m.source());
    }

    /** {@code key: []}: present, with no item (null is absent, as in Go). */
    private static boolean emptyList(YamlMap m, String key) {
        return m.raw(key) instanceof SequenceNode s && s.getValue().isEmpty();
    }

    private static List<CiliumEntity> entities(YamlMap m, String key, Validity validity) {
        List<CiliumEntity> out = new ArrayList<>();
        List<Node> nodes = m.list(key);
        List<String> texts = m.strings(key);
        for (int i = 0; i < texts.size() && i < nodes.size(); i++) {
            Optional<CiliumEntity> e = CiliumEntity.fromWire(texts.get(i));
            if (e.isEmpty()) {
                validity.error(
                        m.ctx(),
                        nodes.get(i),
                        m.child(key) + "[" + i + "]: unsupported entity \""
                                + texts.get(i) + "\"; use one of "
                                + Arrays.stream(CiliumEntity.values())
                                        .map(CiliumEntity::wireName)
                                        .toList());
            } else {
                out.add(e.get());
            }
        }
        return out;
    }

    private static Optional<CiliumPeers.CidrRule> cidrRule(YamlMap c, Validity validity) {
        ReadContext ctx = c.ctx();
        unknownFields(c, CIDR_RULE_FIELDS);
        int given = (c.has("cidr") ? 1 : 0) + (c.has("cidrGroupRef") ? 1 : 0) + (c.has("cidrGroupSelector") ? 1 : 0);
        if (given != 1) {
            validity.error(
                    ctx,
                    c.node(),
                    c.path() + ": exactly one of cidr, cidrGroupRef or cidrGroupSelector is" + " required");
            return Optional.empty();
        }
        if (c.has("cidrGroupRef") || c.has("cidrGroupSelector")) {
            // except applies to the group's CIDRs
            List<Cidr> except = new ArrayList<>();
            List<Node> nodes = c.list("except");
            List<String> texts = c.strings("except");
            for (int i = 0; i < texts.size() && i < nodes.size(); i++) {
                NetworkPolicyReader.cidr(c, "except[" + i + "]", texts.get(i), nodes.get(i))
                        .ifPresent(p -> except.add(p.cidr()));
            }
            return Optional.of(new CiliumPeers.CidrRule(
                    Optional.empty(),
                    c.string("cidrGroupRef").orElse(""),
                    c.map("cidrGroupSelector").map(Labels::selector),
                    except,
                    c.source()));
        }
        Optional<IpBlock> block = NetworkPolicyReader.ipBlock(c);
        if (block.isEmpty()) {
            validity.valid = false;
        }
        return block.map(b -> new CiliumPeers.CidrRule(Optional.of(b), "", Optional.empty(), List.of(), c.source()));
    }

    private static Optional<CiliumPeers.ServiceRef> service(YamlMap s, Validity validity) {
        unknownFields(s, Set.of("k8sService", "k8sServiceSelector"));
        Optional<YamlMap> byName = s.map("k8sService");
        if (byName.isPresent()) {
            unknownFields(byName.get(), Set.of("serviceName", "namespace"));
            Optional<String> name = byName.get().string("serviceName");
            if (name.isEmpty()) {
                validity.error(s.ctx(), byName.get().node(), byName.get().path() + ": serviceName is missing");
                return Optional.empty();
            }
            return Optional.of(new CiliumPeers.ServiceRef(
                    name.get(),
                    Optional.empty(),
                    byName.get().string("namespace").orElse(""),
                    s.source()));
        }
        Optional<YamlMap> bySelector = s.map("k8sServiceSelector");
        if (bySelector.isPresent()) {
            unknownFields(bySelector.get(), Set.of("selector", "namespace"));
            Optional<Selector> selector = bySelector.get().map("selector").map(Labels::ciliumSelector);
            if (selector.isEmpty()) {
                validity.error(
                        s.ctx(), bySelector.get().node(), bySelector.get().path() + ": selector is missing");
                return Optional.empty();
            }
            return Optional.of(new CiliumPeers.ServiceRef(
                    "", selector, bySelector.get().string("namespace").orElse(""), s.source()));
        }
        validity.error(s.ctx(), s.node(), s.path() + ": needs k8sService or k8sServiceSelector");
        return Optional.empty();
    }

    private static CiliumPortRule portRule(YamlMap pr, boolean ingress, boolean deny, Validity validity) {
        ReadContext ctx = pr.ctx();
        unknownFields(pr, deny ? Set.of("ports") : PORT_RULE_FIELDS);
        Optional<CiliumPortRule.L7> l7 = Optional.empty();
        Optional<YamlMap> rules = pr.map("rules");
        if (rules.isPresent() && !deny) {
            YamlMap r = rules.get();
            for (Map.Entry<ScalarNode, Node> e : r.entries()) {
                String k = e.getKey().getValue();
                if (k.equals("kafka") || k.equals("l7proto") || k.equals("l7")) {
                    // Removed from cilium.io/v2 in this Cilium line: the API server prunes it
                    ctx.warning(
                            e.getKey(),
                            r.child(k) + ": " + k + " rules are not part of cilium.io/v2 in the"
                                    + " pinned Cilium version; the API server drops them and the port is allowed at L4");
                } else if (!k.equals("http") && !k.equals("dns")) {
                    ctx.warning(e.getKey(), r.child(k) + ": unknown field (the API server drops it)");
                }
            }
            boolean http = !r.list("http").isEmpty();
            boolean dns = !r.list("dns").isEmpty();
            if (http && dns) {
                validity.error(ctx, r.node(), r.path() + ": multiple L7 protocol rule types in one rule");
            }
            if (dns && ingress) {
                validity.error(ctx, r.nodeOr("dns"), r.child("dns") + ": DNS rules are not allowed on ingress");
            }
            l7 = http ? Optional.of(CiliumPortRule.L7.HTTP) : dns ? Optional.of(CiliumPortRule.L7.DNS) : l7;
        }
        // Rules.IsEmpty in Cilium: no http and no dns item; only non-empty rules restrict ports and protocols below
        boolean l7Rules = l7.isPresent();
        boolean dnsRules = l7.isPresent() && l7.get() == CiliumPortRule.L7.DNS;
        if (!deny) {
            // the checks of PortRule.sanitize (rule_validation.go) on TLS and listeners
            List<String> serverNames = pr.strings("serverNames");
            if (!serverNames.isEmpty() && l7Rules && !pr.has("terminatingTLS")) {
                validity.error(
                        ctx,
                        pr.nodeOr("serverNames"),
                        pr.child("serverNames")
                                + ": ServerNames are not allowed with L7 rules without TLS termination");
            }
            if (serverNames.contains("")) {
                validity.error(ctx, pr.nodeOr("serverNames"), pr.child("serverNames") + ": empty server name");
            }
            if (pr.has("listener") && ingress) {
                validity.error(
                        ctx, pr.nodeOr("listener"), pr.child("listener") + ": a listener is not allowed on ingress");
            }
            if (pr.has("listener") && l7Rules) {
                validity.error(
                        ctx, pr.nodeOr("listener"), pr.child("listener") + ": a listener is not allowed with L7 rules");
            }
        }
        if (l7.isEmpty() && !deny && (pr.has("serverNames") || pr.has("terminatingTLS") || pr.has("originatingTLS"))) {
            l7 = Optional.of(CiliumPortRule.L7.TLS);
        }
        if (l7.isEmpty() && !deny && pr.has("listener")) {
            l7 = Optional.of(CiliumPortRule.L7.LISTENER);
        }
        List<CiliumPort> ports = new ArrayList<>();
        List<YamlMap> items = pr.maps("ports");
        if (items.size() > 40) {
            validity.error(ctx, pr.nodeOr("ports"), pr.child("ports") + ": too many ports, the max is 40");
        }
        for (YamlMap p : items) {
            port(p, l7Rules, dnsRules, validity).ifPresent(ports::add);
        }
        if (l7.isPresent() && l7.get() == CiliumPortRule.L7.DNS && items.isEmpty()) {
            validity.error(ctx, pr.node(), pr.path() + ": port 53 must be specified for DNS rules");
        }
        return new CiliumPortRule(ports, l7, pr.source());
    }

    /**
     * One port of a {@code toPorts} entry. {@code l7Rules}: the entry has http or dns rules (TLS and listeners do not
     * count: Cilium allows them on port 0 and on any protocol); {@code dnsRules}: dns rules.
     */
    private static Optional<CiliumPort> port(YamlMap p, boolean l7Rules, boolean dnsRules, Validity validity) {
        ReadContext ctx = p.ctx();
        unknownFields(p, PORT_FIELDS);
        Optional<String> text = p.text("port");
        if (text.isEmpty() || text.get().isEmpty()) {
            validity.error(ctx, p.node(), p.path() + ": port must be specified (use \"0\" for every port)");
            return Optional.empty();
        }
        Optional<String> written = p.string("protocol").filter(w -> !w.isEmpty());
        if (written.isPresent() && !CRD_PROTOCOLS.contains(written.get())) {
            // the CRD's enum (pkg/policy/api/l4.go PortProtocol.Protocol) is case-sensitive and has no ICMP: the API
            // server rejects the object, so Cilium never enforces it
            String upper = written.get().toUpperCase(Locale.ROOT);
            validity.error(
                    ctx,
                    p.nodeOr("protocol"),
                    p.child("protocol") + ": \"" + YamlMap.abbreviate(written.get()) + "\" is not one of "
                            + String.join(", ", CRD_PROTOCOLS) + "; the API server rejects the policy"
                            + (upper.startsWith("ICMP")
                                    ? " (ICMP is matched with icmps, not toPorts)"
                                    : CRD_PROTOCOLS.contains(upper) ? " (write " + upper + ")" : ""));
            return Optional.empty();
        }
        String protoText = written.orElse("ANY").toUpperCase(Locale.ROOT);
        Optional<Protocol> protocol;
        if (protoText.equals("ANY") || protoText.isEmpty()) {
            protocol = Optional.empty();
        } else {
            protocol = Protocol.parse(protoText);
            if (protocol.isEmpty()) {
                if (CRD_PROTOCOLS.contains(protoText)) {
                    ctx.warning(
                            p.nodeOr("protocol"),
                            p.child("protocol") + ": " + protoText + " is not modelled by"
                                    + " netspec (only TCP, UDP and SCTP); this port entry is left out of the analysis");
                } else {
                    validity.error(
                            ctx,
                            p.nodeOr("protocol"),
                            p.child("protocol") + ": unknown protocol \""
                                    + p.string("protocol").orElse("") + "\"; use TCP, UDP, SCTP or ANY");
                }
                return Optional.empty();
            }
        }
        PortRef ref;
        String t = text.get();
        if (t.chars().allMatch(Character::isDigit)) {
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n > 65535) {
                validity.error(
                        ctx, p.nodeOr("port"), p.child("port") + ": unable to parse port \"" + t + "\" (0-65535)");
                return Optional.empty();
            }
            ref = n == 0 ? PortRef.ANY : PortRef.number((int) n);
        } else {
            Optional<String> problem = K8sSyntax.portNameProblem(t.toLowerCase(Locale.ROOT));
            if (problem.isPresent()) {
                validity.error(ctx, p.nodeOr("port"), p.child("port") + ": " + problem.get());
                return Optional.empty();
            }
            // Cilium lower-cases port names (IANA service names compare case-insensitively)
            ref = PortRef.named(t.toLowerCase(Locale.ROOT));
        }
        int endPort = 0;
        if (p.has("endPort")) {
            Optional<Long> end = p.integer("endPort");
            if (end.isEmpty() || end.get() < 0 || end.get() > 65535) {
                validity.error(ctx, p.nodeOr("endPort"), p.child("endPort") + ": endPort must be 0-65535");
                return Optional.empty();
            }
            endPort = end.get().intValue();
            if (!ref.isNamed() && endPort > 0 && endPort < ref.number()) {
                // Cilium reads a range whose end is below its start as the single start port
                ctx.warning(
                        p.nodeOr("endPort"),
                        p.child("endPort") + ": endPort " + endPort + " is below port " + ref.number()
                                + "; Cilium enforces port " + ref.number() + " only");
                endPort = 0;
            }
        }
        if (dnsRules && !ref.isNamed() && endPort > ref.number()) {
            validity.error(ctx, p.nodeOr("endPort"), p.child("endPort") + ": DNS rules do not support port ranges");
        }
        if (l7Rules && ref.isAny()) {
            validity.error(ctx, p.nodeOr("port"), p.child("port") + ": L7 rules can not be used when a port is 0");
        }
        if (l7Rules && !dnsRules && protocol.orElse(null) != Protocol.TCP) {
            validity.error(
                    ctx,
                    p.nodeOr("protocol"),
                    p.path() + ": L7 rules can only apply to TCP (not " + protoText + ") except for DNS rules");
        }
        return Optional.of(new CiliumPort(ref, endPort, protocol));
    }

    /** Warns about fields the CRD does not define: the API server drops them. */
    private static void unknownFields(YamlMap m, Set<String> known) {
        for (Map.Entry<ScalarNode, Node> e : m.entries()) {
            String k = e.getKey().getValue();
            if (!known.contains(k)) {
                m.ctx()
                        .warning(
                                e.getKey(),
                                m.child(k) + ": unknown field (the API server drops it; Cilium never" + " sees it)");
            }
        }
    }
}
