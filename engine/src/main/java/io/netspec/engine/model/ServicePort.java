package io.netspec.engine.model;

/**
 * One port of a Service. {@code targetPort} is already defaulted to {@code port} when the
 * manifest leaves it out. {@code nodePort} is 0 when unset.
 */
public record ServicePort(String name, int port, Protocol protocol, PortRef targetPort, int nodePort) {

    public ServicePort {
        name = name == null ? "" : name;
    }
}
