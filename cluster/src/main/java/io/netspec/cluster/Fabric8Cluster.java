package io.netspec.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netspec.engine.load.NamedDocument;
import io.netspec.engine.load.live.ClusterException;
import io.netspec.engine.load.live.ClusterRequest;
import io.netspec.engine.load.live.Denied;
import io.netspec.engine.load.live.Listing;
import io.netspec.engine.load.live.LiveCluster;
import io.netspec.engine.load.live.ObjectName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** One open client: lists every {@link LiveKind} page by page and gets referenced ConfigMaps. */
final class Fabric8Cluster implements LiveCluster {

    /** Written by kubectl apply: a second copy of the object, large and of no use here. */
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final int GONE = 410;

    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final String context;
    private final String server;
    private final ClusterRequest request;

    Fabric8Cluster(KubernetesClient client, String context, String server, ClusterRequest request) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.context = context;
        this.server = server;
        this.request = request;
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public Listing list(Consumer<String> progress) throws ClusterException {
        List<NamedDocument> objects = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<Denied> denied = new ArrayList<>();
        Set<String> absentResources = new HashSet<>();
        for (LiveKind kind : LiveKind.ALL) {
            if (kind.fallback() != null && !absentResources.contains(kind.fallback())) {
                continue; // the preferred API serves these objects (or says why it cannot)
            }
            try {
                for (GenericKubernetesResource o : read(kind, progress)) {
                    objects.add(document(kind, o, false));
                }
            } catch (KubernetesClientException e) {
                switch (Failures.classify(e)) {
                    case ABSENT -> {
                        absentResources.add(kind.resource());
                        if (kind.fallback() == null || absentResources.contains(kind.fallback())) {
                            absent.add(kind.resource());
                        }
                    }
                    case FORBIDDEN -> denied.add(new Denied(scopeVerb(kind), kind.resource(), scope(kind)));
                    default -> throw Failures.fatal(e, server, request.timeout());
                }
            }
        }
        // the preferred Calico API absent and its CRD fallback absent too: one name for both
        absent.removeIf(r -> r.endsWith(".projectcalico.org")
                && !r.endsWith(".crd.projectcalico.org")
                && absent.contains(r.replace(".projectcalico.org", ".crd.projectcalico.org")));
        return new Listing(objects, absent, denied);
    }

    @Override
    public Listing configMaps(Collection<ObjectName> names, Consumer<String> progress) throws ClusterException {
        List<NamedDocument> objects = new ArrayList<>();
        List<Denied> denied = new ArrayList<>();
        Set<String> deniedNamespaces = new HashSet<>();
        LiveKind kind = LiveKind.CONFIG_MAPS;
        int done = 0;
        for (ObjectName name : names) {
            progress.accept("reading cluster: configmaps (" + (++done) + "/" + names.size() + ")");
            if (deniedNamespaces.contains(name.namespace())) {
                continue;
            }
            try {
                GenericKubernetesResource cm = operation(kind)
                        .inNamespace(name.namespace())
                        .withName(name.name())
                        .get();
                if (cm != null) {
                    objects.add(document(kind, cm, true));
                }
            } catch (KubernetesClientException e) {
                switch (Failures.classify(e)) {
                    case ABSENT -> {}
                    case FORBIDDEN -> {
                        deniedNamespaces.add(name.namespace());
                        denied.add(new Denied("get", kind.resource(), "namespace " + name.namespace()));
                    }
                    default -> throw Failures.fatal(e, server, request.timeout());
                }
            }
        }
        return new Listing(objects, List.of(), denied);
    }

    @Override
    public void close() {
        client.close();
    }

    /** Every object of a kind, page by page; a continue token that expired (410 Gone) restarts the list once. */
    private List<GenericKubernetesResource> read(LiveKind kind, Consumer<String> progress) {
        if (!kind.namespaced()
                && kind.plural().equals("namespaces")
                && request.namespace().isPresent()) {
            progress.accept("reading cluster: namespaces");
            GenericKubernetesResource ns =
                    operation(kind).withName(request.namespace().get()).get();
            return ns == null ? List.of() : List.of(ns);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return pages(kind, progress);
            } catch (KubernetesClientException e) {
                if (e.getCode() != GONE || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private List<GenericKubernetesResource> pages(LiveKind kind, Consumer<String> progress) {
        List<GenericKubernetesResource> items = new ArrayList<>();
        String token = null;
        do {
            progress.accept("reading cluster: " + kind.resource() + (items.isEmpty() ? "" : " (" + items.size() + ")"));
            ListOptions options = new ListOptionsBuilder()
                    .withLimit((long) request.pageSize())
                    .withContinue(token)
                    .build();
            GenericKubernetesResourceList page = kind.namespaced()
                            && request.namespace().isPresent()
                    ? operation(kind).inNamespace(request.namespace().get()).list(options)
                    : kind.namespaced()
                            ? operation(kind).inAnyNamespace().list(options)
                            : operation(kind).list(options);
            items.addAll(page.getItems());
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        return items;
    }

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(LiveKind kind) {
        ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withPlural(kind.plural())
                .withKind(kind.kind())
                .withNamespaced(kind.namespaced())
                .build();
        return client.genericKubernetesResources(definition);
    }

    /**
     * The object as JSON for the loader, under its cluster name. List items may lack apiVersion and
     * kind, so both are set; managedFields and the last-applied copy are dropped (size, noise).
     * A ConfigMap keeps only its metadata and {@code data}.
     */
    private NamedDocument document(LiveKind kind, GenericKubernetesResource o, boolean dataOnly) {
        o.setApiVersion(kind.apiVersion());
        o.setKind(kind.kind());
        ObjectMeta meta = o.getMetadata() == null ? new ObjectMeta() : o.getMetadata();
        meta.setManagedFields(null);
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().remove(LAST_APPLIED);
        }
        if (dataOnly) {
            Map<String, Object> kept = new LinkedHashMap<>();
            Object data = o.getAdditionalProperties().get("data");
            if (data != null) {
                kept.put("data", data);
            }
            o.setAdditionalProperties(kept);
        }
        return new NamedDocument(sourceName(context, kind.kind(), meta.getNamespace(), meta.getName()), json.asJson(o));
    }

    /** {@code cluster:CONTEXT/KIND/NS/NAME}, or {@code cluster:CONTEXT/KIND/NAME} for a cluster-scoped object. */
    static String sourceName(String context, String kind, String namespace, String name) {
        return "cluster:" + context + "/" + kind + "/"
                + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** Namespaces are got by name when {@code -n} limits the read, listed otherwise. */
    private String scopeVerb(LiveKind kind) {
        return kind.plural().equals("namespaces") && request.namespace().isPresent() ? "get" : "list";
    }

    private String scope(LiveKind kind) {
        if (!kind.namespaced()) {
            return "the cluster";
        }
        return request.namespace().map(n -> "namespace " + n).orElse("all namespaces");
    }
}
