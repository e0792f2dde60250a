package io.netspec.engine.rules.facts;

import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;

/**
 * Derived: the Service's (non-empty) selector matches the workload's pods, in the Service's
 * namespace. A Service with a selector and no {@code ServiceSelects} has no endpoints.
 */
public record ServiceSelects(ServiceFact service, Workload workload) {}
