package io.netspec.engine.load;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code metadata} every object reader needs: name, namespace (defaulted), labels, annotations,
 * and the object's identity in the cluster.
 *
 * @param type           the kind with its API group, normalised ({@code apps/Deployment}): two objects
 *                       are the same object when type, namespace and name agree
 * @param clusterScoped  the kind has no namespace (Namespace, AdminNetworkPolicy, ...)
 * @param named          {@code metadata.name} is given; false for {@code generateName} (a new name on
 *                       every create) or no name at all
 */
record ObjectMeta(
        String type,
        String kind,
        String name,
        String namespace,
        boolean clusterScoped,
        boolean named,
        Map<String, String> labels,
        Map<String, String> annotations,
        YamlMap metadata) {

    /** CronJob names: the controller appends 11 characters to name its Jobs, which must stay a DNS label. */
    private static final int CRON_JOB_NAME_MAX = 52;

    private static final String REJECTED = "; the API server would reject it (read anyway)";

    /**
     * Reads and validates {@code metadata}. A missing name is an error (generateName is used when
     * given). Names and namespaces are checked as the API server checks them, but an invalid one is
     * a warning, not an error: the object's meaning for the network is intact, and manifests
     * written for other tools (netpol-analyzer's corpus names policies with '_') must still be
     * analysed. The namespace defaults to the load's default namespace.
     */
    static ObjectMeta read(YamlMap object, String type, String kind, boolean clusterScoped, ReadContext ctx) {
        YamlMap md = object.mapOrEmpty("metadata");
        K8sSyntax.NameRule rule = switch (kind) {
            case "Namespace" -> K8sSyntax.NameRule.DNS_LABEL;
            case "Service" -> K8sSyntax.NameRule.DNS_1035_LABEL;
            default -> K8sSyntax.NameRule.DNS_SUBDOMAIN;
        };
        String name = md.string("name").orElse("");
        boolean named = !name.isEmpty();
        if (named) {
            rule.problem(kind + " name", name)
                    .ifPresent(p -> ctx.warning(md.nodeOr("name"), "metadata.name: " + p + REJECTED));
            if (kind.equals("CronJob") && name.length() > CRON_JOB_NAME_MAX) {
                ctx.warning(
                        md.nodeOr("name"),
                        "metadata.name: invalid CronJob name \"" + YamlMap.abbreviate(name)
                                + "\": " + name.length() + " characters, over " + CRON_JOB_NAME_MAX
                                + " (its Jobs are named after it plus 11 characters)" + REJECTED);
            }
        } else {
            name = md.string("generateName").orElse("");
            if (name.isEmpty()) {
                ctx.error(object.node(), kind + " has no metadata.name");
            } else {
                // the API server appends a random suffix: the prefix, without a trailing '-', must be valid
                String prefix = name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
                rule.problem(kind + " generateName", prefix)
                        .ifPresent(
                                p -> ctx.warning(md.nodeOr("generateName"), "metadata.generateName: " + p + REJECTED));
            }
        }
        String namespace = ctx.options().defaultNamespace();
        Optional<String> given = md.string("namespace").filter(s -> !s.isEmpty());
        if (given.isPresent() && !clusterScoped) {
            namespace = ctx.strings().name(given.get());
            K8sSyntax.NameRule.DNS_LABEL
                    .problem("namespace", namespace)
                    .ifPresent(p -> ctx.warning(md.nodeOr("namespace"), "metadata.namespace: " + p + REJECTED));
        }
        return new ObjectMeta(
                type,
                kind,
                name,
                namespace,
                clusterScoped,
                named,
                Labels.read(md, "labels"),
                md.stringMap("annotations", YamlMap.EntryCheck.NONE, YamlMap.EntryCheck.NONE),
                md);
    }

    /** Metadata of an object netspec does not analyse: name and namespace only, read leniently. */
    static ObjectMeta lenient(YamlMap object, String type, String kind, boolean clusterScoped, ReadContext ctx) {
        YamlMap md = object.mapOrEmpty("metadata");
        Optional<String> name = md.text("name").filter(s -> !s.isEmpty());
        String namespace = md.text("namespace")
                .filter(s -> !s.isEmpty())
                .orElse(ctx.options().defaultNamespace());
        return new ObjectMeta(
                type,
                kind,
                name.or(() -> md.text("generateName")).orElse(""),
                namespace,
                clusterScoped,
                name.isPresent(),
                Map.of(),
                Map.of(),
                md);
    }

    /** The object's identity ({@code type/namespace/name}); empty when it has no fixed name. */
    Optional<String> identity() {
        return named ? Optional.of(type + "/" + (clusterScoped ? "" : namespace) + "/" + name) : Optional.empty();
    }

    /** How messages name the object: {@code Deployment shop/api}, {@code Namespace shop}. */
    String display() {
        return kind + " " + (clusterScoped ? name : namespace + "/" + name);
    }
}
