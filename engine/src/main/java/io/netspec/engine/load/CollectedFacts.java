package io.netspec.engine.load;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKinds;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Facts gathered across all inputs, one per object, in input order.
 *
 * <p>The same object (same API group and kind, namespace and name) defined twice is what two
 * {@code kubectl apply} runs would leave: the later definition. It replaces the earlier one and a
 * warning at the later one names the first.
 *
 * <p>Pods with the same controlling owner are one workload ({@code ns/owner[OwnerKind]}): replicas
 * count the pods, ports are unioned, and the first pod's labels are kept (a warning names pods whose
 * labels differ). When the owner object itself is in the input too (a ReplicaSet and its pods, as
 * {@code kubectl get rs,pods -o yaml} gives them), the pods are its replicas, not a second peer with
 * the same identity: the owner object's workload is kept as it is (its template, replicas and ports),
 * and a warning names each pod whose labels differ from the template beyond the labels controllers
 * add themselves, since the analysis uses the template's labels.
 */
final class CollectedFacts {

    /** Labels controllers put on the pods they create (and some on their own template); never a mismatch. */
    private static final Set<String> CONTROLLER_LABELS = Set.of(
            "pod-template-hash",
            "rollouts-pod-template-hash", // Argo Rollouts' ReplicaSets
            "controller-revision-hash",
            "pod-template-generation",
            "statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index",
            "controller-uid",
            "job-name",
            "batch.kubernetes.io/controller-uid",
            "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/job-completion-index");

    final List<SkippedDocument> skipped = new ArrayList<>();

    private final List<LoadProblem> problems;
    /** Every object by identity, in input order of its latest definition. */
    private final Map<String, Definition> objects = new LinkedHashMap<>();

    private int unnamed;
    private boolean anyObject;

    /** A pod with a controlling owner: {@code workload} already carries the owner's name and kind. */
    record OwnedPod(Workload workload, String podName) {}

    /** A ReplicaSet or Job with a controlling owner ({@code ownerId}, a workload id such as {@code ns/api[Deployment]}). */
    record OwnedController(Workload workload, String ownerId) {}

    /** An object's latest fact and where the object was first defined. */
    private record Definition(Object fact, SourceRef first) {}

    private final ObjectKinds kinds;

    CollectedFacts(List<LoadProblem> problems) {
        this(problems, ObjectKinds.BUILT_IN);
    }

    CollectedFacts(List<LoadProblem> problems, ObjectKinds kinds) {
        this.problems = problems;
        this.kinds = kinds;
    }

    /**
     * One object, in input order. {@code identity} ({@link ObjectMeta#identity}) is null for an object
     * without a fixed name; {@code display} names the object in messages ({@link ObjectMeta#display}).
     */
    void add(String identity, String display, Object fact, SourceRef source) {
        if (identity == null) {
            objects.put("#" + unnamed++, new Definition(fact, source)); // generateName: a new object each time
            return;
        }
        Definition earlier = objects.remove(identity);
        if (earlier != null) {
            problems.add(LoadProblem.warning(
                    source,
                    display + " is defined again (first at " + earlier.first() + "); the later definition is used"));
        }
        objects.put(identity, new Definition(fact, earlier == null ? source : earlier.first()));
    }

    /** Notes that a Kubernetes object (or a list of them) was read. */
    void sawObject() {
        anyObject = true;
    }

    /** True when some input held a Kubernetes object, even one netspec does not analyse. */
    boolean anyObject() {
        return anyObject;
    }

    Cluster toCluster() {
        Cluster.Builder cluster = Cluster.builder(kinds).skipped(skipped);
        List<ServiceFact> services = new ArrayList<>();
        List<PolicyFact> policies = new ArrayList<>();
        // one peer per workload identity: an object, or the owned pods, or both (the owner object wins)
        Map<String, Peer> peers = new LinkedHashMap<>(objects.size() * 4 / 3 + 1); // no rehashing at 100,000 objects
        for (Definition d : objects.values()) {
            Object f = d.fact();
            if (f instanceof Workload w) {
                peers.computeIfAbsent(w.id(), k -> new Peer()).objects.add(w);
            } else if (f instanceof OwnedController c) {
                Peer peer = peers.computeIfAbsent(c.workload().id(), k -> new Peer());
                peer.objects.add(c.workload());
                peer.ownerId = c.ownerId();
            } else if (f instanceof OwnedPod p) {
                peers.computeIfAbsent(p.workload().id(), k -> new Peer()).pods.add(p);
            } else if (f instanceof GatewayRoutes g) {
                cluster.routes(g.routes());
            } else if (f instanceof ObjectFact o) {
                // every other kind goes to the kind registered for it; services and policies also decide
                // which StatefulSets are analysed per pod
                if (o instanceof ServiceFact s) {
                    services.add(s);
                } else if (o instanceof PolicyFact p) {
                    policies.add(p);
                }
                cluster.add(o);
            } else {
                throw new IllegalStateException("unexpected fact " + f.getClass());
            }
        }
        foldIntoOwners(peers);
        List<Workload> workloads = new ArrayList<>(peers.size());
        for (Peer peer : peers.values()) {
            if (peer.foldedInto != null) {
                continue;
            }
            for (Workload o : peer.objects) {
                workloads.add(placed(o, peer.pods));
            }
            if (!peer.objects.isEmpty()) {
                peer.pods.forEach(p -> checkAgainstTemplate(p, peer.objects.get(0)));
            } else if (!peer.pods.isEmpty()) {
                workloads.add(collapse(peer.pods));
            }
        }
        return cluster.workloads(StatefulSetPods.perPodWhereSelected(workloads, services, policies))
                .build();
    }

