package io.netspec.features.check;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import io.netspec.features.reference.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a connection is missing, in the words of the manifests: for each side that isolates (the
 * source's egress, the destination's ingress), the isolating policies and, rule by rule, why the
 * rule does not match (the peer's selector, the port, the protocol). The verdict itself always
 * comes from the connectivity engine; this only explains it.
 */
public final class Diagnosis {

    private final Cluster cluster;
    private final Map<String, Map<String, String>> namespaceLabels;

    public Diagnosis(Cluster cluster) {
        this.cluster = cluster;
        this.namespaceLabels = cluster.namespaceLabels();
    }

    /** A protocol and port the connection needs; empty means "any port". */
    public record Wanted(Protocol protocol, int port) {
        @Override
        public String toString() {
            return protocol + " " + port;
        }
    }

    /** Lines explaining why {@code source} cannot send to {@code destination} (on {@code wanted}). */
    public List<String> whyNot(Target source, Target destination, Optional<Wanted> wanted) {
        List<String> lines = new ArrayList<>();
        source.workload().ifPresent(w -> side(lines, w, Direction.EGRESS, destination, destination, wanted));
        destination.workload().ifPresent(w -> side(lines, w, Direction.INGRESS, source, destination, wanted));
        return lines;
    }

    private void side(List<String> lines, Workload subject, Direction direction, Target peer, Target destination,
                      Optional<Wanted> wanted) {
        String what = direction.wireName().toLowerCase(java.util.Locale.ROOT) + " of " + subject.id();
        List<PolicyFact> isolating = cluster.policies().stream()
                .filter(p -> p.selects(subject) && p.isolates(direction)).toList();
        if (isolating.isEmpty()) {
            lines.add(what + ": not isolated (no policy selects it for " + direction.wireName() + "), so it allows this");
            return;
        }
        List<String> ruleLines = new ArrayList<>();
        List<String> matching = new ArrayList<>();
        for (PolicyFact policy : isolating) {
            if (policy.rules(direction).isEmpty()) {
                ruleLines.add(policy.id() + " (" + policy.source() + ") has no " + direction.wireName()
                        + " rules: it only isolates");
            }
            for (PolicyRule rule : policy.rules(direction)) {
                String name = policy.id() + " " + direction.wireName().toLowerCase(java.util.Locale.ROOT) + " rule "
                        + rule.index() + " (" + rule.source() + ")";
                List<String> reasons = new ArrayList<>();
                peerMismatch(policy, rule, peer).ifPresent(reasons::add);
                portMismatch(rule, destination, wanted).ifPresent(reasons::add);
                if (reasons.isEmpty()) {
                    matching.add(name + (rule.allPorts() ? "" : " on " + ports(rule)));
                } else {
                    ruleLines.add(name + ": " + String.join("; ", reasons));
                }
            }
        }
        String policies = isolating.stream().map(p -> p.id() + " (" + p.source() + ")").collect(Collectors.joining(", "));
        if (!matching.isEmpty()) {
            lines.add(what + ": allowed by " + String.join(", ", matching));
            return;
        }
        lines.add(what + ": denied; isolated by " + policies + " and no rule matches:");
        ruleLines.forEach(l -> lines.add("  " + l));
    }

    private Optional<String> peerMismatch(PolicyFact policy, PolicyRule rule, Target peer) {
        if (rule.allPeers()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (PolicyPeer p : rule.peers()) {
            Optional<String> reason = peer.workload().isPresent()
                    ? workloadMismatch(policy, p, peer.workload().get())
                    : externalMismatch(p, (Target.External) peer);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(reason.get());
        }
        return Optional.of(String.join("; ", reasons));
    }

    private Optional<String> workloadMismatch(PolicyFact policy, PolicyPeer peer, Workload w) {
        if (peer.ipBlock().isPresent()) {
            return Optional.of("peer ipBlock " + peer.ipBlock().get() + " matches addresses outside the cluster, not "
                    + w.id());
        }
        if (peer.namespaceSelector().isPresent()) {
            Map<String, String> labels = namespaceLabels.getOrDefault(w.namespace(), Map.of());
            if (!peer.namespaceSelector().get().matches(labels)) {
                return Optional.of("peer namespaceSelector " + peer.namespaceSelector().get() + " does not match namespace "
                        + w.namespace() + " " + labels);
            }
        } else if (!w.namespace().equals(policy.namespace())) {
            return Optional.of("peer podSelector " + peer.podSelector().map(Object::toString).orElse("<all>")
                    + " selects pods of namespace " + policy.namespace() + " only, and " + w.id() + " is in "
                    + w.namespace());
        }
        if (peer.podSelector().isPresent() && !peer.podSelector().get().matches(w.podLabels())) {
            return Optional.of("peer podSelector " + peer.podSelector().get() + " does not match the pod labels of "
                    + w.id() + " " + w.podLabels());
        }
        return Optional.empty();
    }

    private static Optional<String> externalMismatch(PolicyPeer peer, Target.External external) {
        if (peer.ipBlock().isEmpty()) {
            return Optional.of("peer " + peer + " selects pods, not external addresses");
        }
        Cidr cidr = peer.ipBlock().get().cidr();
        long first = external.range().first();
        long last = external.range().last();
        if (cidr.ipv6() || first < cidr.first() || last > cidr.last()) {
            return Optional.of("peer ipBlock " + cidr + " does not contain " + external.range().id());
        }
        for (Cidr except : peer.ipBlock().get().except()) {
            if (!except.ipv6() && first <= except.last() && except.first() <= last) {
                return Optional.of("peer ipBlock " + cidr + " excepts " + except);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> portMismatch(PolicyRule rule, Target destination, Optional<Wanted> wanted) {
        if (rule.allPorts() || wanted.isEmpty()) {
            return Optional.empty();
        }
        Wanted want = wanted.get();
        List<String> notes = new ArrayList<>();
        for (PolicyPort port : rule.ports()) {
            if (port.protocol() != want.protocol()) {
                continue;
            }
            if (port.port().isAny()) {
                return Optional.empty();
            }
            if (port.port().isNamed()) {
                List<ContainerPort> resolved = destination.workload()
                        .map(w -> w.portsNamed(port.port().name(), want.protocol())).orElse(List.of());
                if (resolved.stream().anyMatch(c -> c.port() == want.port())) {
                    return Optional.empty();
                }
                if (resolved.isEmpty()) {
                    notes.add("named port " + port.port().name() + " is not declared by " + destination
                            + " for " + want.protocol());
                }
                continue;
            }
            int from = port.port().number();
            int to = port.endPort() > 0 ? port.endPort() : from;
            if (from <= want.port() && want.port() <= to) {
                return Optional.empty();
            }
        }
        return Optional.of("ports " + ports(rule) + " do not include " + want
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
    }

    private static String ports(PolicyRule rule) {
        return rule.ports().stream().map(PolicyPort::toString).collect(Collectors.joining(", "));
    }
}
