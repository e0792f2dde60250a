package io.netspec.cli.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The inventory as JSON. The shape is a contract (documented in README.md, "netspec inventory"):
 * fields are only ever added, {@code "schema"} changes when one is removed or changes meaning.
 * Every object carries {@code "source": {"file", "line"}}; maps are sorted by key; lists follow
 * {@link InventoryOrder}.
 */
final class InventoryJson {

    static final String SCHEMA = "netspec.inventory/v1";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** {@code "key": value}, one array element a line, as jq prints it. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final PrintWriter out;

    InventoryJson(PrintWriter out) {
        this.out = out;
    }

    void render(Cluster cluster, List<LoadProblem> problems) {
        ObjectNode root = F.objectNode();
        root.put("schema", SCHEMA);
        root.set("namespaces", array(cluster.namespaces(), InventoryJson::namespace));
        root.set("workloads", array(InventoryOrder.workloads(cluster), InventoryJson::workload));
        root.set("services", array(InventoryOrder.services(cluster), InventoryJson::service));
        root.set("ingresses", array(InventoryOrder.ingresses(cluster), InventoryJson::ingress));
        root.set("networkPolicies", array(InventoryOrder.policies(cluster), InventoryJson::policy));
        root.set("adminNetworkPolicies", array(InventoryOrder.adminPolicies(cluster), InventoryJson::adminPolicy));
        root.set("configMaps", array(InventoryOrder.configMaps(cluster), InventoryJson::configMap));
        for (ObjectKind<?> kind : cluster.kinds().added()) {
            // a kind registered beyond the built-in ones: its section is named after it
            root.set(kind.name(), array(InventoryOrder.facts(cluster, kind), InventoryJson::object));
        }
        root.put("cni", cluster.plugin().wireName());
        root.set("calicoTiers", array(cluster.calico().tiers(), InventoryJson::calicoTier));
        root.set("calicoPolicies", array(cluster.calico().policies(), InventoryJson::calicoPolicy));
        root.set("serviceAccounts", array(cluster.calico().serviceAccounts(), InventoryJson::serviceAccount));
        root.set("notAnalysed", notAnalysed(InventoryOrder.ignored(cluster)));
        root.set("skippedDocuments", array(cluster.skipped(), InventoryJson::skipped));
        root.set("problems", array(problems, InventoryJson::problem));
        try {
            out.println(new ObjectMapper().writer(PRETTY).writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode namespace(NamespaceFact ns) {
        ObjectNode n = F.objectNode();
        n.put("name", ns.name());
        n.put("declared", ns.declared());
        n.set("labels", map(ns.labels()));
        n.set("source", ns.declared() ? source(ns.source()) : F.nullNode());
        return n;
    }

    private static ObjectNode workload(Workload w) {
        ObjectNode n = F.objectNode();
        n.put("id", w.id());
        n.put("kind", w.kind());
        n.put("objectKind", w.objectKind());
        n.put("namespace", w.namespace());
        n.put("name", w.name());
        n.put("replicas", w.replicas());
        n.put("hostNetwork", w.hostNetwork());
        n.set("podLabels", map(w.podLabels()));
        n.set("ports", array(w.ports(), InventoryJson::containerPort));
        n.set("source", source(w.source()));
        return n;
    }

    private static ObjectNode containerPort(ContainerPort p) {
        ObjectNode n = F.objectNode();
        n.put("name", p.name());
        n.put("port", p.port());
        n.put("protocol", p.protocol().name());
        n.put("container", p.container());
        return n;
    }

    private static ObjectNode service(ServiceFact s) {
        ObjectNode n = F.objectNode();
        n.put("id", s.id());
        n.put("namespace", s.namespace());
        n.put("name", s.name());
        n.put("type", s.type());
        n.put("headless", s.headless());
        n.put("externalName", s.externalName());
        n.set("selector", s.selector().<JsonNode>map(InventoryJson::map).orElse(F.nullNode()));
        n.set("ports", array(s.ports(), InventoryJson::servicePort));
        n.set("source", source(s.source()));
        return n;
    }

    private static ObjectNode servicePort(ServicePort p) {
        ObjectNode n = F.objectNode();
        n.put("name", p.name());
        n.put("port", p.port());
        n.put("protocol", p.protocol().name());
        n.set("targetPort", portRef(p.targetPort()));
        n.put("nodePort", p.nodePort());
        return n;
    }

    private static ObjectNode ingress(IngressFact i) {
        ObjectNode n = F.objectNode();
        n.put("id", i.id());
        n.put("namespace", i.namespace());
        n.put("name", i.name());
        n.put("ingressClassName", i.ingressClassName());
        n.set("backends", array(i.backends(), InventoryJson::backend));
        n.set("source", source(i.source()));
        return n;
    }

    private static ObjectNode backend(IngressBackend b) {
        ObjectNode n = F.objectNode();
        n.put("host", b.host());
        n.put("path", b.path());
        n.put("service", b.serviceName());
        n.set("port", portRef(b.port()));
        n.set("source", source(b.source()));
        return n;
    }

    private static ObjectNode policy(PolicyFact p) {
        ObjectNode n = F.objectNode();
        n.put("id", p.id());
        n.put("namespace", p.namespace());
        n.put("name", p.name());
        n.set("podSelector", selector(p.podSelector()));
        ArrayNode types = n.putArray("policyTypes");
        if (p.isolatesIngress()) {
            types.add("Ingress");
        }
        if (p.isolatesEgress()) {
            types.add("Egress");
        }
        n.put("ingressRules", p.ingress().size());
        n.put("egressRules", p.egress().size());
        n.set("source", source(p.source()));
        return n;
    }

    private static ObjectNode adminPolicy(ClusterNetworkPolicyFact a) {
        ObjectNode n = F.objectNode();
        n.put("kind", a.kind());
        n.put("name", a.name());
        n.put("priority", a.priority());
        ObjectNode subject = n.putObject("subject");
        subject.set("namespaceSelector", selector(a.subject().namespaceSelector()));
        subject.set(
                "podSelector",
                a.subject().podSelector().<JsonNode>map(InventoryJson::selector).orElse(F.nullNode()));
        n.put("ingressRules", a.ingress().size());
        n.put("egressRules", a.egress().size());
        n.set("source", source(a.source()));
        return n;
    }

    private static ObjectNode calicoTier(CalicoTierFact t) {
        ObjectNode n = F.objectNode();
        n.put("name", t.name());
        if (t.order().isPresent()) {
            n.put("order", t.order().getAsDouble());
        } else {
            n.putNull("order");
        }
        n.put("defaultAction", t.passByDefault() ? "Pass" : "Deny");
        n.set("source", source(t.source()));
        return n;
    }

    private static ObjectNode calicoPolicy(CalicoPolicyFact p) {
        ObjectNode n = F.objectNode();
        n.put("kind", p.kind());
        n.put("namespace", p.namespace());
        n.put("name", p.name());
        n.put("tier", p.tier());
        if (p.order().isPresent()) {
            n.put("order", p.order().getAsDouble());
        } else {
            n.putNull("order");
        }
        n.put("selector", p.selector().toString());
        n.put("ingress", p.ingressType());
        n.put("egress", p.egressType());
        n.put("ingressRules", p.ingress().size());
        n.put("egressRules", p.egress().size());
        n.set("source", source(p.source()));
        return n;
    }

    private static ObjectNode serviceAccount(ServiceAccountFact a) {
        ObjectNode n = F.objectNode();
        n.put("namespace", a.namespace());
        n.put("name", a.name());
        ObjectNode labels = n.putObject("labels");
        a.labels().forEach(labels::put);
        n.set("source", source(a.source()));
        return n;
    }

    private static ObjectNode configMap(ConfigMapFact c) {
        ObjectNode n = F.objectNode();
        n.put("namespace", c.namespace());
        n.put("name", c.name());
        ArrayNode keys = n.putArray("keys");
        new TreeMap<>(c.data()).keySet().forEach(keys::add);
        n.set("source", source(c.source()));
        return n;
    }

    private static ObjectNode object(ObjectFact f) {
        ObjectNode n = F.objectNode();
        n.put("id", f.id());
        n.put("kind", f.objectKind());
        n.put("namespace", f.namespace());
        n.put("name", f.name());
        n.set("annotations", map(f.annotations()));
        n.set("source", source(f.source()));
        return n;
    }

    private static ObjectNode notAnalysed(List<IgnoredObject> ignored) {
        ObjectNode n = F.objectNode();
        ObjectNode counts = n.putObject("counts");
        ignored.stream()
                .collect(Collectors.groupingBy(IgnoredObject::kind, TreeMap::new, Collectors.counting()))
                .forEach(counts::put);
        n.set("objects", array(ignored, o -> {
            ObjectNode on = F.objectNode();
            on.put("apiVersion", o.apiVersion());
            on.put("kind", o.kind());
            on.put("namespace", o.namespace());
            on.put("name", o.name());
            on.set("source", source(o.source()));
            return on;
        }));
        return n;
    }

    private static ObjectNode skipped(SkippedDocument s) {
        ObjectNode n = F.objectNode();
        n.put("reason", s.reason());
        n.set("source", source(s.source()));
        return n;
    }

    private static ObjectNode problem(LoadProblem p) {
        ObjectNode n = F.objectNode();
        n.put("severity", p.isError() ? "error" : "warning");
        n.put("message", p.message());
        n.set("source", source(p.source()));
        return n;
    }

    private static ObjectNode selector(Selector s) {
        ObjectNode n = F.objectNode();
        n.set("matchLabels", map(s.matchLabels()));
        n.set("matchExpressions", array(s.matchExpressions(), (LabelRequirement r) -> {
            ObjectNode rn = F.objectNode();
            rn.put("key", r.key());
            rn.put("operator", r.operator().wireName());
            ArrayNode values = rn.putArray("values");
            r.values().forEach(values::add);
            return rn;
        }));
        return n;
    }

    /** A port as written: a number, or a name; {@code null} for "every port". */
    private static JsonNode portRef(PortRef p) {
        return p.isAny() ? F.nullNode() : p.isNamed() ? F.textNode(p.name()) : F.numberNode(p.number());
    }

    private static ObjectNode source(SourceRef s) {
        ObjectNode n = F.objectNode();
        n.put("file", s.file());
        n.put("line", s.line());
        return n;
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode n = F.objectNode();
        new TreeMap<>(m).forEach(n::put);
        return n;
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> toNode) {
        ArrayNode a = F.arrayNode();
        items.forEach(i -> a.add(toNode.apply(i)));
        return a;
    }
}
