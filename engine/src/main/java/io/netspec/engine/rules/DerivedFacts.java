package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.ConfiguredCall;
import io.netspec.engine.rules.facts.IngressRoute;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.facts.ServiceSelects;
import io.netspec.engine.rules.facts.UnresolvedNamedPort;
import io.netspec.engine.rules.facts.UnresolvedTargetPort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Computes the derived facts inserted next to the model records (see the package documentation). */
public final class DerivedFacts {

    private DerivedFacts() {
    }

    /** Every derived fact of the cluster, in a stable order. */
    public static List<Object> of(Cluster cluster, Network net) {
        List<Object> out = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (Direction d : Direction.values()) {
                boolean isolated = false;
                for (PolicyFact p : cluster.policies()) {
                    if (p.isolates(d) && p.selects(w)) {
                        out.add(new Selects(p, w, d));
                        isolated = true;
                    }
                }
                out.add(new Isolation(w, d, isolated));
            }
        }
        services(cluster, out);
        namedPorts(cluster, net, out);
        ingressRoutes(cluster, out);
        out.addAll(configuredCalls(cluster));
        return out;
    }

    private static void services(Cluster cluster, List<Object> out) {
        for (ServiceFact s : cluster.services()) {
            for (Workload w : cluster.workloads()) {
                if (!s.selects(w)) {
                    continue;
                }
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
                        int number = sp.targetPort().isAny() ? sp.port() : sp.targetPort().number();
                        Optional<ContainerPort> declared = w.ports().stream()
                                .filter(cp -> cp.port() == number && cp.protocol() == sp.protocol()).findFirst();
                        out.add(new Backs(s, sp, w, declared.orElse(new ContainerPort("", number, sp.protocol(), "")),
                                declared.isPresent()));
                    }
                }
            }
        }
    }

    private static void namedPorts(Cluster cluster, Network net, List<Object> out) {
        for (PolicyFact p : cluster.policies()) {
            for (PolicyRule rule : p.ingress()) {
                List<Workload> targets = cluster.workloads().stream().filter(p::selects).toList();
                unresolved(p, rule, targets, out);
            }
            for (PolicyRule rule : p.egress()) {
                if (!rule.allPeers() && rule.peers().stream().allMatch(PolicyPeer::isIpBlock)) {
                    continue;
                }
                Set<Workload> targets = new LinkedHashSet<>();
                if (rule.allPeers()) {
                    targets.addAll(cluster.workloads());
                } else {
                    rule.peers().forEach(peer -> targets.addAll(net.workloadsMatching(p, peer)));
                }
                unresolved(p, rule, List.copyOf(targets), out);
            }
        }
    }

    private static void unresolved(PolicyFact p, PolicyRule rule, List<Workload> targets, List<Object> out) {
        for (PolicyPort port : rule.ports()) {
            if (port.port().isNamed() && targets.stream()
                    .noneMatch(w -> !w.portsNamed(port.port().name(), port.protocol()).isEmpty())) {
                out.add(new UnresolvedNamedPort(p, rule, port));
            }
        }
    }

    private static void ingressRoutes(Cluster cluster, List<Object> out) {
        for (IngressFact i : cluster.ingresses()) {
            for (IngressBackend b : i.backends()) {
                cluster.service(i.namespace(), b.serviceName()).ifPresent(s -> out.add(new IngressRoute(i, b, s)));
            }
        }
    }

    /** One per Service and port each workload's configuration names, as {@link ServiceReferences#callsIn} finds them. */
    static List<ConfiguredCall> configuredCalls(Cluster cluster) {
        List<ConfiguredCall> out = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (ServiceReferences.Call call : ServiceReferences.callsIn(cluster, w)) {
                out.add(new ConfiguredCall(w, call.service(), call.port(), call.value()));
            }
        }
        return out;
    }
}
