package io.netspec.engine.connectivity.calico;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.calico.CalicoAction;
import io.netspec.engine.model.calico.CalicoEntity;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoPort;
import io.netspec.engine.model.calico.CalicoRule;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A deliberately plain Calico evaluator for one packet at a time, written from the semantics in
 * the calico conformance README (felix's rule pipeline, the selector rewriting of
 * {@code updateprocessors/rules.go}, the Kubernetes NetworkPolicy conversion), sharing nothing
 * with the compiler but the parsed facts: the property test and the conformance test hold the real
 * analysis to it.
 */
public final class NaiveCalico {

    /** A pod as Calico sees it. {@code ips} empty: unknown (nets never match it). */
    public record Pod(
            String namespace,
            String name,
            Map<String, String> labels,
            String serviceAccount,
            List<Long> ips,
            List<ContainerPort> ports) {}

    /** One end of a packet: a pod, or an address outside the cluster. */
    public sealed interface End {}

    public record PodEnd(Pod pod) implements End {}

    public record Outside(long ip) implements End {}

    /** A packet: L4 with a destination port, ICMP type/code, or another protocol by number. */
    public sealed interface Packet {
        int protocol();
    }

    public record L4(Protocol proto, int port) implements Packet {
        @Override
        public int protocol() {
            return switch (proto) {
                case TCP -> 6;
                case UDP -> 17;
                case SCTP -> 132;
            };
        }
    }

    public record Icmp(int type, int code) implements Packet {
        @Override
        public int protocol() {
            return 1;
        }
    }

    public record Other(int number) implements Packet {
        @Override
        public int protocol() {
            return number;
        }
    }

    private enum Verdict {
        ALLOW,
        DENY,
        PASS,
        NONE
    }

    /** A policy as the pipeline runs it: Calico's own, or a Kubernetes NetworkPolicy converted. */
    private record Pol(String tier, double order, String sortKey, CalicoPolicyFact calico, PolicyFact k8s) {}

    private final Cluster cluster;
    private final List<CalicoTierFact> tiers = new ArrayList<>();
    private final List<Pol> policies = new ArrayList<>();
    private final Map<String, Map<String, String>> nsLabels = new HashMap<>();
    private final Map<String, Map<String, String>> saLabels = new HashMap<>();

    public NaiveCalico(Cluster cluster) {
        this.cluster = cluster;
        tiers.addAll(cluster.calico().tiers());
        if (tiers.stream().noneMatch(t -> t.name().equals("default"))) {
            tiers.add(CalicoTierFact.implicitDefault());
        }
        for (CalicoPolicyFact p : cluster.calico().policies()) {
            if (p.hostOnly()) {
                continue;
            }
            if (tiers.stream().noneMatch(t -> t.name().equals(p.tier()))) {
                tiers.add(new CalicoTierFact(p.tier(), OptionalDouble.empty(), false, p.source()));
            }
            policies.add(new Pol(
                    p.tier(),
                    p.order().orElse(Double.POSITIVE_INFINITY),
                    p.name() + "/" + p.namespace() + "/" + p.kind(),
                    p,
                    null));
        }
        for (PolicyFact p : cluster.policies()) {
            policies.add(
                    new Pol("default", 1000, p.name() + "/" + p.namespace() + "/KubernetesNetworkPolicy", null, p));
        }
        tiers.sort(Comparator.comparingDouble((CalicoTierFact t) -> t.order().orElse(Double.POSITIVE_INFINITY))
                .thenComparing(CalicoTierFact::name));
        policies.sort(Comparator.comparingDouble(Pol::order).thenComparing(Pol::sortKey));
        for (NamespaceFact ns : cluster.namespaces()) {
            Map<String, String> l = new HashMap<>(ns.labels());
            l.put("projectcalico.org/name", ns.name());
            nsLabels.put(ns.name(), l);
        }
        for (ServiceAccountFact sa : cluster.calico().serviceAccounts()) {
            Map<String, String> l = new HashMap<>(sa.labels());
            l.put("projectcalico.org/name", sa.name());
            saLabels.put(sa.namespace() + "/" + sa.name(), l);
        }
    }

    public boolean allowed(End src, End dst, Packet packet) {
        boolean egress = !(src instanceof PodEnd s) || side(s.pod(), Direction.EGRESS, dst, packet);
        boolean ingress = !(dst instanceof PodEnd d) || side(d.pod(), Direction.INGRESS, src, packet);
        return egress && ingress;
    }

