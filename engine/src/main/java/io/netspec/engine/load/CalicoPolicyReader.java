package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.calico.CalicoAction;
import io.netspec.engine.model.calico.CalicoEntity;
import io.netspec.engine.model.calico.CalicoKind;
import io.netspec.engine.model.calico.CalicoNetworkSetFact;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoPort;
import io.netspec.engine.model.calico.CalicoProtocol;
import io.netspec.engine.model.calico.CalicoRule;
import io.netspec.engine.model.calico.CalicoSelector;
import io.netspec.engine.model.calico.CalicoSelectorParser;
import io.netspec.engine.model.calico.CalicoSelectorSyntaxException;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.IcmpMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Calico's NetworkPolicy, GlobalNetworkPolicy, their Staged forms and Tier, in the
 * {@code projectcalico.org/v3} form and the {@code crd.projectcalico.org/v1} form that
 * {@code kubectl get -o yaml} of the CRDs gives (same spec fields). Validated as Calico's validator
 * ({@code libcalico-go/lib/validator/v3}) validates them; bad fields are errors at their line.
 */
final class CalicoPolicyReader {

    /** Calico's protocol names (numorstring.Protocol), case-insensitive as its validator accepts them. */
    private static final Map<String, Integer> PROTOCOL_NAMES = Map.of(
            "tcp",
            CalicoProtocol.TCP,
            "udp",
            CalicoProtocol.UDP,
            "icmp",
            CalicoProtocol.ICMP,
            "icmpv6",
            CalicoProtocol.ICMPV6,
            "sctp",
            CalicoProtocol.SCTP,
            "udplite",
            CalicoProtocol.UDPLITE);

    private CalicoPolicyReader() {}

    /** The API groups of Calico's policy objects. */
    static boolean isCalicoGroup(String group) {
        return group.equals("projectcalico.org") || group.equals("crd.projectcalico.org");
    }

