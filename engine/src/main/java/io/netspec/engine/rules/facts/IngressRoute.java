package io.netspec.engine.rules.facts;

import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.ServiceFact;

/**
 * Derived: an Ingress backend that names an existing Service in the Ingress's namespace. A
 * backend with no {@code IngressRoute} names a Service that does not exist.
 */
public record IngressRoute(IngressFact ingress, IngressBackend backend, ServiceFact service) {}
