package io.netspec.engine.rules.facts;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.Workload;

/**
 * Derived: {@code workload} backs {@code servicePort} of {@code service}: the Service selects it
 * and the port's {@code targetPort} resolves on it to {@code containerPort}.
 *
 * <p>A numeric targetPort always resolves (Kubernetes does not require ports to be declared);
 * {@code declared} says whether the workload lists it. When it does not, {@code containerPort}
 * carries the number and protocol with an empty name and container. A named targetPort resolves
 * only against a declared port of that name and protocol; when it does not, the engine inserts
 * an {@link UnresolvedTargetPort} instead.
 */
public record Backs(
        ServiceFact service,
        ServicePort servicePort,
        Workload workload,
        ContainerPort containerPort,
        boolean declared) {}
