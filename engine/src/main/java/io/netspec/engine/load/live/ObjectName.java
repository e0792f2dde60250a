package io.netspec.engine.load.live;

/** A namespaced object's name. */
public record ObjectName(String namespace, String name) {}
