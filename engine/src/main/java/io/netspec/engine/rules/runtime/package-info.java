/**
 * Compiling and running rule packs: {@link io.netspec.engine.rules.runtime.RuleEngine} (DRL or the
 * precompiled executable model, the compiled-pack cache), rule metadata, the guarded run with its
 * budget, annotation waivers (applied where the subject object is known) and the start-up
 * checkpoints ({@code NETSPEC_TIMING}). It hands back raw findings; the check decides what they mean.
 */
package io.netspec.engine.rules.runtime;
