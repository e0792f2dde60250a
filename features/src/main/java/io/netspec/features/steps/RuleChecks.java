package io.netspec.features.steps;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.RuleParams;
import io.netspec.engine.rules.check.Baseline;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.check.Checker;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.packs.PackProblem;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.features.SpecInputException;
import io.netspec.features.SpecRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rule packs of a scenario, compiled once per set of packs in the run (compiling DRL takes
 * seconds): the built-in packs on the classpath plus organisation packs given with
 * {@code Given the rule pack in "PATH"} or, for every scenario, the run's packs (the CLI's {@code --rules}).
 */
final class RuleChecks {

    private RuleChecks() {}

    static RuleEngine engine(SpecRun run, List<Path> organisationPacks) {
        return run.compiled(organisationPacks, key -> {
            try {
                List<Pack> packs = new ArrayList<>(PackLoader.builtIn());
                for (Path path : key) {
                    packs.addAll(PackLoader.load(path));
                }
                return RuleEngine.compile(packs);
            } catch (PackException e) {
                throw problems("the rule packs do not compile", e);
            }
        });
    }

    /**
     * The checks of the scenario's cluster under the run's config, whose rule parameters are first held to
     * what {@code netspec check} holds them to: parameters the loaded rules declare, values of the declared
     * types (a spec error naming the config's file and line, not the exception the run would throw). Ids in
     * {@code enable}/{@code disable} are not held to the loaded rules here: a scenario may load fewer packs
     * than the config was written for.
     */
    static CheckResult check(SpecRun run, RuleEngine engine, Network network) {
        CheckConfig config = config(run);
        List<String> badParams = Checker.paramProblems(engine, config);
        if (!badParams.isEmpty()) {
            throw new SpecInputException(
                    "the config's rule parameters do not fit the loaded rules:\n" + String.join("\n", badParams));
        }
        try {
            return Checker.check(engine, network, config, Baseline.EMPTY);
        } catch (PackException e) {
            throw problems("a rule failed while checking", e);
        }
    }

    /** The run's config ({@code --config}, {@code NETSPEC_CONFIG}), else the defaults. */
    static CheckConfig config(SpecRun run) {
        Optional<Path> file = run.settings().config();
        if (file.isEmpty()) {
            return CheckConfig.DEFAULTS;
        }
        try {
            return CheckConfig.load(file.get());
        } catch (CheckConfig.ConfigException e) {
            throw new SpecInputException(e.getMessage());
        }
    }

    /**
     * Where cluster DNS runs, as rule dns-egress-blocked takes it: its parameters in the run's config
     * ({@code rules.params}, or the older {@code dns:}, which the config turns into the same parameters), else
     * Kubernetes' convention.
     */
    static ClusterDns.Target dnsTarget(SpecRun run) {
        ClusterDns.Target dns = ClusterDns.Target.DEFAULT;
        String namespace = dns.namespace();
        String service = dns.service();
        Map<String, String> labels = dns.podLabels();
        for (RuleParams.Setting s : config(run).params()) {
            if (!s.ruleId().equals(ClusterDns.RULE_ID)) {
                continue;
            }
            switch (s.name()) {
                case "namespace" -> namespace = String.valueOf(s.value());
                case "service" -> service = String.valueOf(s.value());
                case "podSelector" -> {
                    if (s.value() instanceof Map<?, ?> m) {
                        Map<String, String> l = new java.util.TreeMap<>();
                        m.forEach((k, v) -> l.put(String.valueOf(k), String.valueOf(v)));
                        labels = l;
                    }
                }
                default -> {}
            }
        }
        int slash = service.indexOf('/');
        if (slash >= 0) {
            namespace = service.substring(0, slash);
            service = service.substring(slash + 1);
        }
        try {
            return new ClusterDns.Target(namespace, service, labels);
        } catch (IllegalArgumentException e) {
            throw new SpecInputException("the " + ClusterDns.RULE_ID + " parameters: " + e.getMessage());
        }
    }

    private static SpecInputException problems(String what, PackException e) {
        return new SpecInputException(
                what + ":\n" + e.problems().stream().map(PackProblem::toString).collect(Collectors.joining("\n")));
    }
}
