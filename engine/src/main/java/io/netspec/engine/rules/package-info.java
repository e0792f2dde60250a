/**
 * The rule runtime: rule packs ({@link io.netspec.engine.rules.PackLoader}), compilation and metadata
 * ({@link io.netspec.engine.rules.RuleEngine}), the consequence helper
 * ({@link io.netspec.engine.rules.Report#report}), the {@code net} global
 * ({@link io.netspec.engine.rules.Network}), derived facts ({@code io.netspec.engine.rules.facts}),
 * waivers, baseline and config ({@link io.netspec.engine.rules.Checker}) and the fixture runner
 * ({@link io.netspec.engine.rules.FixtureRunner}).
 *
 * <p>The contract for pack authors (layout, metadata, facts, globals, fixtures) is
 * {@code RULES-API.md} in this folder.
 */
package io.netspec.engine.rules;
