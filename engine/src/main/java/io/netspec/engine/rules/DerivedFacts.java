package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code [scheme://]host[:port][/path]} where host is a Service DNS name. */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\\s]*@)?([a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)"
                    + "(?::([0-9]{1,5}))?(?:[/?#]\\S*)?");

    static List<ConfiguredCall> configuredCalls(Cluster cluster) {
        List<ConfiguredCall> out = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            List<String> values = new ArrayList<>(w.configValues());
            for (String ref : w.configMapRefs()) {
                cluster.configMaps().stream()
                        .filter(c -> c.namespace().equals(w.namespace()) && c.name().equals(ref))
                        .map(ConfigMapFact::data).map(Map::values).forEach(values::addAll);
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String value : values) {
                for (String token : value.split("[\\s,;\"'=]+")) {
                    Matcher m = ADDRESS.matcher(token.toLowerCase(java.util.Locale.ROOT));
                    if (!m.matches()) {
                        continue;
                    }
                    int port = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                    resolve(cluster, w.namespace(), m.group(1)).ifPresent(s -> {
                        if (seen.add(s.id() + ":" + port)) {
                            out.add(new ConfiguredCall(w, s, port, value));
                        }
                    });
                }
            }
        }
        return out;
    }

    /** {@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local} from namespace {@code from}. */
    private static Optional<ServiceFact> resolve(Cluster cluster, String from, String host) {
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return cluster.service(from, parts[0]);
        }
        boolean dnsSuffix = parts.length == 2
                || (parts.length == 3 && parts[2].equals("svc"))
                || (parts.length >= 4 && parts[2].equals("svc")
                && String.join(".", java.util.Arrays.copyOfRange(parts, 3, parts.length)).equals("cluster.local"));
        return dnsSuffix ? cluster.service(parts[1], parts[0]) : Optional.empty();
    }
}
