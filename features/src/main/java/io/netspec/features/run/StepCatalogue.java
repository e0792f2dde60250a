package io.netspec.features.run;

import io.netspec.engine.text.Suggestions;
import io.netspec.features.Verbs;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The step vocabulary as users read it: every step expression with an example and its meaning.
 * {@code netspec test --steps} prints it; undefined steps are matched against it for a
 * suggestion. A test checks that every example runs against a defined step and that every step
 * definition is listed here.
 */
public final class StepCatalogue {

    /** One step: the Cucumber expression, an example as a spec writes it, and what it means. */
    public record Entry(String group, String expression, String example, String meaning) {}

    private static final List<Entry> CONNECTIVITY_AND_CLUSTER = List.of(
            new Entry(
                    "Setup",
                    "the manifests in {string}",
                    "Given the manifests in \"../\"",
                    "files or folders (recursive), relative to the feature file's folder; several such steps add up"),
            new Entry(
                    "Setup",
                    "the manifests:",
                    "Given the manifests:\n  \"\"\"\n  apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: demo\n  \"\"\"",
                    "inline YAML in a doc string"),
            new Entry(
                    "Setup",
                    "the manifests in {string} are applied",
                    "When the manifests in \"changes/new-policy.yaml\" are applied",
                    "what-if: objects replace those of the same kind, namespace and name; new ones are added"),
            new Entry(
                    "Setup",
                    "these manifests are applied:",
                    "When these manifests are applied:\n  \"\"\"\n  <YAML>\n  \"\"\"",
                    "what-if with inline YAML"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CAN + " reach {workload}",
                    "Then deployment \"web\" in \"shop-frontend\" can reach deployment \"api\" in \"shop-backend\"",
                    "every source workload reaches every destination on some port (through a Service: on each of its ports);"
                            + " can, must and should say the same"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CAN + " reach {workload} on {port}",
                    "Then deployment \"api\" in \"shop-backend\" must reach service \"postgres\" in \"shop-data\" on port 5432",
                    "on that port: port 5432 (TCP), port 53/UDP, UDP port 53, ports 8000-8100 (every port of the range),"
                            + " or a port name resolved on the destination"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CANNOT + " reach {workload}",
                    "Then deployment \"web\" in \"shop-frontend\" cannot reach statefulset \"postgres\" in \"shop-data\"",
                    "no source workload reaches any destination, on no port and no protocol"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CAN_NOT + " reach {workload}",
                    "Then the internet must not reach deployment \"api\" in \"shop-backend\"",
                    "synonyms of cannot reach"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CANNOT + " reach {workload} on {port}",
                    "Then pods labelled \"tier=frontend\" in any namespace cannot reach pods labelled \"app=redis\" in \"shop-backend\" on TCP port 6379",
                    "none reaches on that port (on no port of a range)"),
            new Entry(
                    "Connectivity",
                    "{workload} " + Verbs.CAN_NOT + " reach {workload} on {port}",
                    "Then deployment \"worker\" in \"shop-backend\" must not reach cidr \"10.0.0.0/8\" on port 22",
                    "synonyms of cannot reach on port"),
            new Entry(
                    "Connectivity",
                    "{workload} is isolated for {direction}",
                    "Then statefulset \"postgres\" in \"shop-data\" is isolated for ingress",
                    "some NetworkPolicy selects every one of its pods for that direction (ingress or egress)"),
            new Entry(
                    "Connectivity",
                    "{workload} is not isolated for {direction}",
                    "Then deployment \"coredns\" in \"kube-system\" is not isolated for egress",
                    "no NetworkPolicy selects its pods for that direction"));

