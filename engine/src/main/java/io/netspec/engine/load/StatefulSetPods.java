package io.netspec.engine.load;

import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labels the StatefulSet controller adds to each pod, {@code statefulset.kubernetes.io/pod-name=<name>-<ordinal>}
 * and {@code apps.kubernetes.io/pod-index=<ordinal>}, make one pod selectable on its own (a Service per
 * Kafka broker, a policy for the primary). When a Service or NetworkPolicy selector in the input names
 * one of those keys, each StatefulSet is analysed per pod: {@code ns/web-0[StatefulSet]},
 * {@code ns/web-1[StatefulSet]}, ... each with its own labels, so that connectivity, reach, explain and
 * the rules are exact per pod. Only pod 0 keeps the controller's selector and serviceName (the rules
 * about the controller report once). Otherwise the StatefulSet stays one workload: nothing selects a
 * single pod, and the per-pod labels cannot change any answer.
 */
final class StatefulSetPods {

    static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX = "apps.kubernetes.io/pod-index";
    private static final Set<String> PER_POD = Set.of(POD_NAME, POD_INDEX);

    /** More replicas than this stay one workload: the per-pod view is for the few-replica sets that use it. */
    static final int MAX_SPLIT = 64;

    private StatefulSetPods() {}

    static List<Workload> perPodWhereSelected(
            List<Workload> workloads, List<ServiceFact> services, List<PolicyFact> policies) {
        if (!selectsSinglePods(services, policies)) {
            return workloads;
        }
        List<Workload> out = new ArrayList<>();
        for (Workload w : workloads) {
            if (w.objectKind().equals("StatefulSet")
                    && w.replicas() > 1
                    && w.replicas() <= MAX_SPLIT
                    && !w.podLabels().containsKey(POD_NAME)) {
                for (int i = 0; i < w.replicas(); i++) {
                    out.add(pod(w, i));
                }
            } else if (w.objectKind().equals("StatefulSet")
                    && w.replicas() == 1
                    && !w.podLabels().containsKey(POD_NAME)) {
                out.add(pod(w, 0));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static Workload pod(Workload w, int ordinal) {
        Map<String, String> labels = new TreeMap<>(w.podLabels());
        labels.put(POD_NAME, w.name() + "-" + ordinal);
        labels.put(POD_INDEX, Integer.toString(ordinal));
        boolean first = ordinal == 0;
        return new Workload(
                w.kind(),
                w.objectKind(),
                w.namespace(),
                w.name() + "-" + ordinal,
                labels,
                first ? w.selector() : Optional.empty(),
                w.ports(),
                w.hostNetwork(),
                1,
                first ? w.serviceName() : "",
                w.annotations(),
                w.configValues(),
                w.configMapRefs(),
                w.source(),
                w.podIps(),
                w.nodeName(),
                w.serviceAccount(),
                w.images());
    }

    // loops without streams or copies: every Service and policy of the input is looked at before the analysis starts
    private static boolean selectsSinglePods(List<ServiceFact> services, List<PolicyFact> policies) {
        for (ServiceFact s : services) {
            if (s.selector().isPresent() && namesPerPodKey(s.selector().get().keySet())) {
                return true;
            }
        }
        for (PolicyFact p : policies) {
            if (names(p.podSelector()) || peersName(p.ingress()) || peersName(p.egress())) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersName(List<PolicyRule> rules) {
        for (PolicyRule r : rules) {
            for (PolicyPeer peer : r.peers()) {
                if (peer.podSelector().isPresent() && names(peer.podSelector().get())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean names(Selector s) {
        if (namesPerPodKey(s.matchLabels().keySet())) {
            return true;
        }
        for (LabelRequirement r : s.matchExpressions()) {
            if (PER_POD.contains(r.key())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesPerPodKey(Set<String> keys) {
        for (String key : keys) {
            if (PER_POD.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
