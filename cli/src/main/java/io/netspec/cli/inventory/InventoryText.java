package io.netspec.cli.inventory;

import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoTierFact;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The human-readable inventory: one aligned table per kind of fact, then a summary line. */
final class InventoryText {

    private final PrintWriter out;

    InventoryText(PrintWriter out) {
        this.out = out;
    }

    void render(Cluster cluster, List<LoadProblem> problems) {
        namespaces(cluster.namespaces());
        workloads(InventoryOrder.workloads(cluster));
        services(InventoryOrder.services(cluster));
        ingresses(InventoryOrder.ingresses(cluster));
        policies(InventoryOrder.policies(cluster));
        adminPolicies(InventoryOrder.adminPolicies(cluster));
        calico(cluster);
        configMaps(InventoryOrder.configMaps(cluster));
        apiServer(cluster);
        registered(cluster);
        ignored(InventoryOrder.ignored(cluster));
        skipped(cluster.skipped());
        problems(problems);
        summary(cluster, problems);
    }

    private void namespaces(List<NamespaceFact> namespaces) {
        Table t = new Table("NAMESPACE", "DECLARED", "SOURCE", "LABELS");
        for (NamespaceFact ns : namespaces) {
            Map<String, String> labels = new TreeMap<>(ns.labels());
            labels.remove(NamespaceFact.NAME_LABEL);
            t.row(
                    ns.name(),
                    ns.declared() ? "yes" : "no (implicit)",
                    source(ns.declared(), ns.source().toString()),
                    labels(labels));
        }
        section(
                "Namespaces",
                namespaces.size(),
                t,
                "every namespace also has the label " + NamespaceFact.NAME_LABEL + "=<name>");
    }

    private void workloads(List<Workload> workloads) {
        Table t = new Table("WORKLOAD", "KIND", "REPLICAS", "NETWORK", "PORTS", "SOURCE", "POD LABELS");
        for (Workload w : workloads) {
            t.row(
                    w.namespace() + "/" + w.name(),
                    w.kind(),
                    Integer.toString(w.replicas()),
                    w.hostNetwork() ? "host" : "pod",
                    containerPorts(w.ports()),
                    w.source().toString(),
                    labels(w.podLabels()));
        }
        section("Workloads", workloads.size(), t, null);
    }

    private void services(List<ServiceFact> services) {
        Table t = new Table("SERVICE", "TYPE", "PORTS", "SOURCE", "SELECTOR");
        for (ServiceFact s : services) {
            String type = s.headless()
                    ? s.type() + " (headless)"
                    : s.externalName().isEmpty() ? s.type() : s.type() + " " + s.externalName();
            t.row(
                    s.namespace() + "/" + s.name(),
                    type,
                    servicePorts(s.ports()),
                    s.source().toString(),
                    s.selector().map(InventoryText::labels).orElse("(none)"));
        }
        section("Services", services.size(), t, null);
    }

    private void ingresses(List<IngressFact> ingresses) {
        Table t = new Table("INGRESS", "CLASS", "SOURCE", "ROUTES");
        for (IngressFact i : ingresses) {
            t.row(
                    i.namespace() + "/" + i.name(),
                    i.ingressClassName().isEmpty() ? "-" : i.ingressClassName(),
                    i.source().toString(),
                    i.backends().stream().map(InventoryText::route).collect(Collectors.joining(", ")));
        }
        section("Ingresses", ingresses.size(), t, null);
    }

    private void policies(List<PolicyFact> policies) {
        Table t = new Table("NETWORK POLICY", "TYPES", "INGRESS RULES", "EGRESS RULES", "SOURCE", "POD SELECTOR");
        for (PolicyFact p : policies) {
            t.row(
                    p.namespace() + "/" + p.name(),
                    types(p.isolatesIngress(), p.isolatesEgress()),
                    ruleCount(p.isolatesIngress(), p.ingress().size()),
                    ruleCount(p.isolatesEgress(), p.egress().size()),
                    p.source().toString(),
                    p.podSelector().toString());
        }
        section("Network policies", policies.size(), t, "- = direction not isolated, 0 = allows nothing that way");
    }

    private void adminPolicies(List<ClusterNetworkPolicyFact> policies) {
        Table t = new Table("ADMIN POLICY", "KIND", "PRIORITY", "INGRESS RULES", "EGRESS RULES", "SOURCE", "SUBJECT");
        for (ClusterNetworkPolicyFact a : policies) {
            t.row(
                    a.name(),
                    a.kind(),
                    a.baseline() ? "-" : Integer.toString(a.priority()),
                    Integer.toString(a.ingress().size()),
                    Integer.toString(a.egress().size()),
                    a.source().toString(),
                    subject(a.subject()));
        }
        section(
                "Admin network policies",
                policies.size(),
                t,
                policies.isEmpty() ? null : "reported only: their connectivity is not evaluated yet");
    }

