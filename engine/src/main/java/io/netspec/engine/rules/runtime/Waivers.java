package io.netspec.engine.rules.runtime;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.ObjectRef;
import io.netspec.engine.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Waivers written on the object: the annotation {@code netspec.io/ignore.<rule-id>: "<reason>"}.
 * A waived finding is kept, marked waived with the reason. An empty reason waives nothing and
 * is itself a finding ({@link #WITHOUT_REASON}), so every accepted risk says why; so is a waiver
 * naming no loaded rule ({@link #UNKNOWN}), so a typo in the id does not go unnoticed.
 */
public final class Waivers {

    public static final String PREFIX = "netspec.io/ignore.";

    /** The engine's own check on waivers; it belongs to no pack. */
    public static final RuleInfo WITHOUT_REASON = new RuleInfo(
            "waiver-without-reason",
            Severity.WARNING,
            "Waiver annotation without a reason",
            "Write why the finding is accepted as the annotation's value.",
            List.of(),
            RuleInfo.ENGINE_PACK,
            "waiver-without-reason",
            new SourceRef("netspec", 0));

    /** The engine's check that a waiver names a loaded rule: a typo in the id would waive nothing, silently. */
    public static final RuleInfo UNKNOWN = new RuleInfo(
            "unknown-waiver",
            Severity.WARNING,
            "Waiver annotation names no rule",
            "Write the id of the rule to waive after netspec.io/ignore. (netspec rules list prints them).",
            List.of(),
            RuleInfo.ENGINE_PACK,
            "unknown-waiver",
            new SourceRef("netspec", 0));

    /**
     * The engine's check that a waiver sits on the finding's subject: a waiver on the workload a
     * policy finding's message names waives nothing, and would otherwise say nothing.
     */
    public static final RuleInfo MISPLACED = new RuleInfo(
            "misplaced-waiver",
            Severity.WARNING,
            "Waiver annotation is not on the finding's subject",
            "Move the annotation to the object the finding is about (its kind and name are in the message).",
            List.of(),
            RuleInfo.ENGINE_PACK,
            "misplaced-waiver",
            new SourceRef("netspec", 0));

    private Waivers() {}

    /**
     * One {@code misplaced-waiver} finding per waiver annotation (with a reason, for a loaded
     * rule) that waives no finding on its own object while a finding of that rule about another
     * object names this one in its message: {@code waiver on X has no effect: the finding's subject is Y}.
     */
    public static List<Finding> misplaced(Cluster cluster, List<Finding> findings, List<RuleInfo> rules) {
        List<Finding> out = new ArrayList<>();
        objects(cluster)
                .forEach(o -> o.annotations().entrySet().stream()
                        .filter(a ->
                                a.getKey().startsWith(PREFIX) && !a.getValue().isBlank())
                        .map(a -> a.getKey().substring(PREFIX.length()))
                        .sorted()
                        .forEach(id -> {
                            List<String> ids = rules.stream()
                                    .filter(r -> r.answersTo(id))
                                    .map(RuleInfo::id)
                                    .toList();
                            List<Finding> ofRule = findings.stream()
                                    .filter(f -> ids.contains(f.ruleId()))
                                    .toList();
                            boolean onItself = ofRule.stream()
                                    .anyMatch(f -> f.objectKind().equals(o.kind())
                                            && f.namespace().equals(o.namespace())
                                            && f.name().equals(o.name()));
                            if (ids.isEmpty() || onItself) {
                                return;
                            }
                            ofRule.stream()
                                    .filter(f -> mentions(f.message(), o))
                                    .map(Finding::objectRef)
                                    .distinct()
                                    .sorted()
                                    .forEach(subject -> out.add(finding(
                                            MISPLACED,
                                            o,
                                            "waiver on " + name(o) + " (" + PREFIX + id
                                                    + ") has no effect: the finding's subject is " + subject)));
                        }));
        return out;
    }

    /** True when the message names the object as {@code ns/name} (or {@code name} when cluster-scoped). */
    private static boolean mentions(String message, ObjectRef o) {
        String ref = o.namespace().isEmpty() ? o.name() : o.namespace() + "/" + o.name();
        return Pattern.compile("(^|[^\\w./-])" + Pattern.quote(ref) + "($|[^\\w/-])")
                .matcher(message)
                .find();
    }

    /** The finding, waived when the object carries a waiver with a reason for the rule (or an alias). */
    static Finding apply(Finding finding, ObjectRef object, RuleInfo rule) {
        for (Map.Entry<String, String> a : object.annotations().entrySet()) {
            if (a.getKey().startsWith(PREFIX)
                    && rule.answersTo(a.getKey().substring(PREFIX.length()))
                    && !a.getValue().isBlank()) {
                return finding.waive(a.getValue().trim());
            }
        }
        return finding;
    }

    /** One {@code waiver-without-reason} finding per waiver annotation with an empty value. */
    static List<Finding> withoutReason(Cluster cluster) {
        List<Finding> out = new ArrayList<>();
        objects(cluster)
                .forEach(o -> o.annotations().entrySet().stream()
                        .filter(a ->
                                a.getKey().startsWith(PREFIX) && a.getValue().isBlank())
                        .map(Map.Entry::getKey)
                        .sorted()
                        .forEach(key -> out.add(finding(
                                WITHOUT_REASON,
                                o,
                                "annotation " + key + " on " + name(o) + " waives nothing: it has no reason"))));
        return out;
    }

    /**
     * One {@code unknown-waiver} finding per waiver annotation whose id no rule of {@code rules}
     * answers to (by id or alias), with the closest id as a hint.
     */
    static List<Finding> unknown(Cluster cluster, List<RuleInfo> rules) {
        List<Finding> out = new ArrayList<>();
        objects(cluster)
                .forEach(o -> o.annotations().keySet().stream()
                        .filter(key -> key.startsWith(PREFIX))
                        .filter(key -> rules.stream().noneMatch(r -> r.answersTo(key.substring(PREFIX.length()))))
                        .sorted()
                        .forEach(key -> out.add(finding(
                                UNKNOWN,
                                o,
                                "annotation " + key + " on " + name(o)
                                        + " waives nothing: no loaded rule has the id " + key.substring(PREFIX.length())
                                        + closest(key.substring(PREFIX.length()), rules)))));
        return out;
    }

    /** The objects carrying a waiver annotation, of every kind the rules see (a finding can only be about one of those). */
    private static Stream<ObjectRef> objects(Cluster cluster) {
        // the reference of an object is made only for the few with a waiver: there are three scans per check
        return cluster.kinds().all().stream()
                .filter(ObjectKind::ruleFact)
                .flatMap(k -> cluster.facts(k).stream())
                .filter(Waivers::carriesWaiver)
                .map(ObjectRef::of);
    }

    private static boolean carriesWaiver(ObjectFact fact) {
        Map<String, String> annotations = fact.annotations();
        if (annotations.isEmpty()) {
            return false;
        }
        for (String key : annotations.keySet()) {
            if (key.startsWith(PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private static String name(ObjectRef o) {
        return o.kind() + " " + (o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name();
    }

    private static Finding finding(RuleInfo rule, ObjectRef o, String message) {
        return new Finding(
                rule.id(),
                rule.severity(),
                rule.title(),
                message,
                rule.remediation(),
                o.kind(),
                o.namespace(),
                o.name(),
                o.source(),
                false,
                "",
                rule.provenance());
    }

    /**
     * {@code "; did you mean X?"} (or {@code "X or Y"}) with the nearest ids or aliases ({@link Suggestions}),
     * else a pointer to the list of rules.
     */
    private static String closest(String id, List<RuleInfo> rules) {
        List<String> near = Suggestions.closest(
                id,
                rules.stream()
                        .flatMap(r -> Stream.concat(Stream.of(r.id()), r.aliases().stream()))
                        .toList(),
                2);
        return near.isEmpty()
                ? " (netspec rules list prints the ids)"
                : "; did you mean " + String.join(" or ", near) + "?";
    }
}
