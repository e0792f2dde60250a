package io.netspec.engine.rules;

import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.facts.Approximation;
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
public record ObjectRef(String kind, String namespace, String name, Map<String, String> annotations, SourceRef source) {

    public ObjectRef {
        namespace = namespace == null ? "" : namespace;
        annotations = Map.copyOf(annotations);
    }

    /**
     * The object behind a rule's subject: a model fact of any registered kind ({@link ObjectFact}), or a derived fact (which stands for its
     * first object: the policy of a {@code Selects}, the workload of an {@code Isolation}, the
     * Service of a {@code Backs}, the policy of an {@code Approximation}, ...).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ObjectRef of(Object subject) {
        if (subject instanceof ObjectFact f) {
            return new ObjectRef(f.objectKind(), f.namespace(), f.name(), f.annotations(), f.source());
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
        } else if (subject instanceof Approximation a && a.policy() instanceof ObjectFact f) {
            return of(f);
        } else if (subject instanceof ObjectRef r) {
            return r;
        }
        throw new IllegalArgumentException("cannot report on a "
                + (subject == null ? "null" : subject.getClass().getSimpleName())
                + ": pass a model fact (Workload, PolicyFact, ServiceFact, ...)");
    }
}
