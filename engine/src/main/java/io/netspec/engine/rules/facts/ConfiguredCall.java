package io.netspec.engine.rules.facts;

import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;

/**
 * Derived: {@code client} is configured to call {@code service}: one of its literal config values
 * (env value, arg, command) or a value of a ConfigMap it reads names the Service, exactly as
 * {@link io.netspec.engine.rules.ServiceReferences#callsIn} finds it (the one parser of Service
 * references, also behind {@code unreachable-dependency} and {@code unknown-dependency}): a qualified
 * DNS name ({@code svc.ns}, {@code svc.ns.svc[.cluster.local]}, {@code pod.svc.ns.svc[.cluster.local]}),
 * anywhere in the value (URLs, JDBC URLs, properties), or a bare word equal to a Service's name in the
 * client's namespace; each Service and port once. {@code port} is the port written there, or 0 when
 * none is written; {@code value} is the config value as written (the evidence).
 */
public record ConfiguredCall(Workload client, ServiceFact service, int port, String value) {}
