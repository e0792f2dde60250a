package io.netspec.features.reference;

import io.netspec.engine.model.ServiceFact;
import java.util.List;
import java.util.Optional;

/**
 * A reference looked up in one cluster snapshot.
 *
 * @param targets  the endpoints it stands for (empty only for a Service that selects no pods)
 * @param service  the Service, for {@code service "X" in "NS"}: ports are translated through it
 * @param anyOf    true when one of the targets suffices (the internet: "some external address");
 *                 false when the expectation must hold for each target
 */
public record Resolved(Reference reference, List<Target> targets, Optional<ServiceFact> service, boolean anyOf) {

    public Resolved {
        targets = List.copyOf(targets);
    }

    public String text() {
        return reference.text();
    }
}
