package io.netspec.engine.load;

import io.netspec.engine.model.AdminPolicyFact;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Facts gathered across all inputs, in input order. Pods with the same controlling owner are
 * collapsed into one workload ({@code ns/owner[OwnerKind]}): replicas count the pods, ports are
 * unioned, and the first pod's labels are kept (a warning names pods whose labels differ).
 */
final class CollectedFacts {

    final List<NamespaceFact> namespaces = new ArrayList<>();
    final List<ServiceFact> services = new ArrayList<>();
    final List<IngressFact> ingresses = new ArrayList<>();
    final List<PolicyFact> policies = new ArrayList<>();
    final List<AdminPolicyFact> adminPolicies = new ArrayList<>();
    final List<ConfigMapFact> configMaps = new ArrayList<>();
    final List<IgnoredObject> ignored = new ArrayList<>();
    final List<SkippedDocument> skipped = new ArrayList<>();
    final List<RouteFact> routes = new ArrayList<>();

    /** Workloads by insertion; owned pods are grouped under their owner's identity. */
    private final Map<String, OwnedGroup> groups = new LinkedHashMap<>();
    private int anonymous;

    private static final class OwnedGroup {
        Workload first;
        String firstPod;
        int count;
        final LinkedHashSet<ContainerPort> ports = new LinkedHashSet<>();
        boolean owned;
    }

    void addWorkload(Workload w) {
        OwnedGroup g = new OwnedGroup();
        g.first = w;
        g.count = w.replicas();
        g.ports.addAll(w.ports());
        groups.put("#" + anonymous++, g);
    }

    /** A pod with a controlling owner: {@code w} already carries the owner's name and kind. */
    void addOwnedPod(Workload w, String podName, List<LoadProblem> problems) {
        OwnedGroup g = groups.get(w.id());
        if (g == null) {
            g = new OwnedGroup();
            g.first = w;
            g.firstPod = podName;
            g.owned = true;
            groups.put(w.id(), g);
        } else if (!g.first.podLabels().equals(w.podLabels())) {
            problems.add(LoadProblem.warning(w.source(), "pod " + w.namespace() + "/" + podName + " has labels "
                    + w.podLabels() + " but pod " + w.namespace() + "/" + g.firstPod + " of the same owner " + w.id()
                    + " (" + g.first.source() + ") has " + g.first.podLabels() + "; the first pod's labels are used"));
        }
        g.count++;
        g.ports.addAll(w.ports());
    }

    Cluster toCluster() {
        List<Workload> workloads = new ArrayList<>();
        for (OwnedGroup g : groups.values()) {
            Workload w = g.first;
            if (g.owned) {
                w = new Workload(w.kind(), w.objectKind(), w.namespace(), w.name(), w.podLabels(), w.selector(),
                        new ArrayList<>(g.ports), w.hostNetwork(), g.count, w.serviceName(), w.annotations(),
                        w.configValues(), w.configMapRefs(), w.source());
            }
            workloads.add(w);
        }
        return Cluster.of(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored,
                skipped, routes);
    }
}