    private static final List<Entry> FINDINGS = List.of(
            new Entry(
                    "Findings",
                    "the rule pack in {string}",
                    "Given the rule pack in \"../../acme-pack\"",
                    "an organisation rule pack (folder with pack.yaml, folder of packs, or jar) beside the built-in packs"),
            new Entry(
                    "Findings",
                    "the checks report no findings",
                    "Then the checks report no findings",
                    "no unwaived finding of any severity from the loaded packs"),
            new Entry("Findings", "there are no findings", "Then there are no findings", "synonym of the above"),
            new Entry(
                    "Findings",
                    "the checks report no errors",
                    "Then the checks report no errors",
                    "no unwaived finding of severity error"),
            new Entry("Findings", "there are no errors", "Then there are no errors", "synonym of the above"),
            new Entry(
                    "Findings",
                    "rule {string} reports {workload}",
                    "Then rule \"unknown-dependency\" reports deployment \"worker\" in \"shop-backend\"",
                    "the rule (id or alias) has an unwaived finding on each object of the reference (a service reference: the Service;"
                            + " namespace \"NS\": the Namespace or an object in it)"),
            new Entry(
                    "Findings",
                    "rule {string} reports nothing",
                    "Then rule \"service-target-port-mismatch\" reports nothing",
                    "the rule has no unwaived finding"),
            new Entry(
                    "Findings",
                    "rule {string} reports nothing on {workload}",
                    "Then rule \"unknown-dependency\" reports nothing on deployment \"api\" in \"shop-backend\"",
                    "the rule has no unwaived finding on those objects"),
            new Entry(
                    "Findings",
                    "rule {string} reports networkpolicy {string} in {string}",
                    "Then rule \"ignored-policy-rules\" reports networkpolicy \"worker\" in \"shop-backend\"",
                    "the rule has an unwaived finding on that NetworkPolicy (on the object or a line inside it)"),
            new Entry(
                    "Findings",
                    "rule {string} reports nothing on networkpolicy {string} in {string}",
                    "Then rule \"allow-all-ingress\" reports nothing on networkpolicy \"default-deny\" in \"shop-backend\"",
                    "the rule has no unwaived finding on that NetworkPolicy"));

    private static final List<Entry> REFERENCES = List.of(
            new Entry(
                    "References",
                    "deployment \"NAME\" in \"NS\"",
                    "deployment \"api\" in \"shop-backend\"",
                    "likewise statefulset, daemonset, replicaset, job, cronjob, pod (or as Kubernetes spells the kind:"
                            + " StatefulSet); in namespace \"NS\" works too; without in \"NS\", the one namespace"
                            + " that has it"),
            new Entry("References", "workload \"NS/NAME\"", "workload \"shop-backend/api\"", "a workload of any kind"),
            new Entry(
                    "References",
                    "pods labelled \"k=v[,k2=v2]\" in \"NS\"",
                    "pods labelled \"tier=backend\" in \"shop-backend\"",
                    "every workload whose pods carry all the labels (quotes optional: pods labelled app=web in \"NS\");"
                            + " or: in any namespace (the same as no in)"),
            new Entry(
                    "References",
                    "namespace \"NS\"",
                    "namespace \"shop-frontend\"",
                    "every workload in the namespace (or: pods in \"NS\"); for rule steps, the Namespace and the"
                            + " objects in it"),
            new Entry(
                    "References",
                    "service \"NAME\" in \"NS\"",
                    "service \"postgres\" in \"shop-data\"",
                    "the pods behind the Service; its ports translate to their targetPorts; without in \"NS\", the"
                            + " one namespace that has it"),
            new Entry(
                    "References",
                    "the internet",
                    "the internet",
                    "any address outside the cluster (some address for can reach, no address for cannot reach)"),
            new Entry(
                    "References",
                    "the cluster DNS",
                    "the cluster DNS",
                    "or DNS, kube-dns: where rule dns-egress-blocked's parameters (.netspec.yaml) say it runs, by default"
                            + " service \"kube-dns\" in \"kube-system\" (its pods, through its ports); without a port, on 53/UDP"
                            + " and 53/TCP"),
            new Entry(
                    "References",
                    "the world",
                    "the world",
                    "Cilium's name for the same: any address outside the cluster (the world entity)"),
            new Entry(
                    "References",
                    "the host",
                    "the host",
                    "the node the pod at the other end runs on (kubelet probes, node agents): Cilium decides it by "
                            + "policy (host entity); Kubernetes NetworkPolicy never blocks it; under Calico it is not decided"),
            new Entry("References", "cidr \"A.B.C.D/N\"", "cidr \"203.0.113.0/24\"", "every address of that range"),
            new Entry(
                    "Ports",
                    "{port}",
                    "port 5432, port 53/UDP, UDP port 53, port 53 over UDP, ports 8000-8100, ports 80 and 443, port http,"
                            + " port \"dns\"/UDP",
                    "a number or range is TCP unless a protocol is given; a name resolves on the destination pods; a list"
                            + " (ports 80, 443 and 8080): can reach on each, cannot reach on none;"
                            + " through a Service, a Service port's number, range or name"));

