package io.netspec.engine.rules;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Workload;

import java.util.stream.Collectors;

/** Short, lower-case renderings of model values for finding messages. */
public final class Describe {

    private Describe() {
    }

    /** {@code 8080/TCP (http), 53/UDP}, or {@code no ports}. */
    public static String ports(Workload workload) {
        if (workload.ports().isEmpty()) {
            return "no ports";
        }
        return workload.ports().stream().map(Describe::port).collect(Collectors.joining(", "));
    }

    public static String port(ContainerPort p) {
        return p.port() + "/" + p.protocol() + (p.isNamed() ? " (" + p.name() + ")" : "");
    }
}
