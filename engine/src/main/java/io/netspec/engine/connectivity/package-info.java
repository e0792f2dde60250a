/**
 * Exact Kubernetes NetworkPolicy (networking.k8s.io/v1) connectivity.
 *
 * <p>Entry point: {@link io.netspec.engine.connectivity.ConnectivityAnalysis#of}. Semantics, as in
 * the Kubernetes documentation and netpol-analyzer:
 * <ul>
 *   <li>A workload is isolated for a direction when a policy of its namespace selects it with that
 *       (effective) policy type. Not isolated means everything is allowed in that direction.</li>
 *   <li>A to B is allowed on a port when A's egress allows it AND B's ingress allows it; each side
 *       allows the union over its selecting policies' rules. An isolating policy without rules of
 *       that direction allows nothing.</li>
 *   <li>A rule without peers matches every peer (addresses outside the cluster too); without ports,
 *       every port of every protocol. A port entry without a port means all ports of its protocol;
 *       {@code endPort} makes an inclusive range; a named port resolves on the destination's
 *       container ports by name and protocol, or allows nothing there
 *       ({@link io.netspec.engine.connectivity.ConnectivityAnalysis#unresolvedNamedPorts()}).</li>
 *   <li>ipBlocks describe addresses outside the cluster only and never match a workload. External
 *       sources are the pieces of the IPv4 space cut by ingress ipBlocks, external destinations
 *       those cut by egress ipBlocks; IPv6 blocks are ignored.</li>
 * </ul>
 */
package io.netspec.engine.connectivity;
