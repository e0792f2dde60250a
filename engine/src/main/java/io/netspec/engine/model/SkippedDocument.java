package io.netspec.engine.model;

/** A YAML/JSON document that is not a Kubernetes object (a values file, a stray output). */
public record SkippedDocument(SourceRef source, String reason) {}
