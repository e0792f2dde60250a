package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The normalised policy model of a cluster: the tiers in evaluation order, every rule (by tier,
 * then precedence), the selections that make a tier's end action apply, and the problems the
 * compilers found.
 *
 * <p>The semantics, one side of a connection at a time (the source's egress, the destination's
 * ingress), for each set of connections: walk the tiers in order. In a tier, the first rule (by
 * precedence) whose subject selects the endpoint, whose peers match the other end and whose ports
 * cover the connection decides it: {@link Action#ALLOW} or {@link Action#DENY}; {@link Action#PASS}
 * skips to the next tier; {@link Action#LOG} goes on to the next rule. When no rule of the tier
 * decided, the tier's {@link TierEnd} applies if some {@link Selection} of the tier selects the
 * endpoint for that direction; else the next tier decides. After the last tier: allowed. A
 * connection is allowed when both sides allow it. {@link ReferenceEvaluator} is this paragraph as code.
 */
public record LayerModel(
        List<Tier> tiers, List<LayerRule> rules, List<Selection> selections, List<AnalysisProblem> problems) {

    private static final Comparator<LayerRule> ORDER =
            Comparator.comparing(LayerRule::tier).thenComparing(LayerRule::precedence);

    public LayerModel {
        tiers = List.copyOf(tiers);
        rules = List.copyOf(rules);
        selections = List.copyOf(selections);
        problems = List.copyOf(problems);
    }

    /** Runs every compiler over the cluster, in order. */
    public static LayerModel compile(Cluster cluster, List<? extends PolicyCompiler> compilers) {
        Builder b = new Builder();
        compilers.forEach(c -> c.compile(cluster, b));
        return b.build();
    }

    /** The attributes some subject or peer reads (beyond namespace, labels and named ports). */
    public Set<Attribute> reads() {
        Set<Attribute> out = EnumSet.noneOf(Attribute.class);
        for (LayerRule r : rules) {
            out.addAll(r.subject().reads());
            r.peers().forEach(p -> out.addAll(p.endpoints().reads()));
        }
        selections.forEach(s -> out.addAll(s.subject().reads()));
        return out;
    }

    /** Collects what the compilers produce. */
    public static final class Builder {
        private final List<LayerRule> rules = new ArrayList<>();
        private final List<Selection> selections = new ArrayList<>();
        private final List<AnalysisProblem> problems = new ArrayList<>();

        public Builder rule(LayerRule rule) {
            rules.add(rule);
            return this;
        }

        public Builder select(Selection selection) {
            selections.add(selection);
            return this;
        }

        public Builder error(SourceRef source, String message) {
            problems.add(new AnalysisProblem(AnalysisProblem.Severity.ERROR, source, message));
            return this;
        }

        public Builder warning(SourceRef source, String message) {
            problems.add(new AnalysisProblem(AnalysisProblem.Severity.WARNING, source, message));
            return this;
        }

        /** Tiers are those that rules or selections name; rules sort stably by tier, then precedence. */
        public LayerModel build() {
            TreeSet<Tier> tiers = new TreeSet<>();
            rules.forEach(r -> tiers.add(r.tier()));
            selections.forEach(s -> tiers.add(s.tier()));
            List<LayerRule> sorted = new ArrayList<>(rules);
            sorted.sort(ORDER);
            return new LayerModel(new ArrayList<>(tiers), sorted, selections, problems);
        }
    }
}
