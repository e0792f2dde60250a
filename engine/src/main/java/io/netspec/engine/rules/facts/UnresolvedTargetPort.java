package io.netspec.engine.rules.facts;

import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.Workload;

/**
 * Derived: the Service selects {@code workload}, but the named {@code targetPort} of
 * {@code servicePort} matches no container port of that name and protocol on it.
 */
public record UnresolvedTargetPort(ServiceFact service, ServicePort servicePort, Workload workload) {}
