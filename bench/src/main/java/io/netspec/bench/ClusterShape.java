package io.netspec.bench;

import java.util.Locale;

/**
 * How big a generated cluster is. {@code namespaces} counts the application namespaces; the
 * generator adds {@code kube-system} and {@code monitoring} with {@link #SYSTEM_WORKLOADS} workloads.
 *
 * @param workloads  every workload, system ones included
 * @param policies   every policy: NetworkPolicies, and those of the layers a {@link PolicyMix} adds
 * @param namespaces application namespaces
 */
public record ClusterShape(int workloads, int policies, int namespaces) {

    /** coredns, kube-proxy, metrics-server, prometheus, node-exporter, grafana. */
    public static final int SYSTEM_WORKLOADS = 6;

    public ClusterShape {
        if (namespaces < 1) {
            throw new IllegalArgumentException("--namespaces must be at least 1, got " + namespaces);
        }
        if (workloads < SYSTEM_WORKLOADS + namespaces) {
            throw new IllegalArgumentException("--workloads must be at least " + (SYSTEM_WORKLOADS + namespaces) + " ("
                    + SYSTEM_WORKLOADS + " system workloads and one per namespace), got " + workloads);
        }
        if (policies < 0) {
            throw new IllegalArgumentException("--policies must not be negative, got " + policies);
        }
    }

    /** The named sizes of the scale targets. */
    public enum Size {
        S(50, 20, 4),
        M(2_000, 500, 40),
        L(20_000, 5_000, 250),
        XL(50_000, 10_000, 500),
        XXL(100_000, 25_000, 2_500);

        private final ClusterShape shape;

        Size(int workloads, int policies, int namespaces) {
            this.shape = new ClusterShape(workloads, policies, namespaces);
        }

        public ClusterShape shape() {
            return shape;
        }

        public static Size parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown size '" + text + "': expected S, M, L, XL or XXL", e);
            }
        }
    }
}
