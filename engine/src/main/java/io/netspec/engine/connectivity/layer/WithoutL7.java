package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.model.Cluster;

/**
 * A compiler's output without its rules of one action that L7 rules also decide ({@link LayerRule#l7()}):
 * the views in which a spec's verdict holds whatever the requests are. Without the L7 allows, what is
 * allowed is allowed for every request ("can reach" is proven); without the L7 denies, what is denied is
 * denied for every request ("cannot reach" is proven). Selections and problems are kept.
 *
 * @param inner   the compiler whose output is filtered
 * @param dropped the action of the L7 rules left out ({@link Action#ALLOW} or {@link Action#DENY})
 */
public record WithoutL7(PolicyCompiler inner, Action dropped) implements PolicyCompiler {

    @Override
    public void compile(Cluster cluster, LayerModel.Builder out) {
        LayerModel.Builder all = new LayerModel.Builder();
        inner.compile(cluster, all);
        LayerModel model = all.build();
        for (LayerRule r : model.rules()) {
            if (r.l7().isEmpty() || r.action() != dropped) {
                out.rule(r);
            }
        }
        model.selections().forEach(out::select);
        for (AnalysisProblem p : model.problems()) {
            if (p.isError()) {
                out.error(p.source(), p.message());
            } else {
                out.warning(p.source(), p.message());
            }
        }
    }

    /** True when some rule of the model with that action is also decided by L7 rules: only then does the view differ. */
    public static boolean matters(LayerModel model, Action action) {
        return model.rules().stream().anyMatch(r -> r.l7().isPresent() && r.action() == action);
    }
}
