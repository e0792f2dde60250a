package io.netspec.engine.load;

import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.calico.CalicoKind;
import io.netspec.engine.model.calico.ServiceAccountFact;
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
            "ClusterUserDefinedNetwork", "GlobalNetworkPolicy", "GlobalNetworkSet", "HostEndpoint", "Tier",
            "StagedGlobalNetworkPolicy", "CiliumClusterwideNetworkPolicy", "CiliumClusterwideEnvoyConfig",
            "CiliumNode", "CiliumIdentity", "ClusterNetworkPolicy", "ClusterGroup", "CiliumCIDRGroup");

    /** The kinds read into facts, as {@link #kindKey} names them. */
    private static final Set<String> ANALYSED = Set.of("core/Namespace", "core/ConfigMap", "core/Pod",
            "core/ReplicationController", "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
            "batch/Job", "batch/CronJob", "core/Service", "networking/Ingress", "networking/NetworkPolicy",
            "policy-networking/AdminNetworkPolicy", "policy-networking/BaselineAdminNetworkPolicy",
            "route.openshift.io/Route", "policy-networking/ClusterNetworkPolicy", "core/Node",
            "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute",
            "gateway.networking.k8s.io/TCPRoute", "gateway.networking.k8s.io/TLSRoute",
            "gateway.networking.k8s.io/UDPRoute", "core/ServiceAccount",
            "cilium.io/CiliumNetworkPolicy", "cilium.io/CiliumClusterwideNetworkPolicy", "cilium.io/CiliumCIDRGroup");


    private final FileFacts facts;
    private final OperatorTable operators;

    ObjectReader(FileFacts facts) {
        this(facts, OperatorTable.BUILT_IN);
    }

    ObjectReader(FileFacts facts, OperatorTable operators) {
        this.facts = facts;
        this.operators = operators;
    }

    /** {@code aliases}: the document uses YAML aliases, so its nodes may be shared (see {@link DocumentChecks}). */
    void readDocument(Node doc, boolean aliases, ReadContext ctx) {
        if (Scalars.isNull(doc)) {
            return; // an empty document
        }
        if (!(doc instanceof MappingNode m)) {
            ctx.error(doc, "document is " + YamlMap.describe(doc) + ", not a mapping: expected a Kubernetes object");
            return;
        }
        if (!DocumentChecks.check(doc, aliases, ctx)) {
            return;
        }
        YamlMap object = new YamlMap(m, ctx, "");
        if (!object.has("apiVersion") && !object.has("kind") && !object.has("metadata")) {
            String reason = "not a Kubernetes object (no apiVersion, kind or metadata)";
            facts.skip(new SkippedDocument(ctx.at(doc), reason));
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
        String k = ctx.strings().name(kind.get()); // tens of thousands of "Deployment"s share one string
        String api = ctx.strings().name(apiVersion.get());
        facts.sawObject();
        if (k.endsWith("List") && object.hasList("items")) {
            readList(object, ctx, k, api);
            return;
        }
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        if (!ApiVersions.checkNetworkPolicy(k, api, object.node(), ctx)) {
            return;
        }
        String type = kindKey(group, k);
        boolean clusterScoped = CLUSTER_SCOPED.contains(k);
        if (CalicoPolicyReader.isCalicoGroup(group) && (k.equals("Tier") || CalicoPolicyReader.kind(k).isPresent())) {
            readCalico(object, ctx, k, api, clusterScoped);
            return;
        }
        Optional<OperatorTable.Entry> operated = ANALYSED.contains(type) ? Optional.empty() : operators.find(group, k);
        if (operated.isPresent()) {
            // a custom resource whose operator runs pods: those pods are a workload
            ObjectMeta meta = ObjectMeta.read(object, type, k, false, ctx);
            facts.add(meta, OperatorWorkloadReader.read(object, meta, operated.get()), object.source());
            return;
        }
        if (!ANALYSED.contains(type)) {
            // a custom resource of unknown scope written without a namespace is taken as cluster-scoped
            clusterScoped = clusterScoped || ApiVersions.isCustomGroup(group)
                    && object.mapOrEmpty("metadata").text("namespace").filter(n -> !n.isEmpty()).isEmpty();
            // objects netspec ignores are listed by name only; their metadata is not validated
            ObjectMeta meta = ObjectMeta.lenient(object, type, k, clusterScoped, ctx);
            IgnoredObject ignored = new IgnoredObject(api, k, clusterScoped ? "" : meta.namespace(), meta.name(),
                    object.source());
            ApiVersions.warnOtherCniPolicy(group, ignored, object.node(), ctx);
            facts.add(meta, ignored, object.source());
            return;
        }
        if (type.startsWith("cilium.io/") && !CiliumVersions.check(k, api, object.node(), ctx)) {
            return;
        }
        ObjectMeta meta = ObjectMeta.read(object, type, k, clusterScoped, ctx);
        Object fact = switch (type) {
            case "core/Namespace" -> new NamespaceFact(meta.name(), meta.labels(), meta.annotations(), true,
                    object.source());
            case "core/ConfigMap" -> new ConfigMapFact(meta.namespace(), meta.name(), object.textMap("data"),
                    object.source());
            case "core/Service" -> ServiceReader.readService(object, meta, ctx);
            case "networking/Ingress" -> ServiceReader.readIngress(object, meta);
            case "networking/NetworkPolicy" -> NetworkPolicyReader.read(object, meta, ctx);
            case "policy-networking/AdminNetworkPolicy" -> AdminPolicyReader.read(object, meta, false, ctx);
            case "policy-networking/BaselineAdminNetworkPolicy" -> AdminPolicyReader.read(object, meta, true, ctx);
            case "route.openshift.io/Route" -> RouteReader.read(object, meta, ctx);
            case "core/ServiceAccount" -> new ServiceAccountFact(meta.namespace(), meta.name(), meta.labels(),
                    object.source());
            case "cilium.io/CiliumNetworkPolicy" -> CiliumPolicyReader.read(object, meta, false, ctx);
            case "cilium.io/CiliumClusterwideNetworkPolicy" -> CiliumPolicyReader.read(object, meta, true, ctx);
            case "cilium.io/CiliumCIDRGroup" -> CiliumPolicyReader.readCidrGroup(object, meta, ctx);
            case "policy-networking/ClusterNetworkPolicy" -> ClusterNetworkPolicyReader.read(object, meta, ctx);
            case "core/Node" -> NodeReader.read(object, meta);
            case "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute",
                 "gateway.networking.k8s.io/TCPRoute", "gateway.networking.k8s.io/TLSRoute",
                 "gateway.networking.k8s.io/UDPRoute" ->
                    new CollectedFacts.GatewayRoutes(GatewayRouteReader.read(object, meta));
            default -> null; // a workload
        };
        if (fact != null) {
            facts.add(meta, fact, object.source());
        } else {
            WorkloadReader.read(object, meta, ctx, facts);
        }
    }

    /**
     * Calico's policies and tiers, in either API group (both name the same object, so the type key is
     * the v3 one). Staged policies are read, so their mistakes are reported, and kept as not analysed:
     * Calico never enforces them.
     */
    private void readCalico(YamlMap object, ReadContext ctx, String k, String api, boolean clusterScoped) {
        String v3Type = "projectcalico.org/" + k;
        ObjectMeta meta = ObjectMeta.read(object, v3Type, k, clusterScoped, ctx);
        if (k.equals("Tier")) {
            facts.add(meta, CalicoPolicyReader.readTier(object, meta, ctx), object.source());
            return;
        }
        CalicoKind kind = CalicoPolicyReader.kind(k).orElseThrow();
        if (kind.staged()) {
            // read so that its mistakes are reported; never enforced, so not part of connectivity
            if (kind == CalicoKind.STAGED_KUBERNETES_NETWORK_POLICY) {
                NetworkPolicyReader.read(object, meta, ctx);
            } else {
                CalicoPolicyReader.readPolicy(object, meta, kind, ctx);
            }
            ctx.warning(object.node(), k + " " + meta.display() + " is staged: Calico reports what it would do but"
                    + " never enforces it, so it is not part of connectivity");
            facts.add(meta, new IgnoredObject(api, k, clusterScoped ? "" : meta.namespace(), meta.name(),
                    object.source()), object.source());
            return;
        }
        facts.add(meta, CalicoPolicyReader.readPolicy(object, meta, kind, ctx), object.source());
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
}