    /** Calico's tiers and policies, and the service accounts their selectors can match on. */
    private void calico(Cluster cluster) {
        if (cluster.calico().isEmpty()
                && cluster.calico().serviceAccounts().isEmpty()
                && cluster.calico().networkSets().isEmpty()) {
            return;
        }
        Table tiers = new Table("TIER", "ORDER", "DEFAULT ACTION", "SOURCE");
        cluster.calico().tiers().stream()
                .sorted(Comparator.comparing(CalicoTierFact::name))
                .forEach(t -> tiers.row(
                        t.name(),
                        t.order().isPresent() ? order(t.order().getAsDouble()) : "none",
                        t.passByDefault() ? "Pass" : "Deny",
                        t.source().toString()));
        section(
                "Calico tiers",
                cluster.calico().tiers().size(),
                tiers,
                "the default tier (order 1000000, Deny) exists without an object");
        Table t = new Table(
                "CALICO POLICY",
                "KIND",
                "TIER",
                "ORDER",
                "TYPES",
                "INGRESS RULES",
                "EGRESS RULES",
                "SOURCE",
                "SELECTOR");
        cluster.calico().policies().stream()
                .sorted(Comparator.comparing(CalicoPolicyFact::policyId))
                .forEach(p -> t.row(
                        p.policyId(),
                        p.kind(),
                        p.tier(),
                        p.order().isPresent() ? order(p.order().getAsDouble()) : "none",
                        types(p.ingressType(), p.egressType()),
                        Integer.toString(p.ingress().size()),
                        Integer.toString(p.egress().size()),
                        p.source().toString(),
                        p.selector().toString()
                                + p.namespaceSelector()
                                        .map(n -> " in namespaces " + n)
                                        .orElse("")));
        section(
                "Calico policies",
                cluster.calico().policies().size(),
                t,
                cluster.plugin() == NetworkPlugin.CALICO
                        ? null
                        : "not enforced: the cluster is analysed with --cni "
                                + cluster.plugin().wireName());
        Table sa = new Table("SERVICE ACCOUNT", "SOURCE", "LABELS");
        cluster.calico()
                .serviceAccounts()
                .forEach(a -> sa.row(a.namespace() + "/" + a.name(), a.source().toString(), labels(a.labels())));
        section("Service accounts", cluster.calico().serviceAccounts().size(), sa, null);
        if (!cluster.calico().networkSets().isEmpty()) {
            // read and matched by rule selectors; listed so that a reader sees they were not dropped
            Table sets = new Table("NETWORK SET", "KIND", "SOURCE", "NETS", "LABELS");
            cluster.calico()
                    .networkSets()
                    .forEach(n -> sets.row(
                            n.global() ? n.name() : n.namespace() + "/" + n.name(),
                            n.objectKind(),
                            n.source().toString(),
                            n.nets().stream().map(Object::toString).collect(Collectors.joining(",")),
                            labels(n.labels())));
            section("Calico network sets", cluster.calico().networkSets().size(), sets, null);
        }
    }

    private static String order(double order) {
        return order == Math.rint(order) ? Long.toString((long) order) : Double.toString(order);
    }

    private void configMaps(List<ConfigMapFact> configMaps) {
        Table t = new Table("CONFIGMAP", "SOURCE", "KEYS");
        for (ConfigMapFact c : configMaps) {
            t.row(
                    c.namespace() + "/" + c.name(),
                    c.source().toString(),
                    String.join(", ", new TreeMap<>(c.data()).keySet()));
        }
        section("ConfigMaps", configMaps.size(), t, null);
    }

    /** The default/kubernetes EndpointSlice or Endpoints: read (Cilium's kube-apiserver entity), so listed. */
    private void apiServer(Cluster cluster) {
        if (cluster.kubeApiServerEndpoints().isEmpty()) {
            return;
        }
        Table t = new Table("OBJECT", "KIND", "SOURCE", "ADDRESSES");
        cluster.kubeApiServerEndpoints()
                .forEach(f -> t.row(
                        f.namespace() + "/" + f.name(),
                        f.objectKind(),
                        f.source().toString(),
                        String.join(",", f.addresses())));
        section("API server endpoints", cluster.kubeApiServerEndpoints().size(), t, null);
    }

    /** Kinds registered beyond the built-in ones: one section each, named after the kind. */
    private void registered(Cluster cluster) {
        for (ObjectKind<?> kind : cluster.kinds().added()) {
            List<? extends ObjectFact> facts = InventoryOrder.facts(cluster, kind);
            Table t = new Table("KIND", "OBJECT", "SOURCE");
            facts.forEach(f -> t.row(
                    f.objectKind(),
                    f.namespace().isEmpty() ? f.name() : f.namespace() + "/" + f.name(),
                    f.source().toString()));
            section(kind.name(), facts.size(), t, null);
        }
    }