    private final List<Entry> entries;

    private StepCatalogue(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The vocabulary of this build: setup, connectivity and finding steps, reference and port forms. */
    public static StepCatalogue standard() {
        List<Entry> all = new ArrayList<>(CONNECTIVITY_AND_CLUSTER);
        all.addAll(FINDINGS);
        all.addAll(REFERENCES);
        return new StepCatalogue(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries that are steps (not reference or port forms). */
    public List<Entry> steps() {
        return entries.stream()
                .filter(e -> !e.group().equals("References") && !e.group().equals("Ports"))
                .toList();
    }

    /**
     * The defined step closest to an undefined step's text, by the shared edit distance ({@link Suggestions})
     * on the shape of the text (quoted values and numbers made alike). Unlike a misspelt name, an undefined
     * step always gets one: a step is a sentence of a fixed grammar, so a changed word ("can talk to" for
     * "can reach") is further than a third of the sentence and still the step meant.
     */
    public Optional<Entry> closest(String stepText) {
        return closest(stepText, 1).stream().findFirst();
    }

    /**
     * The defined steps closest to an undefined step's text, nearest first: the closest, and up to {@code max - 1}
     * more that are about as close (a word or two further), so that a step between two ("must reach ... over UDP")
     * shows both.
     */
    public List<Entry> closest(String stepText, int max) {
        String wanted = shape(stepText);
        // ties between synonyms go to the one worded as the step is ("must not reach" for "must not reach")
        String worded = shape(stepText, false);
        List<Entry> sorted = steps().stream()
                .sorted(Comparator.<Entry>comparingInt(e -> distance(wanted, e))
                        .thenComparingInt(e -> Suggestions.distance(worded, shape(stripKeyword(e.example()), false))))
                .toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        int best = distance(wanted, sorted.get(0));
        List<Entry> out = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Entry e : sorted) {
            String shape = shape(stripKeyword(e.example()));
            // synonyms ("cannot reach", "must not reach") have one shape: the first of them is enough
            if (distance(wanted, e) <= best + NEAR && !shapes.contains(shape) && out.size() < max) {
                out.add(e);
                shapes.add(shape);
            }
        }
        return out;
    }

    /** An address written with another word ({@code ip "8.8.8.8"}, {@code address "10.0.0.0/8"}). */
    private static final Pattern ADDRESS = Pattern.compile("\\w+(?: \\w+)? \"(\\d+\\.\\d+\\.\\d+\\.\\d+(?:/\\d+)?)\"");

    /** Negated verbs a spec writer uses that are no step's, as a regular expression. */
    private static final String NOT_STEPS_NEGATED = "may not|does not|doesn['\u2019]t";

    /** The words a spec writes around "reach": two references and an optional port. */
    private static final Pattern REACH_STEP = Pattern.compile("(.+?) (?:" + alternatives(Verbs.negated()) + "|"
            + alternatives(Verbs.positive()) + "|" + NOT_STEPS_NEGATED + "|may) reach (.+?)(?: on (.+))?");

    /**
     * For an undefined step that reads as a reach step, the part that is neither a reference nor a port, with
     * the forms it could take: the step itself is rarely the problem, a reference form is ({@code ip "8.8.8.8"},
     * {@code pods in "shop"}, {@code port TCP 22}).
     */
    public List<String> unknownParts(String stepText) {
        Matcher m = REACH_STEP.matcher(stripKeyword(stepText).trim());
        if (!m.matches()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : new String[] {m.group(1), m.group(2)}) {
            if (!part.matches(Reference.PATTERN)) {
                Matcher address = ADDRESS.matcher(part);
                out.add("not a reference: " + part + "; write "
                        + (address.matches() ? "cidr \"" + address.group(1) + "\", or " : "") + referenceForms());
            }
        }
        if (m.group(3) != null && !m.group(3).matches(PortSpec.PATTERN)) {
            out.add("not a port: " + m.group(3) + "; write port 5432, port 53/UDP, UDP port 53, ports 8000-8100"
                    + " or port NAME");
        }
        return out;
    }

    private String referenceForms() {
        return entries.stream()
                .filter(e -> e.group().equals("References"))
                .map(Entry::expression)
                .collect(Collectors.joining(", "));
    }

    /** How much further than the closest step another may be and still be shown (about a short word). */
    private static final int NEAR = 4;

    private static int distance(String wantedShape, Entry e) {
        return Suggestions.distance(wantedShape, shape(stripKeyword(e.example())));
    }

    /** The listing {@code netspec test --steps} prints. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        String group = "";
        for (Entry e : entries) {
            if (!e.group().equals(group)) {
                group = e.group();
                sb.append(sb.length() == 0 ? "" : "\n").append(group).append(":\n");
            }
            sb.append("  ").append(e.expression()).append("\n");
            sb.append("      ").append(e.meaning()).append("\n");
            List<String> lines = e.example().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                sb.append(i == 0 ? "      e.g. " : "           ")
                        .append(lines.get(i))
                        .append("\n");
            }
        }
        return sb.toString();
    }

    /** The first line of an example without its Gherkin keyword. */
    static String stripKeyword(String example) {
        String first = example.lines().findFirst().orElse("");
        return first.replaceFirst("^(Given|When|Then|And|But|\\*) ", "");
    }

    /** Quoted values and numbers blanked out, so that names do not dominate the distance. */
    private static String shape(String text) {
        return shape(text, true);
    }

    /** As {@link #shape(String)}; {@code verbs} false keeps the verbs as written. */
    private static String shape(String text, boolean verbs) {
        String blanked = stripKeyword(text).replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\d+(/\\w+)?", "0");
        if (!verbs) {
            return WORKLOAD.matcher(blanked).replaceAll("W").trim();
        }
        // the verbs the steps take as synonyms, and some they do not, count as one word: "doesn't reach" is
        // "cannot reach" worded otherwise, not a step between "can reach" and "cannot reach"
        String normal = blanked.replaceAll(
                        "\\b(?:" + alternatives(Verbs.negated()) + "|" + NOT_STEPS_NEGATED
                                + "|is not allowed to|is not able to) reach\\b",
                        "cannot reach")
                .replaceAll(
                        "\\b(?:" + alternatives(Verbs.positive()) + "|may|is allowed to|is able to) reach\\b",
                        "can reach");
        return WORKLOAD.matcher(normal).replaceAll("W").trim();
    }

    /** The words as a regular-expression alternation, each matched as written. */
    private static String alternatives(List<String> words) {
        return words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    /** A workload reference of any form, once quoted values are blanked out. */
    private static final Pattern WORKLOAD = Pattern.compile(
            "\\b(?:\\w+ \"\" in (?:namespace )?\"\"|workload \"\"|pods labell?ed (?:\"\"|\\S+) in (?:(?:namespace )?\"\"|any namespace)"
                    + "|namespace \"\"|the [Ii]nternet|the world|the host|the cluster DNS|kube-dns|cidr \"\")");
}
