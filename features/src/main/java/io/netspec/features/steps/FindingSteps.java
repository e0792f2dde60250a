package io.netspec.features.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.text.Suggestions;
import io.netspec.features.SpecInputException;
import io.netspec.features.reference.Reference;
import io.netspec.features.reference.Resolved;
import io.netspec.features.reference.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the rule packs say about the scenario's cluster: the built-in packs, plus organisation
 * packs. Waived findings (an annotation with a reason) do not count as reported; they are
 * listed in failure messages so that a waiver never hides silently.
 */
public final class FindingSteps {

    private final World world;

    public FindingSteps(World world) {
        this.world = world;
    }

    /** An organisation pack (a folder with pack.yaml, a folder of packs, or a jar), relative to the feature file. */
    @Given("the rule pack in {string}")
    public void theRulePackIn(String path) {
        world.addRulePack(path);
    }

    @Then("the checks report no findings")
    @Then("there are no findings")
    public void noFindings() {
        List<Finding> active = world.checkResult().active();
        if (!active.isEmpty()) {
            throw new AssertionError(
                    "expected no findings, but the checks report " + active.size() + ":\n" + lines(active));
        }
    }

    @Then("the checks report no errors")
    @Then("there are no errors")
    public void noErrors() {
        List<Finding> errors = world.checkResult().active().stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(
                    "expected no errors, but the checks report " + errors.size() + ":\n" + lines(errors));
        }
    }

    /**
     * Every object the reference stands for has an unwaived finding of the rule (or one of its aliases);
     * for {@code namespace "NS"}, the Namespace or an object in it has one.
     */
    @Then("rule {string} reports {workload}")
    public void ruleReports(String id, Reference subject) {
        if (subject instanceof Reference.InNamespace n) {
            requireNamespace(n.namespace());
            reportsObject(id, "Namespace", "", n.namespace(), n.text());
            return;
        }
        RuleInfo rule = rule(id);
        Resolved resolved = world.destination(subject);
        List<Finding> findings = findingsOf(rule);
        List<String> missing = new ArrayList<>();
        for (Object object : objects(resolved)) {
            if (findings.stream().noneMatch(f -> !f.waived() && isAbout(f, object))) {
                missing.add(describe(object));
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(
                    "expected rule \"" + rule.id() + "\" to report " + subject.text() + ", but it does not"
                            + " report " + String.join(", ", missing)
                            + (findings.isEmpty() ? "; it reports nothing" : "; it reports:\n" + lines(findings)));
        }
    }

    @Then("rule {string} reports nothing")
    public void ruleReportsNothing(String id) {
        RuleInfo rule = rule(id);
        List<Finding> active =
                findingsOf(rule).stream().filter(f -> !f.waived()).toList();
        if (!active.isEmpty()) {
            throw new AssertionError("expected rule \"" + rule.id() + "\" to report nothing, but it reports "
                    + active.size() + ":\n" + lines(active));
        }
    }

    /** None of the objects the reference stands for (for a namespace: it and the objects in it) has an unwaived finding of the rule. */
    @Then("rule {string} reports nothing on {workload}")
    public void ruleReportsNothingOn(String id, Reference subject) {
        if (subject instanceof Reference.InNamespace n) {
            requireNamespace(n.namespace());
            reportsNothingOnObject(id, "Namespace", "", n.namespace(), n.text());
            return;
        }
        RuleInfo rule = rule(id);
        Resolved resolved = world.destination(subject);
        List<Finding> about = findingsOf(rule).stream()
                .filter(f -> !f.waived())
                .filter(f -> objects(resolved).stream().anyMatch(o -> isAbout(f, o)))
                .toList();
        if (!about.isEmpty()) {
            throw new AssertionError("expected rule \"" + rule.id() + "\" to report nothing on " + subject.text()
                    + ", but it reports:\n" + lines(about));
        }
    }

    /** A finding of the rule on the NetworkPolicy (the object, or a line inside it). */
    @Then("rule {string} reports networkpolicy {string} in {string}")
    public void ruleReportsPolicy(String id, String name, String namespace) {
        requirePolicy(name, namespace);
        reportsObject(id, "NetworkPolicy", namespace, name, "networkpolicy \"" + name + "\" in \"" + namespace + "\"");
    }

    @Then("rule {string} reports nothing on networkpolicy {string} in {string}")
    public void ruleReportsNothingOnPolicy(String id, String name, String namespace) {
        requirePolicy(name, namespace);
        reportsNothingOnObject(
                id, "NetworkPolicy", namespace, name, "networkpolicy \"" + name + "\" in \"" + namespace + "\"");
    }

    private void reportsObject(String id, String kind, String namespace, String name, String text) {
        RuleInfo rule = rule(id);
        List<Finding> findings = findingsOf(rule);
        if (findings.stream().noneMatch(f -> !f.waived() && isAbout(f, kind, namespace, name))) {
            throw new AssertionError("expected rule \"" + rule.id() + "\" to report " + text + ", but it does not"
                    + (findings.isEmpty() ? "; it reports nothing" : "; it reports:\n" + lines(findings)));
        }
    }

    private void reportsNothingOnObject(String id, String kind, String namespace, String name, String text) {
        RuleInfo rule = rule(id);
        List<Finding> about = findingsOf(rule).stream()
                .filter(f -> !f.waived() && isAbout(f, kind, namespace, name))
                .toList();
        if (!about.isEmpty()) {
            throw new AssertionError("expected rule \"" + rule.id() + "\" to report nothing on " + text
                    + ", but it reports:\n" + lines(about));
        }
    }

    /**
     * A finding about the object; for a Namespace also one located on an object in it (rules about a
     * namespace without a Namespace object in the manifests point at its first workload).
     */
    private static boolean isAbout(Finding f, String kind, String namespace, String name) {
        if (kind.equals("Namespace")) {
            return f.objectKind().equals(kind) && f.name().equals(name)
                    || f.namespace().equals(name);
        }
        return f.objectKind().equals(kind)
                && f.namespace().equals(namespace)
                && f.name().equals(name);
    }

    /** A reference to a policy the manifests do not have is a mistake in the spec (exit 2), with the nearest names. */
    private void requirePolicy(String name, String namespace) {
        var cluster = world.cluster();
        if (cluster.policiesIn(namespace).stream().noneMatch(p -> p.name().equals(name))) {
            List<String> names =
                    cluster.policiesIn(namespace).stream().map(p -> p.name()).toList();
            List<String> near = Suggestions.closest(name, names, 3);
            throw new SpecInputException("no networkpolicy \"" + name + "\" in namespace \"" + namespace + "\""
                    + (near.isEmpty()
                            ? (names.isEmpty()
                                    ? "; the namespace has no NetworkPolicies"
                                    : "; policies there: " + String.join(", ", names))
                            : "; did you mean "
                                    + near.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(" or "))
                                    + "?"));
        }
    }

    private void requireNamespace(String name) {
        var cluster = world.cluster();
        if (cluster.namespace(name).isEmpty()) {
            List<String> names =
                    cluster.namespaces().stream().map(n -> n.name()).toList();
            List<String> near = Suggestions.closest(name, names, 3);
            throw new SpecInputException("no namespace \"" + name + "\" in the manifests"
                    + (near.isEmpty()
                            ? ""
                            : "; did you mean "
                                    + near.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(" or "))
                                    + "?"));
        }
    }

    private RuleInfo rule(String id) {
        CheckResult result = world.checkResult();
        return result.rules().stream().filter(r -> r.answersTo(id)).findFirst().orElseThrow(() -> {
            CheckConfig config = RuleChecks.config(world.run());
            if (config.disable().contains(id)
                    || !config.enable().isEmpty() && !config.enable().contains(id)) {
                return new SpecInputException("rule \"" + id + "\" does not run: the config ("
                        + world.run().settings().config().map(Path::toString).orElse("") + ") disables it");
            }
            List<String> ids = result.rules().stream().map(RuleInfo::id).toList();
            List<String> near = Suggestions.closest(id, ids, 3);
            return new SpecInputException("no rule \"" + id + "\" in the loaded packs"
                    + (near.isEmpty()
                            ? (ids.isEmpty() ? "; no rules are loaded" : "; rules: " + String.join(", ", ids))
                            : "; did you mean "
                                    + near.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(" or "))
                                    + "?"));
        });
    }

    private List<Finding> findingsOf(RuleInfo rule) {
        return world.checkResult().findings().stream()
                .filter(f -> f.ruleId().equals(rule.id()))
                .toList();
    }

    /** The objects a finding may be about: the Service itself for a service reference, else the workloads. */
    private static List<Object> objects(Resolved resolved) {
        if (resolved.service().isPresent()) {
            return List.of(resolved.service().get());
        }
        List<Object> out = new ArrayList<>();
        for (Target t : resolved.targets()) {
            out.add(t.workload()
                    .orElseThrow(() -> new SpecInputException(
                            "rules report objects of the cluster; " + resolved.text() + " is outside it")));
        }
        return out;
    }

    private static boolean isAbout(Finding f, Object object) {
        if (object instanceof ServiceFact s) {
            return f.objectKind().equals("Service")
                    && f.namespace().equals(s.namespace())
                    && f.name().equals(s.name());
        }
        Workload w = (Workload) object;
        return (f.objectKind().equalsIgnoreCase(w.objectKind())
                        || f.objectKind().equalsIgnoreCase(w.kind()))
                && f.namespace().equals(w.namespace())
                && f.name().equals(w.name());
    }

    private static String describe(Object object) {
        return object instanceof ServiceFact s ? s.id() : ((Workload) object).id();
    }

    /** Compiler style, one finding a line: {@code file:line: severity [rule-id] message}. */
    static String lines(List<Finding> findings) {
        return findings.stream()
                .map(f -> "  " + f.source() + ": " + f.severity().wireName().toLowerCase(Locale.ROOT) + " ["
                        + f.ruleId() + "] " + f.message() + (f.waived() ? " (waived: " + f.waiverReason() + ")" : ""))
                .collect(Collectors.joining("\n"));
    }
}