    private boolean side(Pod subject, Direction dir, End other, Packet packet) {
        for (CalicoTierFact tier : tiers) {
            boolean used = false;
            Verdict verdict = Verdict.NONE;
            for (Pol p : policies) {
                if (!p.tier().equals(tier.name()) || !applies(p, subject, dir)) {
                    continue;
                }
                used = true;
                verdict = p.calico() != null
                        ? runCalico(p.calico(), subject, dir, other, packet)
                        : runK8s(p.k8s(), subject, dir, other, packet);
                if (verdict != Verdict.NONE) {
                    break;
                }
            }
            if (!used) {
                continue;
            }
            switch (verdict) {
                case ALLOW:
                    return true;
                case DENY:
                    return false;
                case PASS:
                    continue;
                default:
                    if (!tier.passByDefault()) {
                        return false;
                    }
            }
        }
        return true; // the namespace profile allows everything
    }

    private boolean applies(Pol p, Pod pod, Direction dir) {
        if (p.k8s() != null) {
            return p.k8s().isolates(dir)
                    && p.k8s().namespace().equals(pod.namespace())
                    && p.k8s().podSelector().matches(pod.labels());
        }
        CalicoPolicyFact c = p.calico();
        if (!c.applies(dir)) {
            return false;
        }
        if (!c.namespace().isEmpty() && !c.namespace().equals(pod.namespace())) {
            return false;
        }
        if (c.namespaceSelector().isPresent() && !c.namespaceSelector().get().matchesNamespace(ns(pod))) {
            return false;
        }
        if (c.serviceAccountSelector().isPresent()
                && !c.serviceAccountSelector().get().matches(sa(pod))) {
            return false;
        }
        return c.selector().matches(endpointLabels(pod));
    }

    private Verdict runCalico(CalicoPolicyFact p, Pod subject, Direction dir, End other, Packet packet) {
        for (CalicoRule r : p.rules(dir)) {
            End src = dir == Direction.INGRESS ? other : new PodEnd(subject);
            End dst = dir == Direction.INGRESS ? new PodEnd(subject) : other;
            if (!ruleMatches(p, r, src, dst, packet)) {
                continue;
            }
            if (r.action() == CalicoAction.LOG) {
                continue;
            }
            return r.action() == CalicoAction.ALLOW
                    ? Verdict.ALLOW
                    : r.action() == CalicoAction.DENY ? Verdict.DENY : Verdict.PASS;
        }
        return Verdict.NONE;
    }

    private boolean ruleMatches(CalicoPolicyFact p, CalicoRule r, End src, End dst, Packet packet) {
        if (r.ipv6Only()) {
            return false;
        }
        if (r.protocol().isPresent() && r.protocol().get().number() != packet.protocol()) {
            return false;
        }
        if (r.notProtocol().isPresent() && r.notProtocol().get().number() == packet.protocol()) {
            return false;
        }
        if (r.icmp().isPresent()) {
            if (!(packet instanceof Icmp i)) {
                return false;
            }
            if (r.icmp().get().type().isPresent() && r.icmp().get().type().getAsInt() != i.type()
                    || r.icmp().get().code().isPresent()
                            && r.icmp().get().code().getAsInt() != i.code()) {
                return false;
            }
        }
        if (r.notIcmp().isPresent() && packet instanceof Icmp i) {
            boolean typeHit = r.notIcmp().get().type().isEmpty()
                    || r.notIcmp().get().type().getAsInt() == i.type();
            boolean codeHit = r.notIcmp().get().code().isEmpty()
                    || r.notIcmp().get().code().getAsInt() == i.code();
            if (typeHit && codeHit) {
                return false;
            }
        }
        return entityMatches(p, r.source(), src, null) && entityMatches(p, r.destination(), dst, packet);
    }

    /** {@code packet} null: the source side, whose ports netspec does not know (source ports are not probed). */
    private boolean entityMatches(CalicoPolicyFact p, CalicoEntity e, End end, Packet packet) {
        Pod pod = end instanceof PodEnd pe ? pe.pod() : null;
        // The positive selector as rules.go builds it: namespace part, then service accounts and selector.
        boolean namespaced = !p.namespace().isEmpty();
        boolean needsEndpoint = e.selector().isPresent()
                || e.namespaceSelector().isPresent()
                || e.serviceAccountSelector().isPresent()
                || !e.serviceAccountNames().isEmpty()
                || namespaced && e.notSelector().isPresent();
        if (needsEndpoint) {
            if (pod == null) {
                return false;
            }
            if (e.namespaceSelector().isPresent()) {
                if (!e.namespaceSelector().get().matchesNamespace(ns(pod))) {
                    return false;
                }
            } else if (namespaced && !pod.namespace().equals(p.namespace())) {
                return false;
            }
            if (e.serviceAccountSelector().isPresent()
                    && !e.serviceAccountSelector().get().matches(sa(pod))) {
                return false;
            }
            if (!e.serviceAccountNames().isEmpty() && !e.serviceAccountNames().contains(pod.serviceAccount())) {
                return false;
            }
            if (e.selector().isPresent() && !e.selector().get().matches(endpointLabels(pod))) {
                return false;
            }
        }
        if (e.notSelector().isPresent() && pod != null && e.notSelector().get().matches(endpointLabels(pod))) {
            return false;
        }
        if (e.services().isPresent()) {
            return false;
        }
        List<Long> ips = pod != null ? pod.ips() : List.of(((Outside) end).ip());
        if (!e.nets().isEmpty()
                && ips.stream().noneMatch(ip -> e.nets().stream().anyMatch(c -> c.containsAddress(ip)))) {
            return false;
        }
        if (!e.notNets().isEmpty()
                && ips.stream().anyMatch(ip -> e.notNets().stream().anyMatch(c -> c.containsAddress(ip)))) {
            return false;
        }
        if (packet == null) {
            return e.ports().isEmpty() && e.notPorts().isEmpty();
        }
        if (!e.ports().isEmpty() && e.ports().stream().noneMatch(port -> portMatches(port, pod, packet))) {
            return false;
        }
        return e.notPorts().stream().noneMatch(port -> portMatches(port, pod, packet));
    }

