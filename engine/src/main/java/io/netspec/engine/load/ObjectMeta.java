package io.netspec.engine.load;

import java.util.Map;

/** The {@code metadata} every object reader needs: name, namespace (defaulted), labels, annotations. */
record ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                  YamlMap metadata) {

    /**
     * Reads {@code metadata}. A missing name is reported (generateName is used when given) and the
     * namespace defaults to the load's default namespace.
     */
    static ObjectMeta read(YamlMap object, String kind, ReadContext ctx) {
        YamlMap md = object.mapOrEmpty("metadata");
        String name = md.string("name").orElse("");
        if (name.isEmpty()) {
            name = md.string("generateName").orElse("");
            if (name.isEmpty()) {
                ctx.error(object.node(), kind + " has no metadata.name");
            }
        }
        String namespace = md.string("namespace").filter(s -> !s.isEmpty())
                .orElse(ctx.options().defaultNamespace());
        return new ObjectMeta(name, namespace, Labels.read(md, "labels"), md.stringMap("annotations", (k, v) -> { }),
                md);
    }
}
