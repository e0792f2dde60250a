package io.netspec.engine.rules;

import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumRule;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Selector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions about the shape of Cilium policies that built-in packs ask from DRL. Pure functions of the
 * facts, following the pinned Cilium's semantics (see the README's Cilium section).
 */
public final class CiliumShapes {

    private static final String NAMESPACE = "io.kubernetes.pod.namespace";
    private static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

    private CiliumShapes() {
    }

    /**
     * True when the policy switches every pod of {@code namespace} to default deny for {@code direction}: a
     * valid rule whose endpointSelector is {@code {}} (or names only that namespace) and that has rules in
     * that direction with default deny on. A clusterwide policy does it for every namespace.
     */
    public static boolean defaultDenies(CiliumPolicyFact p, NamespaceFact namespace, String direction) {
        Direction d = Direction.valueOf(direction);
        if (!p.valid() || (!p.clusterwide() && !p.namespace().equals(namespace.name()))) {
            return false;
        }
        for (CiliumRule r : p.rules()) {
            if (r.endpointSelector().isPresent() && selectsWholeNamespace(r.endpointSelector().get(), namespace)
                    && !r.rules(d).isEmpty() && r.defaultDeny(d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the selector tests only the namespace (its name or its labels) and matches this one: it
     * selects every pod of the namespace, today's and tomorrow's.
     */
    private static boolean selectsWholeNamespace(Selector s, NamespaceFact namespace) {
        Map<String, String> identity = new HashMap<>();
        namespace.labels().forEach((k, v) -> identity.put(NAMESPACE_LABELS + k, v));
        identity.put(NAMESPACE, namespace.name());
        Map<String, String> match = new HashMap<>();
        s.matchLabels().forEach((k, v) -> match.put(bare(k), v));
        List<LabelRequirement> expressions = s.matchExpressions().stream()
                .map(r -> new LabelRequirement(bare(r.key()), r.operator(), r.values())).toList();
        Selector bare = new Selector(match, expressions);
        boolean namespaceOnly = bare.keys().stream().allMatch(k -> k.equals(NAMESPACE) || k.startsWith(NAMESPACE_LABELS));
        return namespaceOnly && bare.matches(identity);
    }

    private static String bare(String key) {
        return key.replaceFirst("^(k8s|any):", "");
    }

    /**
     * Allow rules written {@code {}} (no peer field, no toPorts, no icmps): in Cilium such a rule selects no
     * peer, so it allows nothing, while it still switches its subjects to default deny.
     */
    public static List<CiliumPeerRule> emptyAllowRules(CiliumPolicyFact p) {
        List<CiliumPeerRule> out = new ArrayList<>();
        for (CiliumRule r : p.rules()) {
            for (Direction d : Direction.values()) {
                for (CiliumPeerRule pr : r.rules(d)) {
                    if (!pr.deny() && pr.peers() instanceof CiliumPeers.Unspecified && pr.toPorts().isEmpty()
                            && !pr.icmps()) {
                        out.add(pr);
                    }
                }
            }
        }
        return out;
    }

    /** toPorts entries with L7 rules but no ports: they match no connection, so the rule allows nothing. */
    public static List<CiliumPortRule> l7WithoutPorts(CiliumPolicyFact p) {
        List<CiliumPortRule> out = new ArrayList<>();
        for (CiliumRule r : p.rules()) {
            for (Direction d : Direction.values()) {
                for (CiliumPeerRule pr : r.rules(d)) {
                    for (CiliumPortRule port : pr.toPorts()) {
                        if (port.l7().isPresent() && port.ports().isEmpty()) {
                            out.add(port);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rules of a clusterwide policy whose {@code endpointSelector: {}} selects every pod of every
     * namespace (kube-system included) with default deny on in some direction.
     */
    public static List<CiliumRule> clusterwideDefaultDenyEverywhere(CiliumPolicyFact p) {
        List<CiliumRule> out = new ArrayList<>();
        if (!p.clusterwide() || !p.valid()) {
            return out;
        }
        for (CiliumRule r : p.rules()) {
            if (r.endpointSelector().isPresent() && r.endpointSelector().get().isEmpty()
                    && (defaultDenyIn(r, Direction.INGRESS) || defaultDenyIn(r, Direction.EGRESS))) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean defaultDenyIn(CiliumRule r, Direction d) {
        return !r.rules(d).isEmpty() && r.defaultDeny(d);
    }
}
