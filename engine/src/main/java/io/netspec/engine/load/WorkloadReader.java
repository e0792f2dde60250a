package io.netspec.engine.load;

import io.netspec.engine.model.ConfigRef;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pods and pod controllers to {@link Workload}s, named as netpol-analyzer names them: a controller
 * is {@code ns/name[Kind]}; a Pod with a controlling owner (first {@code ownerReferences} entry with
 * {@code controller: true}, kind not {@code Node}) is {@code ns/owner[OwnerKind]}; a bare Pod is
 * {@code ns/name[Pod]}.
 */
final class WorkloadReader {

    private WorkloadReader() {}

    static void read(YamlMap object, ObjectMeta meta, ReadContext ctx, FileFacts facts) {
        String kind = meta.kind();
        YamlMap spec = object.mapOrEmpty("spec");
        Map<String, String> podLabels;
        YamlMap podSpec;
        Optional<Selector> selector = Optional.empty();
        int replicas = 1;
        if (kind.equals("Rollout") && !spec.has("template") && spec.has("workloadRef")) {
            // Argo Rollouts runs the referenced Deployment's template: that Deployment is the workload to analyse
            facts.add(
                    meta,
                    new IgnoredObject(
                            object.string("apiVersion").orElse(""),
                            kind,
                            meta.namespace(),
                            meta.name(),
                            object.source()),
                    object.source());
            return;
        }
        if (kind.equals("Pod")) {
            podLabels = meta.labels();
            podSpec = spec;
        } else {
            Optional<YamlMap> template = kind.equals("CronJob")
                    ? spec.map("jobTemplate").flatMap(j -> j.map("spec")).flatMap(s -> s.map("template"))
                    : spec.map("template");
            if (template.isEmpty()) {
                ctx.error(
                        object.node(),
                        (meta.name().isEmpty()
                                        ? kind + " with no name"
                                        : kind + " " + meta.namespace() + "/" + meta.name())
                                + " has no "
                                + (kind.equals("CronJob") ? "spec.jobTemplate.spec.template" : "spec.template"));
            }
            YamlMap t = template.orElseGet(() -> spec.mapOrEmpty("template"));
            podLabels = Labels.read(t.mapOrEmpty("metadata"), "labels");
            if (kind.equals("Job")
                    && !meta.name().isEmpty()
                    && !spec.bool("manualSelector").orElse(false)) {
                // the API server labels a Job's pods with its name (and a uid netspec cannot know), unless the
                // template sets them or the selector is manual; policies select Jobs' pods by it
                Map<String, String> generated = new LinkedHashMap<>(podLabels);
                for (String key : List.of("batch.kubernetes.io/job-name", "job-name")) {
                    generated.putIfAbsent(key, meta.name());
                }
                podLabels = generated;
            }
            podSpec = t.mapOrEmpty("spec");
            // the two controllers whose selector is a plain label map, not a LabelSelector
            if (kind.equals("ReplicationController") || kind.equals("DeploymentConfig")) {
                if (spec.has("selector")) {
                    selector = Optional.of(Selector.of(Labels.read(spec, "selector")));
                }
            } else if (!kind.equals("CronJob")) {
                selector = Labels.selector(spec, "selector");
            }
            Map<String, String> labels = podLabels;
            selector.filter(s -> !s.isEmpty() && !s.matches(labels))
                    .ifPresent(s -> ctx.warning(
                            spec.nodeOr("selector"),
                            "spec.selector " + s + " does not match the template's labels " + labels
                                    + "; the API server" + " rejects this " + kind
                                    + " (the analysis uses the template's labels)"));
            if (!kind.equals("DaemonSet") && !kind.equals("Job") && !kind.equals("CronJob")) {
                replicas = spec.integer("replicas").map(Long::intValue).orElse(1);
                if (replicas < 0) {
                    ctx.error(spec.nodeOr("replicas"), "spec.replicas must not be negative");
                    replicas = 0;
                }
            }
        }
        List<ContainerPort> ports = new ArrayList<>();
        List<String> configValues = new ArrayList<>();
        LinkedHashSet<ConfigRef> configMapRefs = new LinkedHashSet<>();
        List<String> images = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            for (YamlMap c : podSpec.maps(list)) {
                readContainer(c, meta.namespace(), ports, configValues, configMapRefs);
                c.string("image").filter(i -> !i.isEmpty()).ifPresent(images::add);
            }
        }
        for (YamlMap v : podSpec.maps("volumes")) {
            v.map("configMap").flatMap(WorkloadReader::mounted).ifPresent(configMapRefs::add);
            v.map("projected").ifPresent(p -> {
                for (YamlMap source : p.maps("sources")) {
                    source.map("configMap").flatMap(WorkloadReader::mounted).ifPresent(configMapRefs::add);
                }
            });
        }
        boolean hostNetwork = podSpec.bool("hostNetwork").orElse(false);
        String serviceAccount = podSpec.string("serviceAccountName")
                .or(() -> podSpec.string("serviceAccount"))
                .orElse("");
        // a Pod of a cluster dump says where it runs: its IPs (a host-network pod's are its node's) and node
        List<String> podIps = kind.equals("Pod") ? podIps(object.mapOrEmpty("status")) : List.of();
        String nodeName = kind.equals("Pod") ? spec.string("nodeName").orElse("") : "";
        String serviceName =
                kind.equals("StatefulSet") ? spec.string("serviceName").orElse("") : "";

