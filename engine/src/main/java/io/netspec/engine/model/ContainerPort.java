package io.netspec.engine.model;

/** A container port of a workload's pod template; {@code name} is empty when unnamed. */
public record ContainerPort(String name, int port, Protocol protocol, String container) {

    public ContainerPort {
        name = name == null ? "" : name;
        container = container == null ? "" : container;
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }
}
