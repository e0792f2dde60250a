/**
 * Rule packs as files: finding them (built-in, folder, jar; {@link io.netspec.engine.rules.packs.PackLoader}),
 * reading and checking {@code pack.yaml} ({@link io.netspec.engine.rules.packs.PackManifest}), jar
 * signatures, duplicate packs and the errors that name a pack file and line. Nothing here compiles
 * DRL: that is the runtime's job, one layer up.
 */
package io.netspec.engine.rules.packs;
