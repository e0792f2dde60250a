package io.netspec.engine.connectivity.cilium;

/**
 * The labels Cilium gives a pod's security identity (pkg/k8s/apis/cilium.io/const.go): its pod labels,
 * {@code io.kubernetes.pod.namespace}, {@code io.cilium.k8s.namespace.labels.<key>} for each namespace label,
 * {@code io.cilium.k8s.policy.serviceaccount} and {@code io.cilium.k8s.policy.cluster}. All have the
 * {@code k8s} source, so selector keys written {@code k8s:key}, {@code any:key} or {@code key} all test them.
 */
public final class CiliumIdentity {

    public static final String NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";
    public static final String SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";
    public static final String CLUSTER = "io.cilium.k8s.policy.cluster";
    /** Cilium's default cluster name. */
    public static final String DEFAULT_CLUSTER = "default";

    private CiliumIdentity() {}

    /** The label source of a selector key ({@code k8s}, {@code any}, {@code reserved}...), "" when none is written. */
    public static String source(String key) {
        int colon = key.indexOf(':');
        int slash = key.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) ? key.substring(0, colon) : "";
    }

    /** The key without its source. */
    public static String bare(String key) {
        String source = source(key);
        return source.isEmpty() ? key : key.substring(source.length() + 1);
    }

    /** True when a key of this source can test a pod's (k8s-source) labels. */
    public static boolean testsPodLabels(String key) {
        String source = source(key);
        return source.isEmpty() || source.equals("k8s") || source.equals("any");
    }
}
