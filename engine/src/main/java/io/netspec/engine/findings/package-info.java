/**
 * What a check produces and every renderer reads: {@link io.netspec.engine.findings.Finding},
 * {@link io.netspec.engine.findings.Severity}, the rules that found them with their declared
 * parameters ({@link io.netspec.engine.findings.RuleInfo}), the result and its fail-on gate. It
 * depends on the model and the version only, so {@code engine.report} renders findings without the
 * rule runtime (ArchitectureTest).
 */
package io.netspec.engine.findings;
