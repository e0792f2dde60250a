package io.netspec.engine.rules;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Workload;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Short, lower-case renderings of model values for finding messages. */
public final class Describe {

    private Describe() {}

    /** {@code 8080/TCP (http), 53/UDP}, or {@code no ports}. */
    public static String ports(Workload workload) {
        if (workload.ports().isEmpty()) {
            return "no ports";
        }
        return workload.ports().stream().map(Describe::port).collect(Collectors.joining(", "));
    }

    /** The first three items and how many more: {@code a, b, c and 7 more}. */
    public static String few(Collection<?> items) {
        List<String> texts = items.stream().map(String::valueOf).toList();
        if (texts.size() <= 3) {
            return String.join(", ", texts);
        }
        return String.join(", ", texts.subList(0, 3)) + " and " + (texts.size() - 3) + " more";
    }

    public static String port(ContainerPort p) {
        return p.port() + "/" + p.protocol() + (p.isNamed() ? " (" + p.name() + ")" : "");
    }
}
