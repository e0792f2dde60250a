package io.netspec.engine.rules;

import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumRule;
import io.netspec.engine.model.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions about the shape of Cilium policies that built-in packs ask from DRL. Pure functions of the
 * facts, following the pinned Cilium's semantics (see the README's Cilium section). Whether a policy denies
 * by default is not a shape question: the rules ask the evaluator ({@link Network#defaultDeniedBeyondNetworkPolicies}).
 */
public final class CiliumShapes {

    private CiliumShapes() {}

    /**
     * Allow rules written {@code {}} (no peer field, no toPorts, no icmps): in Cilium such a rule selects no
     * peer, so it allows nothing, while it still switches its subjects to default deny.
     */
    public static List<CiliumPeerRule> emptyAllowRules(CiliumPolicyFact p) {
        List<CiliumPeerRule> out = new ArrayList<>();
        for (CiliumRule r : p.rules()) {
            for (Direction d : Direction.values()) {
                for (CiliumPeerRule pr : r.rules(d)) {
                    if (!pr.deny()
                            && pr.peers() instanceof CiliumPeers.Unspecified
                            && pr.toPorts().isEmpty()
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
            if (r.endpointSelector().isPresent()
                    && r.endpointSelector().get().isEmpty()
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
