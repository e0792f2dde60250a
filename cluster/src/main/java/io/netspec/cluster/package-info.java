/**
 * The live-cluster source ({@code --cluster}) on the fabric8 Kubernetes client. Reached only through
 * {@link io.netspec.engine.load.live.ClusterSource} and {@link java.util.ServiceLoader}: no other
 * module refers to these classes, so the client's classes load only when a command reads a cluster.
 */
package io.netspec.cluster;
