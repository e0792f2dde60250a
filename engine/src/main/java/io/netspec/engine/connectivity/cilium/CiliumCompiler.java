package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.connectivity.Ipv4;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.CiliumCidrGroupFact;
import io.netspec.engine.model.CiliumEntity;
import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumRule;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.KubeApiServerEndpointsFact;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NodeFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Compiles Cilium policies, and Kubernetes NetworkPolicies as Cilium reads them, into {@link CiliumEntry}s,
 * following the pinned Cilium version:
 * <ul>
 *   <li>selector scoping: {@code pkg/k8s/apis/cilium.io/utils/utils.go} ({@code ParseToCiliumRule},
 *       {@code getEndpointSelector});</li>
 *   <li>rules to entries, {@code []} vs absent: {@code pkg/policy/utils/parserules.go} and
 *       {@code pkg/policy/rule.go} {@code mergeL4Filter};</li>
 *   <li>NetworkPolicy: {@code pkg/k8s/network_policy.go} {@code ParseNetworkPolicy};</li>
 *   <li>entities: {@code pkg/policy/api/entity.go}; {@code toServices}: {@code pkg/policy/k8s/service.go}.</li>
 * </ul>
 * Invalid Cilium policies (which Cilium rejects whole) compile to nothing.
 */
public final class CiliumCompiler {

