package io.netspec.engine.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Cilium rule: the policy's {@code spec} ({@code specIndex} -1) or one of its {@code specs}.
 * Exactly one of {@code endpointSelector} and {@code nodeSelector} is present in a valid rule.
 *
 * @param defaultDenyIngress {@code enableDefaultDeny.ingress} as written; empty when not written
 */
public record CiliumRule(
        int specIndex,
        Optional<Selector> endpointSelector,
        Optional<Selector> nodeSelector,
        List<CiliumPeerRule> ingress,
        List<CiliumPeerRule> ingressDeny,
        List<CiliumPeerRule> egress,
        List<CiliumPeerRule> egressDeny,
        Optional<Boolean> defaultDenyIngress,
        Optional<Boolean> defaultDenyEgress,
        SourceRef source) {

    public CiliumRule {
        ingress = List.copyOf(ingress);
        ingressDeny = List.copyOf(ingressDeny);
        egress = List.copyOf(egress);
        egressDeny = List.copyOf(egressDeny);
    }

    /** Allow and deny rules of one direction, allows first. */
    public List<CiliumPeerRule> rules(Direction direction) {
        List<CiliumPeerRule> allow = direction == Direction.INGRESS ? ingress : egress;
        List<CiliumPeerRule> deny = direction == Direction.INGRESS ? ingressDeny : egressDeny;
        return Stream.concat(allow.stream(), deny.stream()).toList();
    }

    /**
     * Whether this rule switches its subjects to default deny in {@code direction}: as written in
     * {@code enableDefaultDeny}, else when the direction has any (allow or deny) rule
     * (pkg/policy/api/rule_validation.go Sanitize; utils/parserules.go).
     */
    public boolean defaultDeny(Direction direction) {
        Optional<Boolean> written = direction == Direction.INGRESS ? defaultDenyIngress : defaultDenyEgress;
        return written.orElse(!rules(direction).isEmpty());
    }

    /** {@code spec} or {@code specs[i]}. */
    public String path() {
        return specIndex < 0 ? "spec" : "specs[" + specIndex + "]";
    }
}
