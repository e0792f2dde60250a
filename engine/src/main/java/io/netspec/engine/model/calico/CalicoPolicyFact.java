package io.netspec.engine.model.calico;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A Calico NetworkPolicy or GlobalNetworkPolicy (projectcalico.org/v3 or crd.projectcalico.org/v1),
 * or one of their Staged forms, normalised: {@code types} defaulted as Calico defaults them (Ingress
 * unless the policy has only egress rules; Egress when it has egress rules).
 *
 * @param namespace            empty for the global kinds
 * @param order                absent: after every policy with an order
 * @param selector             the endpoints it applies to ({@code all()} when absent)
 * @param namespaceSelector    GlobalNetworkPolicy only: the namespaces of the endpoints it applies to
 * @param serviceAccountSelector the service accounts of the endpoints it applies to
 * @param hostOnly             {@code doNotTrack}, {@code preDNAT} or {@code applyOnForward}: host-endpoint
 *                             policy, which netspec does not model
 */
public record CalicoPolicyFact(
        CalicoKind calicoKind,
        String namespace,
        String name,
        String tier,
        OptionalDouble order,
        CalicoSelector selector,
        Optional<CalicoSelector> namespaceSelector,
        Optional<CalicoSelector> serviceAccountSelector,
        boolean ingressType,
        boolean egressType,
        List<CalicoRule> ingress,
        List<CalicoRule> egress,
        boolean hostOnly,
        Map<String, String> annotations,
        SourceRef source)
        implements ObjectFact.Extension, PolicyObject {

    public static final String DEFAULT_TIER = "default";

    public CalicoPolicyFact {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public String kind() {
        return calicoKind.kind();
    }

    public boolean applies(Direction direction) {
        return direction == Direction.INGRESS ? ingressType : egressType;
    }

    public List<CalicoRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** Calico's tie-break key among policies of equal order ({@code PolKVLess}: name, namespace, kind). */
    public String sortKey() {
        return name + "/" + namespace + "/" + kind();
    }

    @Override
    public String toString() {
        return policyId();
    }

    @Override
    public String objectKind() {
        return kind();
    }

    @Override
    public String id() {
        return policyId();
    }
}
