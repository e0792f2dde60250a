package io.netspec.engine.rules;

import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.layer.NetworkPlugins;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Approximation;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.ConfiguredCall;
import io.netspec.engine.rules.facts.IngressRoute;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.facts.ServiceSelects;
import io.netspec.engine.rules.facts.UnresolvedNamedPort;
import io.netspec.engine.rules.facts.UnresolvedTargetPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes the derived facts inserted next to the model records (see the package documentation). */
public final class DerivedFacts {

    private DerivedFacts() {}

    /**
     * Every derived fact of the cluster, in a stable order: {@link #withoutAnalysis}, then {@link #afterAnalysis}.
     * Selections come from the network's {@link ClusterIndex} (a selector is matched once per namespace and
     * label class), so the cost grows with workloads, policies, Services and label classes, not with their
     * products.
     */
    public static List<Object> of(Cluster cluster, Network net) {
        List<Object> out = new ArrayList<>(withoutAnalysis(cluster, net));
        out.addAll(afterAnalysis(cluster, net));
        return out;
    }

    /** The facts that ask the connectivity analysis: {@link #isolation}, then {@link #approximations}. */
    public static List<Object> afterAnalysis(Cluster cluster, Network net) {
        List<Object> out = new ArrayList<>(isolation(cluster, net));
        out.addAll(approximations(cluster, net));
        return out;
    }

    /**
     * What the analysis approximates, in problem order: one {@link Approximation} per problem written in a policy the
     * cluster's plugin enforces (an unenforced one is all left out, which {@code unenforced-cni-policy} reports), but
     * one per policy for its peers that the manifests cannot decide: a Calico policy with a dozen ipBlock peers is one
     * finding to review (or waive), not a dozen, and each of its peers is named in it.
     */
    public static List<Approximation> approximations(Cluster cluster, Network net) {
        Map<PolicyObject, List<AnalysisProblem>> undecided = new IdentityHashMap<>();
        List<Object> order = new ArrayList<>();
        for (AnalysisProblem p : net.analysis().problems()) {
            if (p.policy().isEmpty()
                    || NetworkPlugins.unenforced(cluster, p.policy().get()).isPresent()) {
                continue; // outside every policy: stderr only (no compiler makes one)
            }
            PolicyObject policy = p.policy().get();
            if (p.undecided().isPresent()) {
                undecided
                        .computeIfAbsent(policy, k -> {
                            order.add(k);
                            return new ArrayList<>();
                        })
                        .add(p);
            } else {
                order.add(p);
            }
        }
        List<Approximation> out = new ArrayList<>(order.size());
        for (Object o : order) {
            if (o instanceof AnalysisProblem p) {
                out.add(new Approximation(p.policy().get(), p.source(), p.message()));
            } else {
                PolicyObject policy = (PolicyObject) o;
                out.add(undecided(policy, undecided.get(policy)));
            }
        }
        return out;
    }

    private static Approximation undecided(PolicyObject policy, List<AnalysisProblem> peers) {
        AnalysisProblem first = peers.get(0);
        if (peers.size() == 1) {
            return new Approximation(policy, first.source(), first.message());
        }
        int most = peers.stream()
                .mapToInt(p -> p.undecided().orElseThrow().workloads())
                .max()
                .orElse(0);
        String each = peers.stream()
                .map(p -> p.undecided().orElseThrow().peer() + " (line "
                        + p.source().line() + ")")
                .collect(Collectors.joining(", "));
        return new Approximation(
                policy,
                first.source(),
                peers.size() + " peers of " + policy.policyId() + " cannot be decided for up to " + most
                        + " workload(s) whose pod IPs or Node the input does not carry: " + each
                        + "; they are treated as not matching"
                        + (peers.stream()
                                        .anyMatch(
                                                p -> p.undecided().orElseThrow().partlyCovered())
                                ? "; some cover the pods' known range" + ConnectivityAnalysis.PARTLY
                                : "")
                        + (peers.stream()
                                        .anyMatch(
                                                p -> p.undecided().orElseThrow().podRangesUnknown())
                                ? "; " + ConnectivityAnalysis.POD_RANGES_HINT.replace("decide it", "decide them")
                                : "")
                        + (peers.stream()
                                        .anyMatch(
                                                p -> p.undecided().orElseThrow().hostNetwork())
                                ? "; " + ConnectivityAnalysis.NODE_RANGES_HINT + " decide them for host-network pods"
                                : ""));
    }

