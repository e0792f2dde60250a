package io.netspec.engine.rules.runtime;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.RuleParam;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.packs.PackProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** Reads and checks the {@code @id @severity @title @remediation @aliases} metadata of compiled rules. */
final class RuleMetadata {

    private RuleMetadata() {}

    /**
     * The metadata of every check, keyed by {@code package.ruleName}; rules marked
     * {@code @internal} are left out. Problems are added to {@code problems}.
     */
    static Map<String, RuleInfo> read(
            Collection<KieBase> kieBases, Collection<RuleEngine.Located> files, List<PackProblem> problems) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        Map<String, RuleInfo> byId = new HashMap<>();
        List<Rule> all = new ArrayList<>();
        for (KieBase kieBase : kieBases) {
            for (KiePackage pkg : kieBase.getKiePackages()) {
                all.addAll(pkg.getRules());
            }
        }
        all.sort(Comparator.comparing(RuleEngine::key));
        for (Rule rule : all) {
            RuleEngine.Located where = locate(rule, files);
            SourceRef source = where == null
                    ? new SourceRef(rule.getPackageName(), 0)
                    : RuleEngine.sourceOf(where, rule.getName());
            Map<String, Object> meta = rule.getMetaData();
            if (meta.containsKey("internal")) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String key : List.of("id", "severity", "title", "remediation")) {
                if (text(meta, key).isEmpty()) {
                    missing.add("@" + key);
                }
            }
            String at = "rule \"" + rule.getName() + "\"";
            if (!missing.isEmpty()) {
                problem(
                        problems,
                        source,
                        at + " lacks " + String.join(", ", missing) + " (or mark a helper rule @internal)");
                continue;
            }
            String id = text(meta, "id");
            Optional<Severity> severity = Severity.parse(text(meta, "severity"));
            String remediation = text(meta, "remediation");
            List<String> aliases = Arrays.stream(text(meta, "aliases").split("[,\\s]+"))
                    .filter(a -> !a.isEmpty())
                    .toList();
            boolean ok = true;
            for (String candidate : concat(id, aliases)) {
                if (!candidate.matches(RuleInfo.ID_PATTERN)) {
                    problem(
                            problems,
                            source,
                            at + ": id \"" + candidate + "\" is not kebab-case (e.g. missing-default-deny)");
                    ok = false;
                } else if (byId.containsKey(candidate)) {
                    RuleInfo other = byId.get(candidate);
                    problem(
                            problems,
                            source,
                            at + ": duplicate id \"" + candidate + "\", also used by rule \"" + other.ruleName()
                                    + "\" at " + other.source());
                    ok = false;
                }
            }
            if (severity.isEmpty()) {
                problem(
                        problems,
                        source,
                        at + ": @severity(\"" + text(meta, "severity") + "\") must be error, warning or info");
                ok = false;
            }
            if (!remediation.endsWith(".")) {
                problem(problems, source, at + ": @remediation must be one imperative sentence ending in a period");
                ok = false;
            }
            List<String> paramProblems = new ArrayList<>();
            Object declared = meta.get("params");
            List<RuleParam> params =
                    declared == null ? List.of() : RuleParam.parseAll(String.valueOf(declared), paramProblems);
            for (String p : paramProblems) {
                problem(problems, source, at + ": " + p);
                ok = false;
            }
            if (!ok) {
                continue;
            }
            RuleInfo info = new RuleInfo(
                    id,
                    severity.get(),
                    text(meta, "title"),
                    remediation,
                    aliases,
                    where == null ? "" : where.pack().name(),
                    rule.getName(),
                    source,
                    where == null ? "" : where.pack().version(),
                    params);
            out.put(RuleEngine.key(rule), info);
            concat(id, aliases).forEach(a -> byId.put(a, info));
        }
        return out;
    }

    private static List<String> concat(String id, List<String> aliases) {
        List<String> all = new ArrayList<>(List.of(id));
        all.addAll(aliases);
        return all;
    }

    private static void problem(List<PackProblem> problems, SourceRef at, String message) {
        problems.add(new PackProblem(at.file(), at.line(), message));
    }

    /** Drools keeps a quoted value's quotes in some versions: strip them. */
    static String text(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v).trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.trim();
    }

    private static RuleEngine.Located locate(Rule rule, Collection<RuleEngine.Located> files) {
        for (RuleEngine.Located f : files) {
            if (rule.getPackageName().equals(RuleEngine.packageOf(f.file().content()))
                    && RuleEngine.lineOf(
                                    f.file().content(),
                                    "rule\\s+(\"" + Pattern.quote(rule.getName()) + "\"|"
                                            + Pattern.quote(rule.getName()) + "\\b)")
                            > 0) {
                return f;
            }
        }
        return null;
    }
}