    /** A Gateway API route: one object, one fact per backend namespace and port. */
    record GatewayRoutes(List<RouteFact> routes) {}

    /**
     * The owner with the IPs of its pods in the input (a cluster dump), and their node when they all
     * run on one; unchanged without pods.
     */
    private static Workload placed(Workload owner, List<OwnedPod> pods) {
        if (pods.isEmpty()) {
            return owner;
        }
        return owner.withPlacement(podIps(pods), commonNode(pods), owner.serviceAccount());
    }

    private static List<String> podIps(List<OwnedPod> pods) {
        return pods.stream()
                .flatMap(p -> p.workload().podIps().stream())
                .distinct()
                .toList();
    }

    private static String commonNode(List<OwnedPod> pods) {
        Set<String> nodes = new HashSet<>();
        pods.forEach(p -> nodes.add(p.workload().nodeName()));
        return nodes.size() == 1 ? nodes.iterator().next() : "";
    }

    /** The workload objects and owned pods of one identity. */
    private static final class Peer {
        final List<Workload> objects = new ArrayList<>();
        final List<OwnedPod> pods = new ArrayList<>();
        /** The controlling owner's workload id (ReplicaSets and Jobs), or null. */
        String ownerId;
        /** The peer this one is folded into, or null. */
        Peer foldedInto;
    }

    /**
     * A ReplicaSet owned by a Deployment (a Job owned by a CronJob) that is in the input is not a peer
     * of its own: it and its pods are the owner's (pods to ReplicaSet to Deployment), as
     * {@code kubectl get all -o yaml} gives them. Without the owner object nothing changes.
     */
    private static void foldIntoOwners(Map<String, Peer> peers) {
        for (Peer peer : peers.values()) {
            Peer owner = peer.ownerId == null ? null : peers.get(peer.ownerId);
            if (owner == null || owner == peer || owner.objects.isEmpty()) {
                continue;
            }
            peer.foldedInto = owner;
        }
        for (Peer peer : peers.values()) {
            Peer top = peer;
            for (int hops = 0; top.foldedInto != null && hops < peers.size(); hops++) {
                top = top.foldedInto;
            }
            if (top != peer && top.foldedInto == null) {
                top.pods.addAll(peer.pods);
            } else if (top != peer) {
                peer.foldedInto = null; // an ownership cycle: keep the object as it is
            }
        }
    }

    /** Pods of one owner absent from the input: one workload with the first pod's labels. */
    private Workload collapse(List<OwnedPod> pods) {
        OwnedPod first = pods.get(0);
        Workload w = first.workload();
        LinkedHashSet<ContainerPort> ports = new LinkedHashSet<>();
        for (OwnedPod p : pods) {
            ports.addAll(p.workload().ports());
            if (p != first && !withoutPodIdentity(p.workload().podLabels()).equals(withoutPodIdentity(w.podLabels()))) {
                problems.add(LoadProblem.warning(
                        p.workload().source(),
                        "pod " + w.namespace() + "/" + p.podName()
                                + " has labels " + p.workload().podLabels() + " but pod " + w.namespace() + "/"
                                + first.podName() + " of the same owner " + w.id() + " (" + w.source() + ") has "
                                + w.podLabels() + "; the first pod's labels are used"));
            }
        }
        return new Workload(
                        w.kind(),
                        w.objectKind(),
                        w.namespace(),
                        w.name(),
                        w.podLabels(),
                        w.selector(),
                        new ArrayList<>(ports),
                        w.hostNetwork(),
                        pods.size(),
                        w.serviceName(),
                        w.annotations(),
                        w.configValues(),
                        w.configMapRefs(),
                        w.source())
                .withPlacement(podIps(pods), commonNode(pods), w.serviceAccount());
    }

    private void checkAgainstTemplate(OwnedPod pod, Workload owner) {
        Map<String, String> podLabels = withoutControllerLabels(pod.workload().podLabels());
        if (!podLabels.equals(withoutControllerLabels(owner.podLabels()))) {
            problems.add(LoadProblem.warning(
                    pod.workload().source(),
                    "pod " + owner.namespace() + "/"
                            + pod.podName() + " has labels " + pod.workload().podLabels()
                            + " but the template of its owner "
                            + owner.objectKind() + " " + owner.namespace() + "/" + owner.name() + " (" + owner.source()
                            + ") has " + owner.podLabels() + "; the owner's template is used"));
        }
    }

    private static Map<String, String> withoutControllerLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        out.keySet().removeAll(CONTROLLER_LABELS);
        return out;
    }

    /** Labels that tell one pod of an owner from its siblings by design (StatefulSet, indexed Job). */
    private static Map<String, String> withoutPodIdentity(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        out.keySet()
                .removeAll(Set.of(
                        "statefulset.kubernetes.io/pod-name",
                        "apps.kubernetes.io/pod-index",
                        "batch.kubernetes.io/job-completion-index"));
        return out;
    }
}