    /**
     * Every derived fact but the {@link Isolation} ones, in a stable order: policies selecting each workload
     * (workload by workload, ingress then egress), what Services select and back, unresolved named ports,
     * Ingress routes, configured calls. None of them asks the connectivity analysis, which a check computes on
     * another thread meanwhile ({@link Network#prepareAnalysis}): deriving (and inserting) them overlaps it.
     */
    public static List<Object> withoutAnalysis(Cluster cluster, Network net) {
        ClusterIndex index = indexOf(cluster, net);
        List<Object> out = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (Direction d : Direction.values()) {
                for (PolicyFact p : index.policiesSelecting(w, d)) {
                    out.add(new Selects(p, w, d));
                }
            }
        }
        services(cluster, index, out);
        namedPorts(cluster, index, out);
        ingressRoutes(cluster, index, out);
        out.addAll(configuredCalls(index));
        return out;
    }

    /**
     * One {@link Isolation} per workload and direction, workload by workload: these ask the connectivity
     * analysis (and wait for it when another thread computes it).
     */
    public static List<Isolation> isolation(Cluster cluster, Network net) {
        ClusterIndex index = indexOf(cluster, net);
        List<Isolation> out = new ArrayList<>(cluster.workloads().size() * Direction.values().length);
        // the evaluator's answers depend on the workload only through its connectivity class: asked once per
        // class and direction (the rules applying were listed anew for each of 100,000 workloads)
        List<Map<Object, Boolean>> beyond = List.of(new HashMap<>(), new HashMap<>());
        List<Map<Object, Boolean>> mayDeny = List.of(new HashMap<>(), new HashMap<>());
        for (Workload w : cluster.workloads()) {
            Object token = net.analysis().classToken(w);
            for (Direction d : Direction.values()) {
                // isolated as the evaluator sees it (a tier ending in deny selects it: a NetworkPolicy, a Calico
                // policy in a Deny tier, a Cilium default deny), or restricted by a tier without an implicit
                // verdict (an admin policy denying every namespace)
                out.add(new Isolation(
                        w,
                        d,
                        !index.policiesSelecting(w, d).isEmpty()
                                || beyond.get(d.ordinal())
                                        .computeIfAbsent(
                                                token,
                                                t -> net.isIsolated(w, d) || net.restrictedBeyondNetworkPolicies(w, d)),
                        mayDeny.get(d.ordinal()).computeIfAbsent(token, t -> net.mayDenyBeyondNetworkPolicies(w, d))));
            }
        }
        return out;
    }

    private static ClusterIndex indexOf(Cluster cluster, Network net) {
        return net.cluster() == cluster ? net.index() : ClusterIndex.of(cluster);
    }

    private static void services(Cluster cluster, ClusterIndex index, List<Object> out) {
        for (ServiceFact s : cluster.services()) {
            for (Workload w : index.selectedBy(s)) {
                out.add(new ServiceSelects(s, w));
                for (ServicePort sp : s.ports()) {
                    if (sp.targetPort().isNamed()) {
                        List<ContainerPort> named = w.portsNamed(sp.targetPort().name(), sp.protocol());
                        if (named.isEmpty()) {
                            out.add(new UnresolvedTargetPort(s, sp, w));
                        } else {
                            out.add(new Backs(s, sp, w, named.get(0), true));
                        }
                    } else {
                        int number = sp.targetPort().isAny()
                                ? sp.port()
                                : sp.targetPort().number();
                        Optional<ContainerPort> declared = w.ports().stream()
                                .filter(cp -> cp.port() == number && cp.protocol() == sp.protocol())
                                .findFirst();
                        out.add(new Backs(
                                s,
                                sp,
                                w,
                                declared.orElse(new ContainerPort("", number, sp.protocol(), "")),
                                declared.isPresent()));
                    }
                }
            }
        }
    }

    private static void namedPorts(Cluster cluster, ClusterIndex index, List<Object> out) {
        // The index hands out one list per distinct selection: the named ports it declares are collected once.
        Map<List<Workload>, Set<String>> declared = new IdentityHashMap<>();
        Function<List<Workload>, Set<String>> declaredIn = targets -> declared.computeIfAbsent(targets, t -> {
            Set<String> names = new HashSet<>();
            t.forEach(w -> w.ports().forEach(cp -> names.add(namedPortKey(cp.name(), cp.protocol()))));
            return names;
        });
        for (PolicyFact p : cluster.policies()) {
            for (PolicyRule rule : p.ingress()) {
                unresolved(p, rule, List.of(index.selected(p.namespace(), p.podSelector())), declaredIn, out);
            }
            for (PolicyRule rule : p.egress()) {
                if (!rule.allPeers() && rule.peers().stream().allMatch(PolicyPeer::isIpBlock)) {
                    continue;
                }
                List<List<Workload>> targets = rule.allPeers()
                        ? List.of(cluster.workloads())
                        : rule.peers().stream()
                                .map(peer -> index.workloadsMatching(p, peer))
                                .toList();
                unresolved(p, rule, targets, declaredIn, out);
            }
        }
    }

    /** A named port is unresolved when no target (in any of the lists) declares it. */
    private static void unresolved(
            PolicyFact p,
            PolicyRule rule,
            List<List<Workload>> targets,
            Function<List<Workload>, Set<String>> declaredIn,
            List<Object> out) {
        for (PolicyPort port : rule.ports()) {
            if (!port.port().isNamed()) {
                continue;
            }
            String key = namedPortKey(port.port().name(), port.protocol());
            if (targets.stream().noneMatch(t -> declaredIn.apply(t).contains(key))) {
                out.add(new UnresolvedNamedPort(p, rule, port));
            }
        }
    }

    private static String namedPortKey(String name, Protocol protocol) {
        return name + '\u0000' + protocol;
    }

    private static void ingressRoutes(Cluster cluster, ClusterIndex index, List<Object> out) {
        for (IngressFact i : cluster.ingresses()) {
            for (IngressBackend b : i.backends()) {
                index.service(i.namespace(), b.serviceName()).ifPresent(s -> out.add(new IngressRoute(i, b, s)));
            }
        }
    }

    /** One per Service and port each workload's configuration names, as {@link ServiceReferences#callsIn} finds them. */
    static List<ConfiguredCall> configuredCalls(ClusterIndex index) {
        List<ConfiguredCall> out = new ArrayList<>();
        for (Workload w : index.cluster().workloads()) {
            for (ServiceReferences.Call call : ServiceReferences.callsIn(index, w)) {
                out.add(new ConfiguredCall(w, call.service(), call.port(), call.value()));
            }
        }
        return out;
    }
}
