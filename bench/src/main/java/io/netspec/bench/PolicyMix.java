package io.netspec.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy layers a generated cluster holds beside its Kubernetes NetworkPolicies
 * ({@code --mix admin,calico}): cluster-admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy v1alpha2), Calico's (Tier, GlobalNetworkPolicy, projectcalico.org NetworkPolicy)
 * and Cilium's (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy). Calico and Cilium are two CNI
 * plugins: a cluster runs one, so a mix names at most one of them.
 */
public record PolicyMix(Set<Layer> layers) {

    public static final PolicyMix NONE = new PolicyMix(EnumSet.noneOf(Layer.class));

    /** A policy layer the generator can mix in. */
    public enum Layer {
        ADMIN,
        CALICO,
        CILIUM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PolicyMix {
        layers = layers.isEmpty() ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(layers);
        if (layers.contains(Layer.CALICO) && layers.contains(Layer.CILIUM)) {
            throw new IllegalArgumentException("--mix takes calico or cilium, not both: a cluster runs one CNI plugin");
        }
    }

    /** {@code admin,calico} (any order, any case); {@code none} or an empty text for none. */
    public static PolicyMix parse(String text) {
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        for (String part : text.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty() || p.equals("NONE")) {
                continue;
            }
            try {
                layers.add(Layer.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown --mix layer '" + part.strip()
                                + "': expected admin, calico or cilium (comma-separated)",
                        e);
            }
        }
        return new PolicyMix(layers);
    }

    public boolean has(Layer layer) {
        return layers.contains(layer);
    }

    public boolean isEmpty() {
        return layers.isEmpty();
    }

    /** True when a CNI plugin's namespaced policies take a share of each namespace's policies. */
    public boolean hasPluginPolicies() {
        return has(Layer.CALICO) || has(Layer.CILIUM);
    }

    /** {@code admin+calico}: for folder names and the summary; {@code none} for none. */
    public String label() {
        return layers.isEmpty() ? "none" : layers.stream().map(Layer::label).collect(Collectors.joining("+"));
    }
}