    /** Cilium's ANY: TCP, UDP and SCTP, not ICMP (pkg/policy/rule.go mergeL4Filter). */
    private static final Set<Protocol> ANY = EnumSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);

    private final Cluster cluster;

    private CiliumCompiler(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Every entry of the cluster's Cilium policies and NetworkPolicies, in input order. */
    public static List<CiliumEntry> compile(Cluster cluster) {
        CiliumCompiler c = new CiliumCompiler(cluster);
        List<CiliumEntry> out = new ArrayList<>();
        for (CiliumPolicyFact p : cluster.cilium().policies()) {
            if (p.valid()) {
                for (CiliumRule r : p.rules()) {
                    c.rule(p, r, out);
                }
            }
        }
        for (PolicyFact np : cluster.policies()) {
            c.networkPolicy(np, out);
        }
        return out;
    }

    // ------------------------------------------------------------------ Cilium policies

    private void rule(CiliumPolicyFact p, CiliumRule r, List<CiliumEntry> out) {
        if (r.endpointSelector().isEmpty()) {
            return; // a nodeSelector rule: host policy, its subject is a node, never a pod
        }
        CiliumSelector subject = CiliumSelector.of(r.endpointSelector().get());
        if (!p.clusterwide()) {
            // the endpointSelector only ever selects pods of the policy's namespace (a written namespace is overridden)
            subject = subject.withMatch(CiliumIdentity.NAMESPACE, p.namespace());
        }
        for (Direction d : Direction.values()) {
            boolean defaultDeny = r.defaultDeny(d);
            for (CiliumPeerRule pr : r.rules(d)) {
                CiliumEntry.Origin origin = new CiliumEntry.Origin(
                        p, (r.specIndex() < 0 ? "" : r.path() + " ") + pr.label(), pr.index(), pr.source());
                out.add(new CiliumEntry(origin, d, pr.deny(), defaultDeny, subject, peers(p, pr), ports(pr)));
            }
        }
    }

    private List<CiliumEntry.Peer> peers(CiliumPolicyFact p, CiliumPeerRule pr) {
        CiliumPeers l3 = pr.peers();
        List<CiliumEntry.Peer> out = new ArrayList<>();
        if (l3 instanceof CiliumPeers.Unspecified) {
            // an implicit wildcard only when the rule has L4 (toPorts or icmps); ingress: [{}] selects nothing
            if (!pr.toPorts().isEmpty() || pr.icmps()) {
                out.add(new CiliumEntry.Everything());
            }
        } else if (l3 instanceof CiliumPeers.Endpoints e) {
            e.selectors().forEach(s -> out.add(endpoint(p, s)));
        } else if (l3 instanceof CiliumPeers.Nodes n) {
            if (!n.selectors().isEmpty()) {
                out.add(new CiliumEntry.Undecided("nodes " + n.selectors()));
            }
        } else if (l3 instanceof CiliumPeers.Entities e) {
            e.entities().forEach(en -> entity(en, out));
        } else if (l3 instanceof CiliumPeers.Cidrs c) {
            c.rules().forEach(cr -> cidr(cr, out));
        } else if (l3 instanceof CiliumPeers.Services s) {
            s.services().forEach(ref -> service(p, ref, out));
        } else if (l3 instanceof CiliumPeers.Fqdns f) {
            if (!f.names().isEmpty()) {
                out.add(new CiliumEntry.Undecided("toFQDNs " + f.names() + " (resolved by DNS at run time)"));
            }
        } else if (l3 instanceof CiliumPeers.CloudGroups) {
            out.add(new CiliumEntry.Undecided("cloud provider groups"));
        }
        return out;
    }

    private CiliumEntry.Peer endpoint(CiliumPolicyFact p, Selector written) {
        Optional<String> reserved = CiliumSelector.reservedEntity(written);
        if (reserved.isPresent()) {
            Optional<CiliumEntity> e = CiliumEntity.fromWire(reserved.get());
            if (e.isPresent() && (e.get() == CiliumEntity.WORLD || e.get() == CiliumEntity.WORLD_IPV4)) {
                return new CiliumEntry.World();
            }
            return new CiliumEntry.Undecided("reserved:" + reserved.get());
        }
        CiliumSelector s = CiliumSelector.of(written);
        if (CiliumSelector.namesReserved(written)) {
            return new CiliumEntry.Pods(s); // reserved keys are left alone; as a pod selector it selects nothing
        }
        if (!s.hasKey(CiliumIdentity.NAMESPACE)) {
            if (p.clusterwide()) {
                s = s.withExists(CiliumIdentity.NAMESPACE); // only Cilium-managed pods, never a bare wildcard
            } else if (!s.hasKeyPrefix(CiliumIdentity.NAMESPACE_LABELS)) {
                s = s.withMatch(CiliumIdentity.NAMESPACE, p.namespace());
            }
        }
        return new CiliumEntry.Pods(clusterFilter(s));
    }

    private static CiliumSelector clusterFilter(CiliumSelector s) {
        return s.hasKey(CiliumIdentity.CLUSTER)
                ? s
                : s.withMatch(CiliumIdentity.CLUSTER, CiliumIdentity.DEFAULT_CLUSTER);
    }

    private void entity(CiliumEntity e, List<CiliumEntry.Peer> out) {
        switch (e) {
            case ALL -> out.add(new CiliumEntry.Everything());
            case WORLD, WORLD_IPV4 -> out.add(new CiliumEntry.World());
            case WORLD_IPV6, NONE -> {
                // IPv6 outside addresses are not modelled; none selects nothing
            }
            case CLUSTER, CLUSTER_MESH -> {
                // every pod and the local host; remote nodes, health and init identities are no endpoints of the model
                out.add(new CiliumEntry.Pods(CiliumSelector.of(Selector.ALL).withExists(CiliumIdentity.NAMESPACE)));
                out.add(new CiliumEntry.Host());
            }
            case HOST -> out.add(new CiliumEntry.Host());
            case KUBE_APISERVER -> kubeApiServer(out);
            default -> out.add(new CiliumEntry.Undecided("entity " + e));
        }
    }

    /**
     * The addresses of the {@code default/kubernetes} EndpointSlice or Endpoints: Cilium's watchers label each
     * with {@code reserved:kube-apiserver} in the ipcache. An address that nothing else in the cluster claims gets a
     * CIDR identity carrying that label (pkg/ipcache/metadata.go, injectLabels: kube-apiserver alone means outside
     * the cluster), so {@code world}, {@code all} and CIDR rules match it too. An address that is a node's joins
     * that node's host or remote-node identity instead (pkg/identity/reserved: reserved:kube-apiserver with
     * remote-node is identity 7), and a pod IP is an endpoint's: neither is modelled, so those stay undecided.
     */
    private void kubeApiServer(List<CiliumEntry.Peer> out) {
        List<KubeApiServerEndpointsFact> published = cluster.kubeApiServerEndpoints();
        if (published.isEmpty()) {
            out.add(new CiliumEntry.Undecided("entity kube-apiserver (the input has no default/kubernetes"
                    + " EndpointSlice or Endpoints, whose addresses Cilium gives that identity)"));
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (KubeApiServerEndpointsFact f : published) {
            String from = f.kind() + " " + f.namespace() + "/" + f.name();
            for (String address : f.addresses()) {
                if (!seen.add(address)) {
                    continue;
                }
                OptionalLong ip = Ipv4.parse(address);
                Optional<String> node = cluster.nodes().stream()
                        .filter(n -> n.addresses().contains(address))
                        .map(NodeFact::name)
                        .findFirst();
                Optional<String> pod = cluster.workloads().stream()
                        .filter(w -> w.podIps().contains(address))
                        .map(w -> w.namespace() + "/" + w.name())
                        .findFirst();
                if (ip.isEmpty()) {
                    out.add(new CiliumEntry.Undecided("kube-apiserver address " + address + " of " + from
                            + " (IPv6 addresses are not modelled)"));
                } else if (node.isPresent()) {
                    out.add(new CiliumEntry.Undecided("kube-apiserver address " + address + " of " + from
                            + " (the address of Node " + node.get() + ": Cilium gives it that node's host or"
                            + " remote-node identity, which is not modelled)"));
                } else if (pod.isPresent()) {
                    out.add(new CiliumEntry.Undecided("kube-apiserver address " + address + " of " + from
                            + " (the pod IP of " + pod.get() + ", an endpoint of its own identity)"));
                } else {
                    long v = ip.getAsLong();
                    out.add(new CiliumEntry.ApiServer(new Cidr(address + "/32", false, v, v), from));
                }
            }
        }
        if (seen.isEmpty()) {
            out.add(new CiliumEntry.Undecided(
                    "entity kube-apiserver (" + published.get(0).kind() + " default/kubernetes lists no IP address)"));
        }
    }

    private void cidr(CiliumPeers.CidrRule rule, List<CiliumEntry.Peer> out) {
        if (rule.block().isPresent()) {
            out.add(new CiliumEntry.Addresses(rule.block().get()));
            return;
        }
        for (CiliumCidrGroupFact g : cluster.cilium().cidrGroups()) {
            boolean byName = !rule.groupRef().isEmpty() && g.name().equals(rule.groupRef());
            boolean byLabels = rule.groupSelector().isPresent()
                    && rule.groupSelector().get().matches(g.labels());
            if (byName || byLabels) {
                g.cidrs()
                        .forEach(c -> out.add(new CiliumEntry.Addresses(new IpBlock(
                                c,
                                rule.groupExcept().stream().filter(c::contains).toList()))));
            }
        }
    }

    private void service(CiliumPolicyFact p, CiliumPeers.ServiceRef ref, List<CiliumEntry.Peer> out) {
        if (ref.selector().isPresent()) {
            // k8sServiceSelector matches Service labels, which netspec does not read
            out.add(new CiliumEntry.Undecided(
                    "toServices k8sServiceSelector " + ref.selector().get()));
            return;
        }
        for (ServiceFact svc : cluster.services()) {
            // an empty namespace matches the service in any namespace (pkg/policy/k8s/service.go serviceRefMatches)
            boolean nsOk = ref.namespace().isEmpty() || ref.namespace().equals(svc.namespace());
            if (!nsOk || !svc.name().equals(ref.name())) {
                continue;
            }
            if (svc.selector().isPresent() && !svc.selector().get().isEmpty()) {
                // a service with a selector becomes toEndpoints: its selector in its namespace
                CiliumSelector s = CiliumSelector.of(Selector.of(svc.selector().get()))
                        .withMatch(CiliumIdentity.NAMESPACE, svc.namespace());
                out.add(new CiliumEntry.Pods(clusterFilter(s)));
            } else {
                out.add(new CiliumEntry.Undecided(
                        "endpoints of selector-less service " + svc.namespace() + "/" + svc.name()));
            }
        }
    }

    private static List<CiliumEntry.Port> ports(CiliumPeerRule pr) {
        List<CiliumEntry.Port> out = new ArrayList<>();
        if (pr.toPorts().isEmpty() && pr.icmps()) {
            // ICMP only: this rule allows or denies no TCP, UDP or SCTP traffic
            out.add(new CiliumEntry.Port(Set.of(), PortRef.ANY, 0, Optional.empty()));
            return out;
        }
        for (CiliumPortRule rule : pr.toPorts()) {
            Optional<String> l7 = rule.l7().map(CiliumPortRule.L7::wireName);
            if (rule.ports().isEmpty()) {
                // a toPorts entry without ports (an L7 rule without its L4 port) matches nothing
                out.add(new CiliumEntry.Port(Set.of(), PortRef.ANY, 0, l7));
            }
            for (CiliumPortRule.CiliumPort port : rule.ports()) {
                Set<Protocol> protocols = port.protocol().map(EnumSet::of).orElse(EnumSet.copyOf(ANY));
                out.add(new CiliumEntry.Port(protocols, port.port(), port.endPort(), l7));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ NetworkPolicy as Cilium reads it

    private void networkPolicy(PolicyFact np, List<CiliumEntry> out) {
        CiliumSelector subject =
                CiliumSelector.of(np.podSelector()).withMatch(CiliumIdentity.NAMESPACE, np.namespace());
        for (Direction d : Direction.values()) {
            List<PolicyRule> rules = np.rules(d);
            // Cilium reads every rule of the spec whatever policyTypes says (network_policy.go), and adds a
            // deny-all entry when a direction has no rules but is isolated
            for (PolicyRule r : rules) {
                List<CiliumEntry.Peer> peers = new ArrayList<>();
                if (r.peers().isEmpty()) {
                    peers.add(new CiliumEntry.Everything());
                } else {
                    r.peers().forEach(peer -> peers.add(npPeer(np, peer)));
                }
                List<CiliumEntry.Port> ports = new ArrayList<>();
                for (PolicyPort pp : r.ports()) {
                    ports.add(
                            new CiliumEntry.Port(EnumSet.of(pp.protocol()), pp.port(), pp.endPort(), Optional.empty()));
                }
                CiliumEntry.Origin origin = new CiliumEntry.Origin(
                        np,
                        (d == Direction.INGRESS ? "ingress" : "egress") + " rule " + (r.index() + 1),
                        r.index(),
                        r.source());
                out.add(new CiliumEntry(origin, d, false, true, subject, peers, ports));
            }
            boolean denyAll =
                    d == Direction.INGRESS ? np.isolatesIngress() || !np.isolatesEgress() : np.isolatesEgress();
            if (rules.isEmpty() && denyAll) {
                CiliumEntry.Origin origin = new CiliumEntry.Origin(np, "policyTypes " + d.wireName(), 0, np.source());
                out.add(new CiliumEntry(origin, d, false, true, subject, List.of(), List.of()));
            }
        }
    }

    private static CiliumEntry.Peer npPeer(PolicyFact np, PolicyPeer peer) {
        if (peer.ipBlock().isPresent()) {
            return new CiliumEntry.Addresses(peer.ipBlock().get());
        }
        CiliumSelector pods = CiliumSelector.of(peer.podSelector().orElse(Selector.ALL));
        pods = clusterFilter(pods);
        if (peer.namespaceSelector().isPresent()) {
            Selector ns = peer.namespaceSelector().get();
            Map<String, String> match = new LinkedHashMap<>(pods.labels().matchLabels());
            ns.matchLabels().forEach((k, v) -> match.put(CiliumIdentity.NAMESPACE_LABELS + k, v));
            List<LabelRequirement> expressions = new ArrayList<>(pods.labels().matchExpressions());
            ns.matchExpressions()
                    .forEach(r -> expressions.add(
                            new LabelRequirement(CiliumIdentity.NAMESPACE_LABELS + r.key(), r.operator(), r.values())));
            if (ns.isEmpty()) {
                expressions.add(
                        new LabelRequirement(CiliumIdentity.NAMESPACE, LabelRequirement.Operator.EXISTS, List.of()));
            }
            return new CiliumEntry.Pods(new CiliumSelector(new Selector(match, expressions), pods.otherSources()));
        }
        return new CiliumEntry.Pods(pods.withMatch(CiliumIdentity.NAMESPACE, np.namespace()));
    }
}