        Optional<String[]> owner = kind.equals("Pod") ? controllingOwner(meta.metadata()) : Optional.empty();
        if (owner.isPresent()) {
            facts.addOwnedPod(
                    meta,
                    new Workload(
                                    owner.get()[1],
                                    kind,
                                    meta.namespace(),
                                    owner.get()[0],
                                    podLabels,
                                    selector,
                                    ports,
                                    hostNetwork,
                                    1,
                                    serviceName,
                                    meta.annotations(),
                                    configValues,
                                    new ArrayList<>(configMapRefs),
                                    object.source(),
                                    images)
                            .withPlacement(podIps, nodeName, serviceAccount),
                    object.source());
        } else {
            Workload w = new Workload(
                            kind,
                            kind,
                            meta.namespace(),
                            meta.name(),
                            podLabels,
                            selector,
                            ports,
                            hostNetwork,
                            replicas,
                            serviceName,
                            meta.annotations(),
                            configValues,
                            new ArrayList<>(configMapRefs),
                            object.source(),
                            images)
                    .withPlacement(podIps, nodeName, serviceAccount);
            Optional<String[]> controller = kind.equals("ReplicaSet") || kind.equals("Job")
                    ? controllingOwner(meta.metadata())
                    : Optional.empty();
            if (controller.isPresent()) {
                // folded into its owner when the owner is in the input too (see CollectedFacts)
                facts.addOwnedController(
                        meta,
                        w,
                        meta.namespace() + "/" + controller.get()[0] + "["
                                + controller.get()[1] + "]",
                        object.source());
            } else {
                facts.add(meta, w, object.source());
            }
        }
    }

    /** {@code status.podIPs[].ip}, else {@code status.podIP}; empty when the input has no status. */
    private static List<String> podIps(YamlMap status) {
        List<String> out = new ArrayList<>();
        for (YamlMap ip : status.maps("podIPs")) {
            ip.string("ip").filter(t -> !t.isEmpty() && !out.contains(t)).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            status.string("podIP").filter(t -> !t.isEmpty()).ifPresent(out::add);
        }
        return out;
    }

    /** {name, kind} of the first ownerReference with {@code controller: true}, unless it is a Node or unnamed. */
    private static Optional<String[]> controllingOwner(YamlMap metadata) {
        for (YamlMap ref : metadata.maps("ownerReferences")) {
            if (ref.bool("controller").orElse(false)) {
                String kind = ref.string("kind").orElse("");
                String name = ref.string("name").orElse("");
                if (kind.equals("Node") || name.isEmpty()) {
                    return Optional.empty();
                }
                // an owner reference without a kind keeps the pod's kind (netpol-analyzer names it ns/owner[Pod])
                return Optional.of(new String[] {name, kind.isEmpty() ? "Pod" : kind});
            }
        }
        return Optional.empty();
    }

    private static void readContainer(
            YamlMap c,
            String namespace,
            List<ContainerPort> ports,
            List<String> configValues,
            LinkedHashSet<ConfigRef> configMapRefs) {
        String container = c.ctx().strings().name(c.string("name").orElse(""));
        for (YamlMap p : c.maps("ports")) {
            Optional<Integer> number = Ports.required(p, "containerPort");
            if (number.isEmpty()) {
                continue;
            }
            String name = Ports.name(p, K8sSyntax::portNameProblem);
            ports.add(new ContainerPort(name, number.get(), Ports.protocol(p), container));
        }
        // $(VAR) references expanded as the kubelet does: an env value sees the variables before it,
        // command and args see them all; the pod's namespace is the one downward-API value known here
        Map<String, String> vars = new HashMap<>();
        List<String> envValues = new ArrayList<>();
        for (YamlMap env : c.maps("env")) {
            Optional<String> name = env.string("name").filter(n -> !n.isEmpty());
            Optional<String> value = env.text("value").map(v -> EnvExpansion.expand(v, vars));
            value.ifPresent(envValues::add);
            Optional<String> known = value.or(() -> env.map("valueFrom")
                    .flatMap(vf -> vf.map("fieldRef"))
                    .flatMap(f -> f.string("fieldPath"))
                    .filter("metadata.namespace"::equals)
                    .map(f -> namespace));
            name.ifPresent(n -> known.ifPresentOrElse(v -> vars.put(n, v), () -> vars.remove(n)));
        }
        c.texts("command").forEach(v -> configValues.add(EnvExpansion.expand(v, vars)));
        c.texts("args").forEach(v -> configValues.add(EnvExpansion.expand(v, vars)));
        configValues.addAll(envValues);
        for (YamlMap env : c.maps("env")) {
            env.map("valueFrom").flatMap(vf -> vf.map("configMapKeyRef")).ifPresent(r -> {
                Optional<String> name = r.string("name").filter(n -> !n.isEmpty());
                Optional<String> key = r.string("key").filter(k -> !k.isEmpty());
                if (name.isPresent() && key.isPresent()) {
                    configMapRefs.add(new ConfigRef(name.get(), List.of(key.get()), ConfigRef.Use.ENV));
                }
            });
        }
        for (YamlMap envFrom : c.maps("envFrom")) {
            envFrom.map("configMapRef")
                    .flatMap(r -> r.string("name"))
                    .filter(n -> !n.isEmpty())
                    .ifPresent(n -> configMapRefs.add(new ConfigRef(n, List.of(), ConfigRef.Use.ENV)));
        }
    }

    /** A configMap volume (or projected source): the keys its {@code items} list, every key without items. */
    private static Optional<ConfigRef> mounted(YamlMap volume) {
        List<String> keys = volume.maps("items").stream()
                .flatMap(i -> i.string("key").stream())
                .filter(k -> !k.isEmpty())
                .toList();
        return volume.string("name").filter(n -> !n.isEmpty()).map(n -> new ConfigRef(n, keys, ConfigRef.Use.FILE));
    }
}
