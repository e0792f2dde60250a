package io.netspec.engine.load;

import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.calico.CalicoKind;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One document to facts: unwraps {@code List} and typed lists, checks {@code apiVersion}/{@code kind},
 * and hands each object to the reader of its kind. Kinds netspec does not analyse become
 * {@link IgnoredObject}s; mappings that are not Kubernetes objects become {@link SkippedDocument}s.
 */
final class ObjectReader {

    /** Kinds without a namespace: their {@link IgnoredObject} has namespace "". */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "Node",
            "PersistentVolume",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "StorageClass",
            "PriorityClass",
            "IngressClass",
            "RuntimeClass",
            "APIService",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "CSIDriver",
            "CSINode",
            "VolumeAttachment",
            "ClusterIssuer",
            "AdminNetworkPolicy",
            "BaselineAdminNetworkPolicy",
            "GatewayClass",
            "CertificateSigningRequest",
            "PodSecurityPolicy",
            "ClusterUserDefinedNetwork",
            "GlobalNetworkPolicy",
            "GlobalNetworkSet",
            "HostEndpoint",
            "Tier",
            "StagedGlobalNetworkPolicy",
            "CiliumClusterwideNetworkPolicy",
            "CiliumClusterwideEnvoyConfig",
            "CiliumNode",
            "CiliumIdentity",
            "ClusterNetworkPolicy",
            "ClusterGroup",
            "CiliumCIDRGroup");

    private final FileFacts facts;
    private final OperatorTable operators;
    private final KindRegistry kinds;

    ObjectReader(FileFacts facts) {
        this(facts, OperatorTable.BUILT_IN, KindRegistry.BUILT_IN);
    }

    ObjectReader(FileFacts facts, OperatorTable operators, KindRegistry kinds) {
        this.facts = facts;
        this.operators = operators;
        this.kinds = kinds;
    }

    /** {@code shape}: what the parser knows of the nodes: shared by aliases, or checked (see {@link DocumentChecks}). */
    void readDocument(Node doc, NodeShape shape, ReadContext ctx) {
        if (Scalars.isNull(doc)) {
            return; // an empty document
        }
        if (!(doc instanceof MappingNode m)) {
            ctx.error(doc, "document is " + YamlMap.describe(doc) + ", not a mapping: expected a Kubernetes object");
            return;
        }
        if (!DocumentChecks.check(doc, shape, ctx)) {
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
            ctx.error(
                    object.node(),
                    "object has no kind"
                            + apiVersion.map(a -> " (apiVersion " + a + ")").orElse(""));
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
        String type = KindRegistry.typeKey(group, k);
        Optional<KindRegistry.Entry> registered = kinds.entry(type);
        boolean clusterScoped =
                registered.map(KindRegistry.Entry::clusterScoped).orElse(CLUSTER_SCOPED.contains(k));
        if (CalicoPolicyReader.isCalicoGroup(group)
                && (k.equals("Tier")
                        || k.equals("GlobalNetworkSet")
                        || k.equals("NetworkSet")
                        || CalicoPolicyReader.kind(k).isPresent())) {
            readCalico(object, ctx, k, api, clusterScoped);
            return;
        }
        Optional<OperatorTable.Entry> operated = registered.isPresent() ? Optional.empty() : operators.find(group, k);
        if (operated.isPresent()) {
            // a custom resource whose operator runs pods: those pods are a workload
            ObjectMeta meta = ObjectMeta.read(object, type, k, false, ctx);
            facts.add(meta, OperatorWorkloadReader.read(object, meta, operated.get()), object.source());
            return;
        }
        if (registered.isEmpty()) {
            // a custom resource of unknown scope written without a namespace is taken as cluster-scoped
            clusterScoped = clusterScoped
                    || ApiVersions.isCustomGroup(group)
                            && object.mapOrEmpty("metadata")
                                    .text("namespace")
                                    .filter(n -> !n.isEmpty())
                                    .isEmpty();
            // objects netspec ignores are listed by name only; their metadata is not validated
            ObjectMeta meta = ObjectMeta.lenient(object, type, k, clusterScoped, ctx);
            IgnoredObject ignored =
                    new IgnoredObject(api, k, clusterScoped ? "" : meta.namespace(), meta.name(), object.source());
            ApiVersions.warnOtherCniPolicy(group, ignored, object.node(), ctx);
            facts.add(meta, ignored, object.source());
            return;
        }
        if (type.startsWith("cilium.io/") && !CiliumVersions.check(k, api, object.node(), ctx)) {
            return;
        }
        ObjectMeta meta = registered.get().lenientMeta()
                ? ObjectMeta.lenient(object, type, k, clusterScoped, ctx)
                : ObjectMeta.read(object, type, k, clusterScoped, ctx);
        registered.get().reader().read(object, meta, ctx, facts);
    }

    /**
     * Calico's policies, tiers and network sets, in either API group (both name the same object, so the type key is
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
        if (k.equals("GlobalNetworkSet") || k.equals("NetworkSet")) {
            facts.add(meta, CalicoPolicyReader.readNetworkSet(object, meta, clusterScoped, ctx), object.source());
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
            ctx.warning(
                    object.node(),
                    k + " " + meta.display() + " is staged: Calico reports what it would do but"
                            + " never enforces it, so it is not part of connectivity");
            facts.add(
                    meta,
                    new IgnoredObject(api, k, clusterScoped ? "" : meta.namespace(), meta.name(), object.source()),
                    object.source());
            return;
        }
        facts.add(meta, CalicoPolicyReader.readPolicy(object, meta, kind, ctx), object.source());
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
