/**
 * Reading a running cluster instead of files. The engine only defines what it needs
 * ({@link io.netspec.engine.load.live.ClusterSource}) and how the objects become facts
 * ({@link io.netspec.engine.load.live.LiveLoader}): each object goes through the same loader as a
 * file, under the name {@code cluster:CONTEXT/KIND/NS/NAME}. The implementation (fabric8) lives in
 * the {@code cluster} module and is found with {@link java.util.ServiceLoader}, so that its classes
 * are loaded only by a command given {@code --cluster}.
 */
package io.netspec.engine.load.live;
