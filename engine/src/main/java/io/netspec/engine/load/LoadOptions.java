package io.netspec.engine.load;

/**
 * How manifests are read.
 *
 * @param defaultNamespace namespace of objects that name none (Kubernetes: {@code default})
 * @param maxAliases       YAML aliases allowed per document (alias bombs fail fast)
 * @param maxNestingDepth  nesting depth allowed per document
 * @param maxDocumentBytes size allowed per file, in bytes
 */
public record LoadOptions(String defaultNamespace, int maxAliases, int maxNestingDepth, long maxDocumentBytes) {

    public static final LoadOptions DEFAULTS = new LoadOptions("default", 100, 100, 64L * 1024 * 1024);

    public LoadOptions withDefaultNamespace(String namespace) {
        return new LoadOptions(namespace, maxAliases, maxNestingDepth, maxDocumentBytes);
    }
}
