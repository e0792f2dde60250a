package io.netspec.features.run;

import io.netspec.engine.text.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
                    "{workload} can reach {workload}",
                    "Then deployment \"web\" in \"shop-frontend\" can reach deployment \"api\" in \"shop-backend\"",
                    "every source workload reaches every destination on some port (through a Service: on each of its ports)"),
            new Entry(
                    "Connectivity",
                    "{workload} can reach {workload} on port {port}",
                    "Then deployment \"api\" in \"shop-backend\" can reach service \"postgres\" in \"shop-data\" on port 5432",
                    "on that port: 5432 (TCP), 53/UDP, or a port name resolved on the destination"),
            new Entry(
                    "Connectivity",
                    "{workload} cannot reach {workload}",
                    "Then deployment \"web\" in \"shop-frontend\" cannot reach statefulset \"postgres\" in \"shop-data\"",
                    "no source workload reaches any destination, on no port and no protocol"),
            new Entry(
                    "Connectivity",
                    "{workload} must not reach {workload}",
                    "Then the internet must not reach deployment \"api\" in \"shop-backend\"",
                    "synonym of cannot reach"),
            new Entry(
                    "Connectivity",
                    "{workload} cannot reach {workload} on port {port}",
                    "Then pods labelled \"tier=frontend\" in any namespace cannot reach pods labelled \"app=redis\" in \"shop-backend\" on port 6379",
                    "none reaches on that port"),
            new Entry(
                    "Connectivity",
                    "{workload} must not reach {workload} on port {port}",
                    "Then deployment \"worker\" in \"shop-backend\" must not reach cidr \"10.0.0.0/8\" on port 22",
                    "synonym of cannot reach on port"),
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
            new Entry(
                    "Findings",
                    "the checks report no errors",
                    "Then the checks report no errors",
                    "no unwaived finding of severity error"),
            new Entry(
                    "Findings",
                    "rule {string} reports {workload}",
                    "Then rule \"unknown-dependency\" reports deployment \"worker\" in \"shop-backend\"",
                    "the rule (id or alias) has an unwaived finding on each object of the reference (a service reference: the Service)"),
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
                    "the rule has no unwaived finding on that NetworkPolicy"),
            new Entry(
                    "Findings",
                    "rule {string} reports namespace {string}",
                    "Then rule \"missing-default-deny-ingress\" reports namespace \"shop-data\"",
                    "the rule has an unwaived finding on that Namespace or on an object in it"),
            new Entry(
                    "Findings",
                    "rule {string} reports nothing on namespace {string}",
                    "Then rule \"missing-default-deny-ingress\" reports nothing on namespace \"shop-backend\"",
                    "the rule has no unwaived finding on that Namespace nor on an object in it"));

    private static final List<Entry> REFERENCES = List.of(
            new Entry(
                    "References",
                    "deployment \"NAME\" in \"NS\"",
                    "deployment \"api\" in \"shop-backend\"",
                    "likewise statefulset, daemonset, replicaset, job, cronjob, pod"),
            new Entry("References", "workload \"NS/NAME\"", "workload \"shop-backend/api\"", "a workload of any kind"),
            new Entry(
                    "References",
                    "pods labelled \"k=v[,k2=v2]\" in \"NS\"",
                    "pods labelled \"tier=backend\" in \"shop-backend\"",
                    "every workload whose pods carry all the labels; or: in any namespace"),
            new Entry(
                    "References",
                    "service \"NAME\" in \"NS\"",
                    "service \"postgres\" in \"shop-data\"",
                    "the pods behind the Service; its ports translate to their targetPorts"),
            new Entry(
                    "References",
                    "the internet",
                    "the internet",
                    "any address outside the cluster (some address for can reach, no address for cannot reach)"),
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
                    "5432, 53/UDP, http, dns/UDP",
                    "a number is TCP unless a protocol follows; a name resolves on the destination pods"));

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
        String wanted = shape(stepText);
        return steps().stream()
                .min(Comparator.comparingInt(e -> Suggestions.distance(wanted, shape(stripKeyword(e.example())))));
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
        String blanked = stripKeyword(text).replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\d+(/\\w+)?", "0");
        return WORKLOAD.matcher(blanked).replaceAll("W").trim();
    }

    /** A workload reference of any form, once quoted values are blanked out. */
    private static final Pattern WORKLOAD = Pattern.compile(
            "\\b(?:\\w+ \"\" in \"\"|workload \"\"|pods labell?ed \"\" in (?:\"\"|any namespace)|the internet|the world|the host|cidr \"\")");
}
