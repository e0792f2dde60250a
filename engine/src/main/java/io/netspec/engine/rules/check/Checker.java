package io.netspec.engine.rules.check;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.RuleParams;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.engine.rules.runtime.Waivers;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code check}: runs the enabled rules, applies waiver annotations, the baseline and
 * severity overrides, and returns every finding (waived ones included).
 */
public final class Checker {

    private Checker() {}

    public static CheckResult check(RuleEngine engine, Cluster cluster, CheckConfig config, Baseline baseline)
            throws PackException {
        return check(engine, network(cluster, config), config, baseline);
    }

    /** The network a check of {@code cluster} under {@code config} runs on (rule settings travel as parameters). */
    public static Network network(Cluster cluster, CheckConfig config) {
        return Network.of(cluster);
    }

    /**
     * A check on a network the caller keeps, to read its {@linkplain Network#analysis() connectivity
     * analysis} (and its problems) afterwards without computing it twice.
     */
    public static CheckResult check(RuleEngine engine, Network net, CheckConfig config, Baseline baseline)
            throws PackException {
        net.prepareAnalysis(); // on the other core while derived facts and rules start
        List<RuleInfo> ran = engine.allRules().stream().filter(config::runs).toList();
        List<Finding> out = new ArrayList<>();
        List<Finding> raw =
                new ArrayList<>(engine.run(net.cluster(), net, config::runs, config.budget(), config.params()));
        if (config.runs(Waivers.MISPLACED)) {
            raw.addAll(Waivers.misplaced(net.cluster(), raw, engine.allRules()));
        }
        for (Finding f : raw) {
            RuleInfo rule = ran.stream()
                    .filter(r -> r.id().equals(f.ruleId()))
                    .findFirst()
                    .orElseThrow();
            out.add(baseline.apply(f, ran).withSeverity(config.severityOf(rule)));
        }
        List<RuleInfo> shown =
                ran.stream().map(r -> r.withSeverity(config.severityOf(r))).toList();
        return new CheckResult(out, shown);
    }

    /**
     * The config's rule parameters that no loaded rule declares, or of the wrong type: one
     * {@code file:line: message} each.
     */
    public static List<String> paramProblems(RuleEngine engine, CheckConfig config) {
        return RuleParams.problems(engine.allRules(), config.params());
    }

    /** Ids the config names that no loaded rule answers to (a typo would silently disable nothing). */
    public static List<String> unknownIds(RuleEngine engine, CheckConfig config) {
        return config.namedIds().stream()
                .filter(id -> engine.allRules().stream().noneMatch(r -> r.answersTo(id)))
                .sorted()
                .toList();
    }
}
