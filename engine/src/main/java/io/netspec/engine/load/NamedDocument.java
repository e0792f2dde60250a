package io.netspec.engine.load;

/**
 * One object's text (JSON or YAML) that does not come from a file, and the name that stands for it
 * wherever a file would show {@code file:line}, e.g. {@code cluster:prod/Deployment/shop/web}.
 */
public record NamedDocument(String name, String text) {}
