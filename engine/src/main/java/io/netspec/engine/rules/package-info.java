/**
 * The vocabulary rule packs are written against (the public API of DRL, {@code RULES-API.md} in this
 * folder): the consequence helper ({@link io.netspec.engine.rules.Report#report}), the {@code net}
 * global ({@link io.netspec.engine.rules.Network}) and its index, the {@code params} global
 * ({@link io.netspec.engine.rules.RuleParams}), the helpers DRL calls ({@code PolicyShapes},
 * {@code Exposure}, {@code ServiceReferences}, {@code CalicoChecks}, {@code CiliumShapes}, ...) and the
 * derived facts ({@code io.netspec.engine.rules.facts}, made by {@code DerivedFacts}).
 *
 * <p>DRL files import these classes by name, so they stay here. The jobs around them live one
 * package down: pack loading ({@code rules.packs}), compiling and running packs
 * ({@code rules.runtime}), the check with its config and baseline ({@code rules.check}) and
 * tooling for pack authors ({@code rules.tooling}). Findings, the result every report renders,
 * are in {@code io.netspec.engine.findings}, below all of them.
 */
package io.netspec.engine.rules;
