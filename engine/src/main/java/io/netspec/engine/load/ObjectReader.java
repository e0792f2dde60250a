package io.netspec.engine.load;

import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.SkippedDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Optional;
import java.util.Set;

/**
 * One document to facts: unwraps {@code List} and typed lists, checks {@code apiVersion}/{@code kind},
 * and hands each object to the reader of its kind. Kinds netspec does not analyse become
 * {@link IgnoredObject}s; mappings that are not Kubernetes objects become {@link SkippedDocument}s.
 */
final class ObjectReader {

    /** Kinds without a namespace: their {@link IgnoredObject} has namespace "". */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass",
            "IngressClass", "RuntimeClass", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
            "CSIDriver", "CSINode", "VolumeAttachment", "ClusterIssuer", "AdminNetworkPolicy",
            "BaselineAdminNetworkPolicy", "GatewayClass", "CertificateSigningRequest", "PodSecurityPolicy",
            "ClusterUserDefinedNetwork");

    private final CollectedFacts facts;
    private final java.util.List<LoadProblem> problems;

    ObjectReader(CollectedFacts facts, java.util.List<LoadProblem> problems) {
        this.facts = facts;
        this.problems = problems;
    }

    void readDocument(Node doc, ReadContext ctx) {
        if (Scalars.isNull(doc)) {
            return; // an empty document
        }
        if (!(doc instanceof MappingNode m)) {
            ctx.error(doc, "document is " + YamlMap.describe(doc) + ", not a mapping: expected a Kubernetes object");
            return;
        }
        if (!DocumentChecks.check(doc, ctx)) {
            return;
        }
        YamlMap object = new YamlMap(m, ctx, "");
        if (!object.has("apiVersion") && !object.has("kind") && !object.has("metadata")) {
            String reason = "not a Kubernetes object (no apiVersion, kind or metadata)";
            facts.skipped.add(new SkippedDocument(ctx.at(doc), reason));
            ctx.warning(doc, "document skipped: " + reason);
            return;
        }
        readObject(object, ctx, null, null);
    }

    /** {@code listKind}/{@code listApiVersion} are set for items of a typed list, which may omit both. */
    private void readObject(YamlMap object, ReadContext ctx, String itemKind, String listApiVersion) {
        Optional<String> kind = object.string("kind").or(() -> Optional.ofNullable(itemKind));
        Optional<String> apiVersion = object.string("apiVersion").or(() -> Optional.ofNullable(listApiVersion));
        if (kind.isEmpty() || kind.get().isEmpty()) {
            ctx.error(object.node(), "object has no kind" + apiVersion.map(a -> " (apiVersion " + a + ")").orElse(""));
            return;
        }
        if (apiVersion.isEmpty() || apiVersion.get().isEmpty()) {
            ctx.error(object.node(), kind.get() + " has no apiVersion");
            return;
        }
        String k = kind.get();
        String api = apiVersion.get();
        if (k.endsWith("List") && object.hasList("items")) {
            readList(object, ctx, k, api);
            return;
        }
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        switch (kindKey(group, k)) {
            case "core/Namespace" -> readNamespace(object, ctx);
            case "core/ConfigMap" -> readConfigMap(object, ctx);
            case "core/Pod", "core/ReplicationController", "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet",
                 "apps/ReplicaSet", "batch/Job", "batch/CronJob" -> WorkloadReader.read(object, k, ctx, facts, problems);
            case "core/Service" -> ServiceReader.readService(object, ctx, facts);
            case "networking/Ingress" -> ServiceReader.readIngress(object, ctx, facts);
            case "networking/NetworkPolicy" -> NetworkPolicyReader.read(object, ctx, facts);
            case "policy-networking/AdminNetworkPolicy" -> AdminPolicyReader.read(object, false, ctx, facts);
            case "policy-networking/BaselineAdminNetworkPolicy" -> AdminPolicyReader.read(object, true, ctx, facts);
            case "route.openshift.io/Route" -> RouteReader.read(object, ctx, facts);
            default -> {
                ObjectMeta meta = ignoredMeta(object, ctx);
                facts.ignored.add(new IgnoredObject(api, k, CLUSTER_SCOPED.contains(k) ? "" : meta.namespace(),
                        meta.name(), object.source()));
            }
        }
    }

    /** Normalises API groups: old extensions/apps betas read like their GA versions. */
    private static String kindKey(String group, String kind) {
        String g = switch (group) {
            case "" -> "core";
            case "apps" -> "apps";
            case "extensions" -> switch (kind) {
                case "Ingress", "NetworkPolicy" -> "networking";
                default -> "apps";
            };
            case "batch" -> "batch";
            case "networking.k8s.io" -> "networking";
            case "policy.networking.k8s.io" -> "policy-networking";
            default -> group;
        };
        return g + "/" + kind;
    }

    private void readList(YamlMap list, ReadContext ctx, String listKind, String apiVersion) {
        String itemKind = listKind.equals("List") ? null : listKind.substring(0, listKind.length() - "List".length());
        for (Node item : list.list("items")) {
            if (Scalars.isNull(item)) {
                continue;
            }
            if (item instanceof MappingNode m) {
                // items of a typed list take the list's kind and apiVersion; a plain List's items need their own
                readObject(new YamlMap(m, ctx, ""), ctx, itemKind, itemKind == null ? null : apiVersion);
            } else {
                ctx.error(item, listKind + " item is " + YamlMap.describe(item) + ", not an object");
            }
        }
    }

    private static ObjectMeta ignoredMeta(YamlMap object, ReadContext ctx) {
        // objects netspec ignores are listed by name only; their labels are not validated
        YamlMap md = object.mapOrEmpty("metadata");
        String name = md.text("name").or(() -> md.text("generateName")).orElse("");
        String namespace = md.text("namespace").filter(s -> !s.isEmpty()).orElse(ctx.options().defaultNamespace());
        return new ObjectMeta(name, namespace, java.util.Map.of(), java.util.Map.of(), md);
    }

    private void readNamespace(YamlMap object, ReadContext ctx) {
        ObjectMeta meta = ObjectMeta.read(object, "Namespace", ctx);
        facts.namespaces.add(new NamespaceFact(meta.name(), meta.labels(), meta.annotations(), true,
                object.source()));
    }

    private void readConfigMap(YamlMap object, ReadContext ctx) {
        ObjectMeta meta = ObjectMeta.read(object, "ConfigMap", ctx);
        facts.configMaps.add(new ConfigMapFact(meta.namespace(), meta.name(), object.textMap("data"),
                object.source()));
    }
}
