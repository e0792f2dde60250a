package io.netspec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifests of a generated cluster, file name to YAML text (in writing order), and what they
 * hold.
 */
public record GeneratedCluster(ClusterShape shape, long seed, PolicyMix mix, Map<String, String> files, Counts counts) {

    /** The file written last into an output folder; its presence means the folder is complete. */
    public static final String SUMMARY_FILE = "GENERATED.txt";

    /**
     * @param labelClasses distinct (namespace, pod labels, container ports) among workloads: the
     *                     equivalence classes a connectivity engine can collapse workloads into
     * @param policies     Kubernetes NetworkPolicies
     * @param adminPolicies  AdminNetworkPolicies, BaselineAdminNetworkPolicies and ClusterNetworkPolicies
     * @param calicoPolicies Calico Tiers, GlobalNetworkPolicies and NetworkPolicies
     * @param ciliumPolicies CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies
     */
    public record Counts(
            int namespaces,
            int workloads,
            int deployments,
            int statefulSets,
            int daemonSets,
            int services,
            int policies,
            int adminPolicies,
            int calicoPolicies,
            int ciliumPolicies,
            int labelClasses,
            long bytes) {

        /** Every policy object of every layer. */
        public int allPolicies() {
            return policies + adminPolicies + calicoPolicies + ciliumPolicies;
        }
    }

    public GeneratedCluster {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Writes every file into {@code dir} (created if missing), then {@value #SUMMARY_FILE}. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve(SUMMARY_FILE), summary() + "\n", StandardCharsets.UTF_8);
    }

    /** One line: seed and counts, as the generator prints it ({@code policies=} counts every layer). */
    public String summary() {
        Counts c = counts;
        String layers = mix.isEmpty()
                ? ""
                : " (networkpolicies=" + c.policies() + " admin=" + c.adminPolicies() + " calico=" + c.calicoPolicies()
                        + " cilium=" + c.ciliumPolicies() + ") mix=" + mix.label();
        return "seed=" + seed + " namespaces=" + c.namespaces() + " workloads=" + c.workloads()
                + " (deployments=" + c.deployments() + " statefulsets=" + c.statefulSets() + " daemonsets="
                + c.daemonSets() + ") services=" + c.services() + " policies=" + c.allPolicies() + layers
                + " labelClasses=" + c.labelClasses() + " files=" + files.size() + " bytes=" + c.bytes();
    }
}
