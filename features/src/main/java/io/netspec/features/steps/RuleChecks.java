package io.netspec.features.steps;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.rules.Baseline;
import io.netspec.engine.rules.CheckConfig;
import io.netspec.engine.rules.CheckResult;
import io.netspec.engine.rules.Checker;
import io.netspec.engine.rules.Pack;
import io.netspec.engine.rules.PackException;
import io.netspec.engine.rules.PackLoader;
import io.netspec.engine.rules.PackProblem;
import io.netspec.engine.rules.RuleEngine;
import io.netspec.features.SpecInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule packs of a scenario, compiled once per set of packs for the whole run (compiling DRL
 * takes seconds): the built-in packs on the classpath plus organisation packs given with
 * {@code Given the rule pack in "PATH"} or, for every scenario, the system property
 * {@value #RULES_PROPERTY} (the CLI's {@code --rules}; paths separated by the path separator).
 */
final class RuleChecks {

    static final String RULES_PROPERTY = "netspec.rules";
    /** A {@code .netspec.yaml} whose rule selection, severities and DNS settings the finding steps apply. */
    static final String CONFIG_PROPERTY = "netspec.config";

    private static final Map<List<Path>, RuleEngine> COMPILED = Collections.synchronizedMap(new HashMap<>());

    private RuleChecks() {
    }

    static List<Path> globalPacks() {
        return World.pathsFrom(RULES_PROPERTY, "NETSPEC_RULES");
    }

    static RuleEngine engine(List<Path> organisationPacks) {
        List<Path> key = List.copyOf(organisationPacks);
        RuleEngine engine = COMPILED.get(key);
        if (engine == null) {
            try {
                List<Pack> packs = new ArrayList<>(PackLoader.builtIn());
                for (Path path : key) {
                    packs.addAll(PackLoader.load(path));
                }
                engine = RuleEngine.compile(packs);
            } catch (PackException e) {
                throw problems("the rule packs do not compile", e);
            }
            COMPILED.put(key, engine);
        }
        return engine;
    }

    static CheckResult check(RuleEngine engine, Cluster cluster) {
        try {
            return Checker.check(engine, cluster, config(), Baseline.EMPTY);
        } catch (PackException e) {
            throw problems("a rule failed while checking", e);
        }
    }

    /** The run's config ({@value #CONFIG_PROPERTY} or {@code NETSPEC_CONFIG}), else the defaults. */
    static CheckConfig config() {
        List<Path> file = World.pathsFrom(CONFIG_PROPERTY, "NETSPEC_CONFIG");
        if (file.isEmpty()) {
            return CheckConfig.DEFAULTS;
        }
        try {
            return CheckConfig.load(file.get(0));
        } catch (CheckConfig.ConfigException e) {
            throw new SpecInputException(e.getMessage());
        }
    }

    private static SpecInputException problems(String what, PackException e) {
        return new SpecInputException(what + ":\n" + e.problems().stream().map(PackProblem::toString)
                .collect(Collectors.joining("\n")));
    }
}
