/**
 * Exact Kubernetes connectivity under NetworkPolicy (networking.k8s.io/v1), AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), with the ingress controller that
 * Ingress and OpenShift Route objects imply.
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
 *       those cut by egress ipBlocks and by ANP/BANP egress {@code networks}; IPv6 blocks are ignored.</li>
 *   <li>Admin tiers, per direction and per port/protocol: the ANPs whose subject selects the workload,
 *       by ascending priority (equal priorities are an error, see
 *       {@link io.netspec.engine.connectivity.ConnectivityAnalysis#problems()}; input order decides), rules
 *       in order; the first rule whose peers and ports match Allows, Denies or Passes. What no ANP rule
 *       decided, or passed, goes to the NetworkPolicies if they isolate the workload for that direction,
 *       else to the BANP's first matching rule (Allow or Deny), else it is allowed. ANP peers:
 *       namespaces, pods (namespace and pod selectors), {@code networks} (IPv4 CIDRs, egress);
 *       {@code nodes} peers match nothing (reported). A rule without ports covers every port; a
 *       {@code namedPort} resolves on the destination's container ports by name, with their protocol.</li>
 *   <li>{@code {ingress-controller}} is a source only: TCP to the pod ports that Ingress backends and
 *       Routes name through a Service selecting the workload (and that the workload declares as
 *       container ports), intersected with what the workload's ingress side admits from a pod
 *       {@code ingress-controller} without labels in namespace {@code ingress-controller-ns}.</li>
 * </ul>
 */
package io.netspec.engine.connectivity;
