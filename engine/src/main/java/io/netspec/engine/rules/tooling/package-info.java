/**
 * Tools for pack authors: the fixture runner behind {@code netspec rules test}
 * ({@link io.netspec.engine.rules.tooling.FixtureRunner}) and the generated rule docs
 * ({@link io.netspec.engine.rules.tooling.RuleDocs}).
 */
package io.netspec.engine.rules.tooling;