    private void ignored(List<IgnoredObject> ignored) {
        Table t = new Table("KIND", "APIVERSION", "OBJECT", "SOURCE");
        for (IgnoredObject o : ignored) {
            t.row(
                    o.kind(),
                    o.apiVersion(),
                    o.namespace().isEmpty() ? o.name() : o.namespace() + "/" + o.name(),
                    o.source().toString());
        }
        Map<String, Long> byKind = ignored.stream()
                .collect(Collectors.groupingBy(InventoryText::kindWithGroup, TreeMap::new, Collectors.counting()));
        section(
                "Not analysed",
                ignored.size(),
                t,
                byKind.isEmpty()
                        ? null
                        : byKind.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
    }

    /** The kind, with its API group when that is not a Kubernetes group: {@code NetworkPolicy (projectcalico.org)}. */
    private static String kindWithGroup(IgnoredObject o) {
        int slash = o.apiVersion().indexOf('/');
        String group = slash < 0 ? "" : o.apiVersion().substring(0, slash);
        return !group.contains(".") || group.endsWith("k8s.io") ? o.kind() : o.kind() + " (" + group + ")";
    }

    private void skipped(List<SkippedDocument> skipped) {
        Table t = new Table("SOURCE", "REASON");
        skipped.forEach(s -> t.row(s.source().toString(), s.reason()));
        section("Skipped documents", skipped.size(), t, null);
    }

    private void problems(List<LoadProblem> problems) {
        List<LoadProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        List<LoadProblem> errors =
                problems.stream().filter(LoadProblem::isError).toList();
        Table t = new Table("SOURCE", "MESSAGE");
        warnings.forEach(w -> t.row(w.source().toString(), w.message()));
        section("Warnings", warnings.size(), t, null);
        if (!errors.isEmpty()) {
            Table e = new Table("SOURCE", "MESSAGE");
            errors.forEach(p -> e.row(p.source().toString(), p.message()));
            section(
                    "Errors",
                    errors.size(),
                    e,
                    "the objects they are in are listed as read, but netspec will not check them until these are fixed");
        }
    }

    private void summary(Cluster c, List<LoadProblem> problems) {
        long errors = problems.stream().filter(LoadProblem::isError).count();
        out.println(String.join(
                ", ",
                count(c.namespaces().size(), "namespace"),
                count(c.workloads().size(), "workload"),
                count(c.services().size(), "service"),
                count(c.ingresses().size(), "ingress"),
                count(c.policies().size(), "network policy"),
                count(c.adminPolicies().size(), "admin policy"),
                count(c.configMaps().size(), "ConfigMap")
                        + (c.calico().policies().isEmpty()
                                ? ""
                                : ", " + count(c.calico().policies().size(), "Calico policy")),
                c.ignored().size() + " not analysed",
                c.skipped().size() + " skipped",
                count((int) errors, "error"),
                count(problems.size() - (int) errors, "warning")));
    }

    private void section(String title, int count, Table table, String note) {
        out.println(title + " (" + count + ")" + (note == null ? "" : ": " + note));
        if (count > 0) {
            table.print(out, "  ");
        }
        out.println();
    }

    private static String source(boolean known, String source) {
        return known ? source : "-";
    }

    static String count(int n, String noun) {
        String plural = noun.endsWith("y") && !noun.endsWith("ey")
                ? noun.substring(0, noun.length() - 1) + "ies"
                : noun.endsWith("s") ? noun + "es" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }

    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "-";
        }
        return new TreeMap<>(labels)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static String containerPorts(List<ContainerPort> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        return ports.stream()
                .map(p -> (p.isNamed() ? p.name() + ":" : "") + p.port() + "/" + p.protocol())
                .collect(Collectors.joining(","));
    }

    static String servicePorts(List<ServicePort> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        return ports.stream()
                .map(p -> (p.name().isEmpty() ? "" : p.name() + ":") + p.port() + "/" + p.protocol() + "->"
                        + p.targetPort() + (p.nodePort() > 0 ? " (node " + p.nodePort() + ")" : ""))
                .collect(Collectors.joining(","));
    }

    static String route(IngressBackend b) {
        String where = b.host().isEmpty() && b.path().isEmpty()
                ? "(default)"
                : (b.host().isEmpty() ? "*" : b.host()) + b.path();
        return where + " -> " + b.serviceName() + ":" + b.port();
    }

    static String types(boolean ingress, boolean egress) {
        List<String> types = new ArrayList<>();
        if (ingress) {
            types.add("Ingress");
        }
        if (egress) {
            types.add("Egress");
        }
        return types.isEmpty() ? "-" : String.join(",", types);
    }

    private static String ruleCount(boolean isolates, int rules) {
        return isolates ? Integer.toString(rules) : "-";
    }

    private static String subject(ClusterNetworkPolicyFact.Subject s) {
        return "namespaces " + s.namespaceSelector()
                + s.podSelector()
                        .map(Selector::toString)
                        .map(p -> ", pods " + p)
                        .orElse("");
    }

    /** Columns padded to their widest cell; the last column is never padded. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        /** Cells quote the manifests: control characters are shown, never obeyed by the terminal. */
        void row(String... cells) {
            String[] shown = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                shown[i] = Printable.line(cells[i]);
            }
            rows.add(shown);
        }

        void print(PrintWriter out, String indent) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] r : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder(indent);
                for (int i = 0; i < columns; i++) {
                    line.append(r[i]);
                    if (i < columns - 1) {
                        line.append(" ".repeat(widths[i] - r[i].length() + 2));
                    }
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
