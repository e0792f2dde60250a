package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.Selection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The endpoint matches a compiled model holds, for the properties that test each of them (tests). */
final class ModelMatches {
    private ModelMatches() {}

    /**
     * Every node of every match of the model's rules (subjects and peers) and selections, composite ones
     * and their parts included (a {@link EndpointMatch.Where}'s necessary condition too), once each.
     */
    static List<EndpointMatch> everyNode(LayerModel model) {
        Set<EndpointMatch> out = new LinkedHashSet<>();
        for (LayerRule r : model.rules()) {
            walk(r.subject(), out);
            for (Peer p : r.peers()) {
                walk(p.endpoints(), out);
            }
        }
        for (Selection s : model.selections()) {
            walk(s.subject(), out);
        }
        return new ArrayList<>(out);
    }

    private static void walk(EndpointMatch m, Set<EndpointMatch> out) {
        out.add(m);
        if (m instanceof EndpointMatch.AnyOf any) {
            any.matches().forEach(x -> walk(x, out));
        } else if (m instanceof EndpointMatch.AllOf all) {
            all.matches().forEach(x -> walk(x, out));
        } else if (m instanceof EndpointMatch.Not not) {
            walk(not.match(), out);
        } else if (m instanceof EndpointMatch.Where where) {
            walk(where.within(), out);
        }
    }
}
