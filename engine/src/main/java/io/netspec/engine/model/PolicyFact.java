package io.netspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A normalised NetworkPolicy (networking.k8s.io/v1). {@code isolatesIngress}/{@code isolatesEgress}
 * are the effective policy types: as written, or by default Ingress plus Egress when the policy has
 * egress rules.
 */
public record PolicyFact(
        String namespace,
        String name,
        Selector podSelector,
        boolean isolatesIngress,
        boolean isolatesEgress,
        List<PolicyRule> ingress,
        List<PolicyRule> egress,
        Map<String, String> annotations,
        SourceRef source)
        implements ObjectFact, PolicyObject {

    public PolicyFact {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        annotations = Map.copyOf(annotations);
    }

    /**
     * Consistent with the record's {@code equals} (a subset of its components), but cheap: Drools hashes
     * this fact for every index on {@code policy == $p} and every {@code from} that yields it, and the record's own
     * hash walks every rule, peer and selector on each call. Equal facts still compare component by component.
     */
    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(namespace) + Objects.hashCode(name)) * 31 + Objects.hashCode(source);
    }

    /**
     * Bean getters for rule packs: Drools reads the accessor {@code isolatesIngress()} as the
     * property "olatesIngress" (it strips a leading "is"), so {@code PolicyFact(isolatesIngress)}
     * needs {@code isIsolatesIngress()} to resolve.
     */
    public boolean isIsolatesIngress() {
        return isolatesIngress;
    }

    /** See {@link #isIsolatesIngress()}. */
    public boolean isIsolatesEgress() {
        return isolatesEgress;
    }

    public boolean isolates(Direction direction) {
        return direction == Direction.INGRESS ? isolatesIngress : isolatesEgress;
    }

    public List<PolicyRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** True when this policy selects the workload's pods (same namespace, selector matches). */
    public boolean selects(Workload w) {
        return w.namespace().equals(namespace) && podSelector.matches(w.podLabels());
    }

    @Override
    public String kind() {
        return "NetworkPolicy";
    }

    public String id() {
        return namespace + "/" + name + "[NetworkPolicy]";
    }

    @Override
    public String toString() {
        return id();
    }

    @Override
    public String objectKind() {
        return "NetworkPolicy";
    }
}
