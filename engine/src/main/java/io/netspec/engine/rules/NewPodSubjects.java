package io.netspec.engine.rules;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.model.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules and selections of a model whose subject may select a new unlabelled pod, by the namespace it runs
 * in: what {@link Network#defaultDeniedBeyondNetworkPolicies} asks for every namespace and direction. Testing
 * every subject of the model for every namespace was rules x namespaces (most of rules lane 1 of a 100,000
 * workload Cilium cluster); a subject that names its namespace (a namespaced policy's) is now tried only
 * there, one whose pod selector needs a label never, and only subjects that may select in any namespace (an
 * admin policy's, a cluster-wide one's) everywhere. The candidates are still tested, so the answer is the
 * subject's own; they keep the model's order, which the evaluator depends on.
 */
final class NewPodSubjects {

    /** A subject's namespaces: {@code null} for "any namespace". */
    private static final Set<String> ANY = null;

    private final LayerModel model;
    private final Map<Direction, Candidates<LayerRule>> rules = new EnumMap<>(Direction.class);
    private final Map<Direction, Candidates<Selection>> selections = new EnumMap<>(Direction.class);

    NewPodSubjects(LayerModel model) {
        this.model = model;
        for (Direction d : Direction.values()) {
            rules.put(d, new Candidates<>(model.rules(), r -> r.direction() == d, LayerRule::subject));
            selections.put(d, new Candidates<>(model.selections(), s -> s.direction() == d, Selection::subject));
        }
    }

    /** The model cut to the rules and selections of {@code direction} whose subject selects {@code newPod}. */
    LayerModel selecting(EndpointAttributes newPod, Direction direction) {
        return new LayerModel(
                model.tiers(),
                rules.get(direction).selecting(newPod, LayerRule::subject),
                selections.get(direction).selecting(newPod, Selection::subject),
                List.of());
    }

    /**
     * The namespaces in which {@code match} may select a pod with no labels that is not on the host network;
     * {@link #ANY} when that is not known from its shape. A superset is always safe (the subject is tested).
     */
    static Set<String> namespaces(EndpointMatch match) {
        if (match instanceof EndpointMatch.Nothing) {
            return Set.of();
        }
        if (match instanceof EndpointMatch.Pods pods) {
            if (!pods.pods().matches(Map.of())) {
                return Set.of(); // its pods need a label
            }
            return pods.namespaces() instanceof EndpointMatch.Named n ? Set.of(n.name()) : ANY;
        }
        if (match instanceof EndpointMatch.Where where) {
            return namespaces(where.within()); // a necessary condition of the predicate
        }
        if (match instanceof EndpointMatch.AllOf all) {
            Set<String> out = ANY;
            for (EndpointMatch m : all.matches()) {
                Set<String> some = namespaces(m);
                if (some != ANY) {
                    if (out == ANY) {
                        out = new TreeSet<>(some);
                    } else {
                        out.retainAll(some);
                    }
                }
            }
            return out;
        }
        if (match instanceof EndpointMatch.AnyOf any) {
            Set<String> out = new TreeSet<>();
            for (EndpointMatch m : any.matches()) {
                Set<String> some = namespaces(m);
                if (some == ANY) {
                    return ANY;
                }
                out.addAll(some);
            }
            return out;
        }
        return ANY; // all, addresses, nodes, not: not narrowed by namespace
    }

    /** One direction's rules (or selections), as positions in the model's list, by namespace. */
    private static final class Candidates<T> {
        private final List<T> all;
        private final int[] anywhere;
        private final Map<String, int[]> byNamespace = new HashMap<>();

        Candidates(List<T> all, Predicate<T> ofDirection, Function<T, EndpointMatch> subject) {
            this.all = all;
            List<Integer> everywhere = new ArrayList<>();
            Map<String, List<Integer>> named = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                T t = all.get(i);
                if (!ofDirection.test(t)) {
                    continue;
                }
                Set<String> in = namespaces(subject.apply(t));
                if (in == ANY) {
                    everywhere.add(i);
                } else {
                    for (String ns : in) {
                        named.computeIfAbsent(ns, k -> new ArrayList<>()).add(i);
                    }
                }
            }
            anywhere = ints(everywhere);
            named.forEach((ns, positions) -> byNamespace.put(ns, ints(positions)));
        }

        /** The candidates of the pod's namespace, tested, in the model's order (both position lists ascend). */
        List<T> selecting(EndpointAttributes pod, Function<T, EndpointMatch> subject) {
            int[] here = byNamespace.getOrDefault(pod.namespace(), new int[0]);
            List<T> out = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < anywhere.length || j < here.length) {
                int next = j == here.length || i < anywhere.length && anywhere[i] < here[j] ? anywhere[i++] : here[j++];
                T t = all.get(next);
                if (subject.apply(t).test(pod)) {
                    out.add(t);
                }
            }
            return out;
        }

        private static int[] ints(List<Integer> list) {
            return list.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
