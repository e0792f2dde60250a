package io.netspec.engine.rules;

import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.ConfiguredCall;
import io.netspec.engine.rules.facts.IngressRoute;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.facts.ServiceSelects;
import io.netspec.engine.rules.facts.UnresolvedNamedPort;
import io.netspec.engine.rules.facts.UnresolvedTargetPort;

import java.util.Map;

/**
 * The Kubernetes object a finding is about: kind, namespace (empty when cluster-scoped), name,
 * its annotations (where waivers live) and where it was written.
 */
public record ObjectRef(String kind, String namespace, String name, Map<String, String> annotations,
                        SourceRef source) {

    public ObjectRef {
        namespace = namespace == null ? "" : namespace;
        annotations = Map.copyOf(annotations);
    }

    /**
     * The object behind a rule's subject: a model record, or a derived fact (which stands for its
     * first object: the policy of a {@code Selects}, the workload of an {@code Isolation}, the
     * Service of a {@code Backs}, ...).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ObjectRef of(Object subject) {
        if (subject instanceof Workload w) {
            return new ObjectRef(w.objectKind(), w.namespace(), w.name(), w.annotations(), w.source());
        } else if (subject instanceof PolicyFact p) {
            return new ObjectRef("NetworkPolicy", p.namespace(), p.name(), p.annotations(), p.source());
        } else if (subject instanceof ServiceFact s) {
            return new ObjectRef("Service", s.namespace(), s.name(), s.annotations(), s.source());
        } else if (subject instanceof IngressFact i) {
            return new ObjectRef("Ingress", i.namespace(), i.name(), i.annotations(), i.source());
        } else if (subject instanceof NamespaceFact n) {
            return new ObjectRef("Namespace", "", n.name(), n.annotations(), n.source());
        } else if (subject instanceof ConfigMapFact c) {
            return new ObjectRef("ConfigMap", c.namespace(), c.name(), Map.of(), c.source());
        } else if (subject instanceof CiliumPolicyFact c) {
            return new ObjectRef(c.kind(), c.namespace(), c.name(), c.annotations(), c.source());
        } else if (subject instanceof ClusterNetworkPolicyFact a) {
            return new ObjectRef(a.kind(), "", a.name(), Map.of(), a.source());
        } else if (subject instanceof RouteFact r) {
            return new ObjectRef(r.kind(), r.namespace(), r.name(), Map.of(), r.source());
        } else if (subject instanceof IgnoredObject o) {
            return new ObjectRef(o.kind(), o.namespace(), o.name(), Map.of(), o.source());
        } else if (subject instanceof CalicoPolicyFact c) {
            return new ObjectRef(c.kind(), c.namespace(), c.name(), c.annotations(), c.source());
        } else if (subject instanceof CalicoChecks.RuleRef r) {
            return of(r.policy());
        } else if (subject instanceof Selects s) {
            return of(s.policy());
        } else if (subject instanceof Isolation i) {
            return of(i.workload());
        } else if (subject instanceof Backs b) {
            return of(b.service());
        } else if (subject instanceof ServiceSelects s) {
            return of(s.service());
        } else if (subject instanceof UnresolvedTargetPort u) {
            return of(u.service());
        } else if (subject instanceof UnresolvedNamedPort u) {
            return of(u.policy());
        } else if (subject instanceof IngressRoute r) {
            return of(r.ingress());
        } else if (subject instanceof ConfiguredCall c) {
            return of(c.client());
        } else if (subject instanceof ObjectRef r) {
            return r;
        }
        throw new IllegalArgumentException("cannot report on a " + (subject == null ? "null"
                : subject.getClass().getSimpleName()) + ": pass a model fact (Workload, PolicyFact, ServiceFact, ...)");
    }
}
