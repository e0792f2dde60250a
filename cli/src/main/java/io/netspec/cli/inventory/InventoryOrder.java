package io.netspec.cli.inventory;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.Comparator;
import java.util.List;

/**
 * The order facts are listed in, the same for every format and independent of the order files
 * were read in: by namespace, then name (then kind), so that two runs diff cleanly.
 */
final class InventoryOrder {

    private InventoryOrder() {}

    static List<Workload> workloads(Cluster c) {
        return c.workloads().stream()
                .sorted(Comparator.comparing(Workload::namespace)
                        .thenComparing(Workload::name)
                        .thenComparing(Workload::kind))
                .toList();
    }

    static List<ServiceFact> services(Cluster c) {
        return c.services().stream()
                .sorted(Comparator.comparing(ServiceFact::namespace).thenComparing(ServiceFact::name))
                .toList();
    }

    static List<IngressFact> ingresses(Cluster c) {
        return c.ingresses().stream()
                .sorted(Comparator.comparing(IngressFact::namespace).thenComparing(IngressFact::name))
                .toList();
    }

    static List<PolicyFact> policies(Cluster c) {
        return c.policies().stream()
                .sorted(Comparator.comparing(PolicyFact::namespace).thenComparing(PolicyFact::name))
                .toList();
    }

    static List<ClusterNetworkPolicyFact> adminPolicies(Cluster c) {
        return c.adminPolicies().stream()
                .sorted(Comparator.comparing(ClusterNetworkPolicyFact::baseline)
                        .thenComparing(ClusterNetworkPolicyFact::priority)
                        .thenComparing(ClusterNetworkPolicyFact::name))
                .toList();
    }

    static List<ConfigMapFact> configMaps(Cluster c) {
        return c.configMaps().stream()
                .sorted(Comparator.comparing(ConfigMapFact::namespace).thenComparing(ConfigMapFact::name))
                .toList();
    }

    /** Facts of any kind: by namespace, name, then kind as written. */
    static List<? extends ObjectFact> facts(Cluster c, ObjectKind<?> kind) {
        return c.facts(kind).stream()
                .sorted(Comparator.comparing(ObjectFact::namespace)
                        .thenComparing(ObjectFact::name)
                        .thenComparing(ObjectFact::objectKind))
                .toList();
    }

    static List<IgnoredObject> ignored(Cluster c) {
        return c.ignored().stream()
                .sorted(Comparator.comparing(IgnoredObject::kind)
                        .thenComparing(IgnoredObject::namespace)
                        .thenComparing(IgnoredObject::name))
                .toList();
    }
}
