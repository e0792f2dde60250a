/**
 * One {@code netspec check}: the {@code .netspec.yaml} config ({@link io.netspec.engine.rules.check.CheckConfig}),
 * the baseline file and {@link io.netspec.engine.rules.check.Checker}, which runs the packs and applies
 * config, waivers and baseline to their findings.
 */
package io.netspec.engine.rules.check;
