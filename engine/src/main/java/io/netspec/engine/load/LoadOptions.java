package io.netspec.engine.load;

import io.netspec.engine.model.NetworkPlugin;

/**
 * How manifests are read.
 *
 * @param defaultNamespace namespace of objects that name none (Kubernetes: {@code default})
 * @param maxAliases       YAML aliases allowed per document (alias bombs fail fast)
 * @param maxNestingDepth  nesting depth allowed per document
 * @param maxDocumentBytes size allowed per file, in bytes
 * @param plugin           the CNI plugin that enforces policy; {@link NetworkPlugin#AUTO} infers it from the kinds
 * @param kinds            the kinds read into facts, each with its reader
 */
public record LoadOptions(
        String defaultNamespace,
        int maxAliases,
        int maxNestingDepth,
        long maxDocumentBytes,
        NetworkPlugin plugin,
        KindRegistry kinds) {

    public static final LoadOptions DEFAULTS =
            new LoadOptions("default", 100, 100, 64L * 1024 * 1024, NetworkPlugin.AUTO);

    public LoadOptions {
        kinds = kinds == null ? KindRegistry.BUILT_IN : kinds;
    }

    public LoadOptions(
            String defaultNamespace, int maxAliases, int maxNestingDepth, long maxDocumentBytes, NetworkPlugin plugin) {
        this(defaultNamespace, maxAliases, maxNestingDepth, maxDocumentBytes, plugin, KindRegistry.BUILT_IN);
    }

    public LoadOptions(String defaultNamespace, int maxAliases, int maxNestingDepth, long maxDocumentBytes) {
        this(defaultNamespace, maxAliases, maxNestingDepth, maxDocumentBytes, NetworkPlugin.AUTO);
    }

    public LoadOptions withDefaultNamespace(String namespace) {
        return new LoadOptions(namespace, maxAliases, maxNestingDepth, maxDocumentBytes, plugin, kinds);
    }

    public LoadOptions withPlugin(NetworkPlugin plugin) {
        return new LoadOptions(defaultNamespace, maxAliases, maxNestingDepth, maxDocumentBytes, plugin, kinds);
    }

    /** These options reading the kinds of {@code kinds} (the built-in ones and those registered beyond them). */
    public LoadOptions withKinds(KindRegistry kinds) {
        return new LoadOptions(defaultNamespace, maxAliases, maxNestingDepth, maxDocumentBytes, plugin, kinds);
    }
}
