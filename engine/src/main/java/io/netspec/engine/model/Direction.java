package io.netspec.engine.model;

/** The two directions a NetworkPolicy governs. */
public enum Direction {
    INGRESS,
    EGRESS;

    public String wireName() {
        return this == INGRESS ? "Ingress" : "Egress";
    }
}