    static Optional<CalicoKind> kind(String kind) {
        for (CalicoKind k : CalicoKind.values()) {
            if (k.kind().equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static CalicoTierFact readTier(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        OptionalDouble order = order(spec);
        boolean pass = false;
        Optional<String> action = spec.string("defaultAction");
        if (action.isPresent()) {
            Optional<CalicoAction> a = CalicoAction.parse(action.get());
            if (a.isEmpty() || a.get() == CalicoAction.ALLOW || a.get() == CalicoAction.LOG) {
                ctx.error(
                        spec.nodeOr("defaultAction"),
                        spec.child("defaultAction") + ": \"" + action.get()
                                + "\" is not a tier default action; use Deny or Pass");
            } else {
                pass = a.get() == CalicoAction.PASS;
            }
        }
        if (meta.name().equals(CalicoPolicyFact.DEFAULT_TIER)
                && order.isPresent()
                && order.getAsDouble() != CalicoTierFact.DEFAULT_TIER_ORDER) {
            ctx.warning(
                    spec.nodeOr("order"),
                    spec.child("order") + ": Calico fixes the default tier's order at "
                            + (long) CalicoTierFact.DEFAULT_TIER_ORDER + "; read as that");
            order = OptionalDouble.of(CalicoTierFact.DEFAULT_TIER_ORDER);
        }
        if (meta.name().equals(CalicoPolicyFact.DEFAULT_TIER) && order.isEmpty()) {
            order = OptionalDouble.of(CalicoTierFact.DEFAULT_TIER_ORDER);
        }
        return new CalicoTierFact(meta.name(), order, pass, object.source());
    }

    static CalicoPolicyFact readPolicy(YamlMap object, ObjectMeta meta, CalicoKind kind, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        String tier = spec.string("tier").filter(t -> !t.isEmpty()).orElse(CalicoPolicyFact.DEFAULT_TIER);
        CalicoSelector selector = selector(spec, "selector").orElse(CalicoSelector.ALL);
        OptionalDouble order = order(spec);
        Optional<CalicoSelector> namespaceSelector = Optional.empty();
        if (spec.has("namespaceSelector")) {
            if (kind.global()) {
                namespaceSelector = selector(spec, "namespaceSelector");
            } else {
                ctx.error(
                        spec.nodeOr("namespaceSelector"),
                        spec.child("namespaceSelector")
                                + ": only a GlobalNetworkPolicy has a namespaceSelector; a NetworkPolicy applies in its own namespace");
            }
        }
        Optional<CalicoSelector> saSelector = selector(spec, "serviceAccountSelector");
        List<CalicoRule> ingress = rules(spec, Direction.INGRESS);
        List<CalicoRule> egress = rules(spec, Direction.EGRESS);
        boolean ingressType;
        boolean egressType;
        List<String> types = spec.strings("types");
        if (types.isEmpty()) {
            // Calico's defaulting (api/pkg/apis/projectcalico/v3/networkpolicy.go): Ingress unless the policy
            // has egress rules only; Egress when it has egress rules.
            ingressType = !ingress.isEmpty() || egress.isEmpty();
            egressType = !egress.isEmpty();
        } else {
            ingressType = false;
            egressType = false;
            List<Node> nodes = spec.list("types");
            for (int i = 0; i < types.size(); i++) {
                switch (types.get(i)) {
                    case "Ingress" -> ingressType = true;
                    case "Egress" -> egressType = true;
                    default ->
                        ctx.error(
                                i < nodes.size() ? nodes.get(i) : spec.node(),
                                spec.child("types") + "[" + i + "]: unknown policy type \"" + types.get(i)
                                        + "\"; use Ingress or Egress");
                }
            }
        }
        if (!ingress.isEmpty() && !ingressType) {
            ctx.warning(
                    spec.nodeOr("ingress"),
                    spec.child("ingress") + ": types does not list Ingress, so Calico"
                            + " ignores these ingress rules");
        }
        if (!egress.isEmpty() && !egressType) {
            ctx.warning(
                    spec.nodeOr("egress"),
                    spec.child("egress") + ": types does not list Egress, so Calico" + " ignores these egress rules");
        }
        boolean hostOnly = false;
        for (String hostField : List.of("doNotTrack", "preDNAT", "applyOnForward")) {
            if (spec.bool(hostField).orElse(false)) {
                hostOnly = true;
                ctx.warning(
                        spec.nodeOr(hostField),
                        spec.child(hostField) + ": policy for host endpoints, which netspec"
                                + " does not model; this policy is left out of pod connectivity");
            }
        }
        return new CalicoPolicyFact(
                kind,
                kind.global() ? "" : meta.namespace(),
                meta.name(),
                tier,
                order,
                selector,
                namespaceSelector,
                saSelector,
                ingressType,
                egressType,
                ingress,
                egress,
                hostOnly,
                meta.annotations(),
                object.source());
    }

    /** {@code order}: a number (float in Calico); absent means after every policy with an order. */
    private static OptionalDouble order(YamlMap spec) {
        Node n = spec.raw("order");
        if (Scalars.isNull(n)) {
            return OptionalDouble.empty();
        }
        if (n instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                double v = Double.parseDouble(s.getValue());
                if (Double.isFinite(v)) {
                    return OptionalDouble.of(v);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        spec.ctx().error(n, spec.child("order") + ": expected a number, found " + YamlMap.describe(n));
        return OptionalDouble.empty();
    }

    /** A selector field; a syntax error is reported at its line with the column inside the selector. */
    private static Optional<CalicoSelector> selector(YamlMap m, String key) {
        Optional<String> text = m.string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CalicoSelectorParser.parse(text.get()));
        } catch (CalicoSelectorSyntaxException e) {
            m.ctx()
                    .error(
                            m.nodeOr(key),
                            m.child(key) + ": invalid selector \"" + YamlMap.abbreviate(text.get()) + "\": column "
                                    + e.column() + ": " + e.reason());
            return Optional.empty();
        }
    }

    private static List<CalicoRule> rules(YamlMap spec, Direction direction) {
        String key = direction == Direction.INGRESS ? "ingress" : "egress";
        List<CalicoRule> out = new ArrayList<>();
        List<YamlMap> items = spec.maps(key);
        for (int i = 0; i < items.size(); i++) {
            rule(items.get(i), direction, i).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<CalicoRule> rule(YamlMap r, Direction direction, int index) {
        ReadContext ctx = r.ctx();
        Optional<String> actionText = r.string("action");
        if (actionText.isEmpty()) {
            ctx.error(r.node(), r.path() + ": action is missing; use Allow, Deny, Pass or Log");
            return Optional.empty();
        }
        Optional<CalicoAction> action = CalicoAction.parse(actionText.get());
        if (action.isEmpty()) {
            ctx.error(
                    r.nodeOr("action"),
                    r.child("action") + ": unknown action \"" + actionText.get() + "\"; use Allow, Deny, Pass or Log");
            return Optional.empty();
        }
        boolean ok = true;
        Optional<CalicoProtocol> protocol = Optional.empty();
        if (r.has("protocol")) {
            protocol = protocol(r, "protocol");
            ok &= protocol.isPresent();
        }
        Optional<CalicoProtocol> notProtocol = Optional.empty();
        if (r.has("notProtocol")) {
            notProtocol = protocol(r, "notProtocol");
            ok &= notProtocol.isPresent();
        }
        Optional<IcmpMatch> icmp = Optional.empty();
        Optional<IcmpMatch> notIcmp = Optional.empty();
        if (r.has("icmp")) {
            icmp = r.map("icmp").flatMap(CalicoPolicyReader::icmp);
            ok &= icmp.isPresent();
        }
        if (r.has("notICMP")) {
            notIcmp = r.map("notICMP").flatMap(CalicoPolicyReader::icmp);
            ok &= notIcmp.isPresent();
        }
        if ((icmp.isPresent() || notIcmp.isPresent())
                && !protocol.map(CalicoProtocol::isIcmp).orElse(false)) {
            ctx.error(
                    r.nodeOr(icmp.isPresent() ? "icmp" : "notICMP"),
                    r.path() + ": icmp and notICMP need protocol" + " ICMP or ICMPv6");
            ok = false;
        }
        boolean ipv6Only = false;
        if (r.has("ipVersion")) {
            Optional<Long> v = r.integer("ipVersion");
            if (v.isPresent() && v.get() != 4 && v.get() != 6) {
                ctx.error(r.nodeOr("ipVersion"), r.child("ipVersion") + ": " + v.get() + " is not 4 or 6");
                ok = false;
            }
            ipv6Only = v.orElse(4L) == 6;
            if (protocol.map(p -> p.number() == CalicoProtocol.ICMPV6).orElse(false) && v.orElse(6L) == 4
                    || protocol.map(p -> p.number() == CalicoProtocol.ICMP).orElse(false) && ipv6Only) {
                ctx.error(r.nodeOr("ipVersion"), r.child("ipVersion") + ": does not fit protocol " + protocol.get());
                ok = false;
            }
        }
        Optional<CalicoEntity> source = entity(r, "source", protocol);
        Optional<CalicoEntity> destination = entity(r, "destination", protocol);
        boolean http = r.has("http");
        if (http) {
            ctx.warning(
                    r.nodeOr("http"),
                    r.child("http") + ": application-layer (HTTP) matches are not evaluated;"
                            + " netspec reads the rule as if it had none, which may allow more than Calico does");
        }
        if (!ok || source.isEmpty() || destination.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CalicoRule(
                direction,
                index,
                action.get(),
                protocol,
                notProtocol,
                icmp,
                notIcmp,
                source.get(),
                destination.get(),
                ipv6Only,
                http,
                r.source()));
    }

    private static Optional<CalicoProtocol> protocol(YamlMap r, String key) {
        Node n = r.raw(key);
        if (n instanceof ScalarNode s) {
            String text = s.getValue().trim();
            Integer named = PROTOCOL_NAMES.get(text.toLowerCase(Locale.ROOT));
            if (named != null) {
                return Optional.of(new CalicoProtocol(named, text));
            }
            try {
                int number = Integer.parseInt(text);
                if (number >= 1 && number <= 255) {
                    return Optional.of(new CalicoProtocol(number, text));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        r.ctx()
                .error(
                        n,
                        r.child(key) + ": unknown protocol " + YamlMap.describe(n)
                                + "; use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255");
        return Optional.empty();
    }

    private static Optional<IcmpMatch> icmp(YamlMap m) {
        OptionalInt type = OptionalInt.empty();
        OptionalInt code = OptionalInt.empty();
        if (m.has("type")) {
            Optional<Long> t = m.integer("type");
            if (t.isEmpty()) {
                return Optional.empty();
            }
            if (t.get() < 0 || t.get() > 254) {
                m.ctx().error(m.nodeOr("type"), m.child("type") + ": ICMP type " + t.get() + " is outside 0-254");
                return Optional.empty();
            }
            type = OptionalInt.of(t.get().intValue());
        }
        if (m.has("code")) {
            Optional<Long> c = m.integer("code");
            if (c.isEmpty()) {
                return Optional.empty();
            }
            if (c.get() < 0 || c.get() > 255) {
                m.ctx().error(m.nodeOr("code"), m.child("code") + ": ICMP code " + c.get() + " is outside 0-255");
                return Optional.empty();
            }
            if (type.isEmpty()) {
                m.ctx().error(m.nodeOr("code"), m.child("code") + ": an ICMP code needs a type");
                return Optional.empty();
            }
            code = OptionalInt.of(c.get().intValue());
        }
        return Optional.of(new IcmpMatch(type, code));
    }

    private static Optional<CalicoEntity> entity(YamlMap rule, String key, Optional<CalicoProtocol> protocol) {
        if (!rule.has(key)) {
            return Optional.of(CalicoEntity.ANY);
        }
        Optional<YamlMap> m = rule.map(key);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        YamlMap e = m.get();
        ReadContext ctx = e.ctx();
        boolean ok = true;
        List<Cidr> nets = nets(e, "nets");
        List<Cidr> notNets = nets(e, "notNets");
        ok &= nets.size() == e.list("nets").size()
                && notNets.size() == e.list("notNets").size();
        for (int i = 0; i < notNets.size(); i++) {
            if (notNets.get(i).first() == 0
                    && notNets.get(i).last() == 0xFFFF_FFFFL
                    && !notNets.get(i).ipv6()) {
                ctx.error(
                        e.list("notNets").get(i),
                        e.child("notNets") + "[" + i + "]: Calico rejects a notNets"
                                + " that excludes every address (0.0.0.0/0)");
                ok = false;
            }
        }
        Optional<CalicoSelector> selector = selector(e, "selector");
        Optional<CalicoSelector> notSelector = selector(e, "notSelector");
        Optional<CalicoSelector> namespaceSelector = selector(e, "namespaceSelector");
        ok &= selector.isPresent() == e.has("selector")
                && notSelector.isPresent() == e.has("notSelector")
                && namespaceSelector.isPresent() == e.has("namespaceSelector");
        List<String> saNames = List.of();
        Optional<CalicoSelector> saSelector = Optional.empty();
        if (e.has("serviceAccounts")) {
            YamlMap sa = e.mapOrEmpty("serviceAccounts");
            saNames = sa.strings("names");
            saSelector = selector(sa, "selector");
            ok &= saSelector.isPresent() == sa.has("selector");
        }
        Optional<String> services = Optional.empty();
        if (e.has("services")) {
            YamlMap svc = e.mapOrEmpty("services");
            String name = svc.string("name").orElse("");
            String namespace = svc.string("namespace").orElse("");
            services = Optional.of((namespace.isEmpty() ? "" : namespace + "/") + name);
            ctx.warning(
                    e.nodeOr("services"),
                    e.child("services") + ": Calico matches the endpoints of Service " + services.get()
                            + "; netspec does not resolve services in Calico rules, so this entity matches nothing");
        }
        List<CalicoPort> ports = ports(e, "ports");
        List<CalicoPort> notPorts = ports(e, "notPorts");
        ok &= ports.size() == e.list("ports").size()
                && notPorts.size() == e.list("notPorts").size();
        boolean numeric =
                ports.stream().anyMatch(p -> !p.isNamed()) || notPorts.stream().anyMatch(p -> !p.isNamed());
        if (numeric && !protocol.map(CalicoProtocol::supportsPorts).orElse(false)) {
            // validateRule: numeric ports need a protocol that has ports; named ports alone do not.
            ctx.error(
                    e.nodeOr(ports.isEmpty() ? "notPorts" : "ports"),
                    e.path() + ": port numbers need protocol TCP," + " UDP or SCTP"
                            + protocol.map(p -> " (not " + p + ")").orElse(" (the rule has none)"));
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new CalicoEntity(
                nets,
                notNets,
                selector,
                notSelector,
                namespaceSelector,
                saNames,
                saSelector,
                ports,
                notPorts,
                services));
    }

    /** CIDRs or single addresses (Calico takes {@code 10.0.0.1} as {@code 10.0.0.1/32}). */
    private static List<Cidr> nets(YamlMap e, String key) {
        List<Cidr> out = new ArrayList<>();
        List<Node> nodes = e.list(key);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (!(n instanceof ScalarNode s) || Scalars.isNull(n)) {
                e.ctx().error(n, e.child(key) + "[" + i + "]: expected a CIDR, found " + YamlMap.describe(n));
                continue;
            }
            String text = s.getValue().trim();
            if (!text.contains("/")) {
                text = text + (text.contains(":") ? "/128" : "/32");
            }
            CidrParser.Parsed parsed = CidrParser.parse(text);
            if (!parsed.ok()) {
                e.ctx().error(n, e.child(key) + "[" + i + "]: " + parsed.error());
                continue;
            }
            if (parsed.hostBitsSet()) {
                e.ctx()
                        .warning(
                                n,
                                e.child(key) + "[" + i + "]: " + text + " has host bits set; Calico reads it as "
                                        + parsed.network());
            }
            out.add(parsed.cidr());
        }
        return out;
    }

    /**
     * A GlobalNetworkSet ({@code global}) or NetworkSet: its labels and {@code spec.nets}, CIDRs or single addresses
     * as Calico's update processors read them ({@code globalnetworksetprocessor.go}, {@code networksetprocessor.go}).
     */
    static CalicoNetworkSetFact readNetworkSet(YamlMap object, ObjectMeta meta, boolean global, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        for (Map.Entry<ScalarNode, Node> e : spec.entries()) {
            String key = e.getKey().getValue();
            if (key.equals("allowedEgressDomains")) {
                ctx.warning(
                        e.getKey(),
                        spec.child(key) + ": domain names (Calico Enterprise) are resolved by DNS at run time;"
                                + " netspec matches only the nets of this network set");
            } else if (!key.equals("nets")) {
                ctx.warning(e.getKey(), spec.child(key) + ": unknown field (the API server drops it)");
            }
        }
        return new CalicoNetworkSetFact(
                global ? "" : meta.namespace(), meta.name(), meta.labels(), nets(spec, "nets"), object.source());
    }

    /** Numbers, {@code "from:to"} ranges and port names (IANA service-name syntax). */
    private static List<CalicoPort> ports(YamlMap e, String key) {
        List<CalicoPort> out = new ArrayList<>();
        List<Node> nodes = e.list(key);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String field = e.child(key) + "[" + i + "]";
            if (!(n instanceof ScalarNode s) || Scalars.isNull(n)) {
                e.ctx().error(n, field + ": expected a port, range or port name, found " + YamlMap.describe(n));
                continue;
            }
            String text = s.getValue().trim();
            Optional<CalicoPort> p = port(text);
            if (p.isEmpty()) {
                e.ctx()
                        .error(
                                n,
                                field + ": \"" + YamlMap.abbreviate(text) + "\" is not a port (1-65535), a range"
                                        + " \"from:to\" or a port name");
                continue;
            }
            out.add(p.get());
        }
        return out;
    }

    static Optional<CalicoPort> port(String text) {
        if (text.matches("\\d{1,5}")) {
            int v = Integer.parseInt(text);
            return v >= 1 && v <= 65535 ? Optional.of(CalicoPort.range(v, v)) : Optional.empty();
        }
        if (text.matches("\\d{1,5}:\\d{1,5}")) {
            int colon = text.indexOf(':');
            int a = Integer.parseInt(text.substring(0, colon));
            int b = Integer.parseInt(text.substring(colon + 1));
            return a >= 1 && b <= 65535 && a <= b ? Optional.of(CalicoPort.range(a, b)) : Optional.empty();
        }
        return K8sSyntax.portNameProblem(text).isEmpty() ? Optional.of(CalicoPort.named(text)) : Optional.empty();
    }
}