    private static boolean portMatches(CalicoPort port, Pod pod, Packet packet) {
        if (!(packet instanceof L4 l4)) {
            return false;
        }
        if (!port.isNamed()) {
            return port.from() <= l4.port() && l4.port() <= port.to();
        }
        return pod != null
                && pod.ports().stream()
                        .anyMatch(c ->
                                c.name().equals(port.name()) && c.protocol() == l4.proto() && c.port() == l4.port());
    }

    /** A Kubernetes NetworkPolicy as Calico converts it: Allow rules, ipBlocks as nets (pod IPs match). */
    private Verdict runK8s(PolicyFact p, Pod subject, Direction dir, End other, Packet packet) {
        for (PolicyRule r : p.rules(dir)) {
            boolean peer = r.allPeers() || r.peers().stream().anyMatch(x -> k8sPeer(p, x, other));
            Pod portOwner = dir == Direction.INGRESS ? subject : other instanceof PodEnd pe ? pe.pod() : null;
            boolean ports = r.allPorts() || r.ports().stream().anyMatch(x -> k8sPort(x, portOwner, packet));
            if (peer && ports) {
                return Verdict.ALLOW;
            }
        }
        return Verdict.NONE;
    }

    private boolean k8sPeer(PolicyFact p, PolicyPeer peer, End other) {
        if (peer.ipBlock().isPresent()) {
            IpBlock b = peer.ipBlock().get();
            List<Long> ips = other instanceof PodEnd pe ? pe.pod().ips() : List.of(((Outside) other).ip());
            return ips.stream()
                    .anyMatch(ip -> b.cidr().containsAddress(ip)
                            && b.except().stream().noneMatch((Cidr c) -> c.containsAddress(ip)));
        }
        if (!(other instanceof PodEnd pe)) {
            return false;
        }
        Pod pod = pe.pod();
        if (peer.namespaceSelector().isPresent()) {
            if (!peer.namespaceSelector()
                    .get()
                    .matches(cluster.namespace(pod.namespace())
                            .map(NamespaceFact::labels)
                            .orElse(Map.of()))) {
                return false;
            }
        } else if (!pod.namespace().equals(p.namespace())) {
            return false;
        }
        return peer.podSelector().map(s -> s.matches(pod.labels())).orElse(true);
    }

    private static boolean k8sPort(PolicyPort port, Pod owner, Packet packet) {
        if (!(packet instanceof L4 l4) || l4.proto() != port.protocol()) {
            return false;
        }
        if (port.port().isAny()) {
            return true;
        }
        if (port.port().isNamed()) {
            return owner != null
                    && owner.ports().stream()
                            .anyMatch(c -> c.name().equals(port.port().name())
                                    && c.protocol() == l4.proto()
                                    && c.port() == l4.port());
        }
        int to = port.endPort() > 0 ? port.endPort() : port.port().number();
        return port.port().number() <= l4.port() && l4.port() <= to;
    }

    private Map<String, String> ns(Pod pod) {
        return nsLabels.getOrDefault(pod.namespace(), Map.of("projectcalico.org/name", pod.namespace()));
    }

    private Map<String, String> sa(Pod pod) {
        return saLabels.getOrDefault(
                pod.namespace() + "/" + pod.serviceAccount(), Map.of("projectcalico.org/name", pod.serviceAccount()));
    }

    /** The labels felix gives a pod's endpoint: its own, Calico's, and its namespace's and service account's with prefixes. */
    private Map<String, String> endpointLabels(Pod pod) {
        Map<String, String> l = new HashMap<>();
        ns(pod).forEach((k, v) -> l.put("pcns." + k, v));
        sa(pod).forEach((k, v) -> l.put("pcsa." + k, v));
        l.putAll(pod.labels());
        l.put("projectcalico.org/namespace", pod.namespace());
        l.put("projectcalico.org/orchestrator", "k8s");
        l.put("projectcalico.org/serviceaccount", pod.serviceAccount());
        return l;
    }
}
