package io.netspec.engine.rules.facts;

import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;

/**
 * Derived: {@code client} is configured to call {@code service}: one of its literal config values
 * (env value, arg, command) or a value of a ConfigMap it reads names the Service by DNS name
 * ({@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}, optionally
 * with a scheme, {@code :port} and path). {@code port} is the port written there, or 0 when none
 * is written; {@code value} is the config value as written (the evidence).
 */
public record ConfiguredCall(Workload client, ServiceFact service, int port, String value) {
}
