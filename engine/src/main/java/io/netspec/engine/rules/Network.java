package io.netspec.engine.rules;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Reachability for rules, set as the global {@code net}:
 * <pre>
 * global io.netspec.engine.rules.Network net;
 * ...
 * $db : Workload(podLabels["app"] == "db")
 * eval(net.reachableFromOtherNamespaces($db, 5432))
 * </pre>
 * Questions about pairs go to the connectivity engine ({@link ConnectivityAnalysis}), computed
 * once, on first use. Questions about one workload's ingress ("from other namespaces", "from the
 * internet") are answered from its policies directly, for any pod that could run there, not only
 * the workloads in the manifests. A port of 0 means "some port".
 */
public final class Network {

    private final Cluster cluster;
    private final Supplier<ConnectivityAnalysis> analysisFactory;
    private final ClusterDns.Target clusterDns;
    private ConnectivityAnalysis analysis;
    private FutureTask<ConnectivityAnalysis> preparing;
    private ClusterIndex index;

    public Network(Cluster cluster, Supplier<ConnectivityAnalysis> analysisFactory) {
        this(cluster, analysisFactory, ClusterDns.Target.DEFAULT);
    }

    public Network(Cluster cluster, Supplier<ConnectivityAnalysis> analysisFactory, ClusterDns.Target clusterDns) {
        this.cluster = cluster;
        this.analysisFactory = analysisFactory;
        this.clusterDns = clusterDns;
    }

    public static Network of(Cluster cluster) {
        return of(cluster, ClusterDns.Target.DEFAULT);
    }

    /** With cluster DNS where {@code clusterDns} says (from {@code .netspec.yaml}'s {@code dns:}). */
    public static Network of(Cluster cluster, ClusterDns.Target clusterDns) {
        return new Network(cluster, () -> ConnectivityAnalysis.of(cluster), clusterDns);
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Where cluster DNS runs, for {@link ClusterDns#check}. */
    public ClusterDns.Target clusterDns() {
        return clusterDns;
    }

    /** The full connectivity analysis (computed on first call, or waited for when {@link #prepareAnalysis} started it). */
    public ConnectivityAnalysis analysis() {
        FutureTask<ConnectivityAnalysis> task;
        synchronized (this) {
            if (analysis != null) {
                return analysis;
            }
            if (preparing == null) {
                analysis = analysisFactory.get();
                return analysis;
            }
            task = preparing;
        }
        try {
            ConnectivityAnalysis done = task.get();
            synchronized (this) {
                analysis = done;
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the connectivity analysis was computed", e);
        }
    }

    /**
     * Starts computing the connectivity analysis on a thread of its own, so that it overlaps the
     * derived facts and the first rules (a check always needs it in the end); {@link #analysis()}
     * waits for it. Does nothing when it is computed or under way.
     */
    public synchronized void prepareAnalysis() {
        if (analysis == null && preparing == null) {
            preparing = new FutureTask<>(analysisFactory::get);
            Thread thread = new Thread(preparing, "netspec-connectivity");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Workloads by namespace and label class, selector matches, policies per workload (built on first use). */
    synchronized ClusterIndex index() {
        if (index == null) {
            index = ClusterIndex.of(cluster);
        }
        return index;
    }

    /** What {@code from} may send to {@code to}: its egress AND the destination's ingress. */
    public ConnectionSet allowed(Workload from, Workload to) {
        return analysis().allowed(new Endpoint.OfWorkload(from), new Endpoint.OfWorkload(to));
    }

    public boolean canReach(Workload from, Workload to, int port, Protocol protocol) {
        ConnectionSet allowed = allowed(from, to);
        return port == 0 ? !allowed.ranges(protocol).isEmpty() : allowed.contains(protocol, port);
    }

    /** {@code protocol} as Kubernetes writes it: {@code "TCP"}, {@code "UDP"}, {@code "SCTP"}. */
    public boolean canReach(Workload from, Workload to, int port, String protocol) {
        return canReach(from, to, port, Protocol.parse(protocol)
                .orElseThrow(() -> new IllegalArgumentException("unknown protocol " + protocol)));
    }

    /** TCP. */
    public boolean canReach(Workload from, Workload to, int port) {
        return canReach(from, to, port, Protocol.TCP);
    }

    /** The policy rules that allow {@code from} to reach {@code to}, or the isolation that denies it. */
    public Explanation explain(Workload from, Workload to) {
        return analysis().explain(new Endpoint.OfWorkload(from), new Endpoint.OfWorkload(to));
    }

    /** True when some NetworkPolicy in the workload's namespace selects it for that direction. */
    public boolean isIsolated(Workload workload, Direction direction) {
        return !selecting(workload, direction).isEmpty();
    }

    /** The policies that select the workload and isolate it for {@code direction}. */
    public List<PolicyFact> selecting(Workload workload, Direction direction) {
        return index().policiesSelecting(workload, direction);
    }

    /**
     * True when a pod in some namespace other than the workload's could open a connection to it
     * on {@code port}/TCP (0: some port), as far as the workload's ingress policies say: it is not
     * ingress-isolated, or an ingress rule allowing that port has no peers or a namespace
     * selector matching another namespace (a selector {@code {}} matches namespaces not yet
     * created). Egress of the caller is not considered: a new pod is not egress-isolated.
     */
    public boolean reachableFromOtherNamespaces(Workload workload, int port) {
        return reachableFromOtherNamespaces(workload, port, Protocol.TCP);
    }

    public boolean reachableFromOtherNamespaces(Workload workload, int port, Protocol protocol) {
        return ingressAdmits(workload, port, protocol, peer -> peer.namespaceSelector().isPresent()
                && (peer.namespaceSelector().get().isEmpty()
                || index().namespacesMatching(peer.namespaceSelector().get()).stream()
                .anyMatch(ns -> !ns.name().equals(workload.namespace()))));
    }

    /**
     * True when the workload is not ingress-isolated, or one of its ingress rules allowing the port
     * has no peers or a peer {@code admits} accepts.
     */
    private boolean ingressAdmits(Workload workload, int port, Protocol protocol,
                                  java.util.function.Predicate<PolicyPeer> admits) {
        List<PolicyFact> policies = selecting(workload, Direction.INGRESS);
        if (policies.isEmpty()) {
            return true;
        }
        for (PolicyFact policy : policies) {
            for (PolicyRule rule : policy.ingress()) {
                if (allowsPort(rule, workload, port, protocol)
                        && (rule.allPeers() || rule.peers().stream().anyMatch(admits))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when a public IPv4 address (outside 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8,
     * 169.254/16) may connect to the workload on {@code port}/TCP (0: some port), as far as its
     * ingress policies say: it is not ingress-isolated, or an ingress rule allowing that port has
     * no peers or an ipBlock that keeps some public address after its {@code except}s. Whether
     * traffic can get in (a LoadBalancer, an Ingress) is for the rule to ask.
     */
    public boolean reachableFromInternet(Workload workload, int port) {
        return reachableFromInternet(workload, port, Protocol.TCP);
    }

    public boolean reachableFromInternet(Workload workload, int port, Protocol protocol) {
        return ingressAdmits(workload, port, protocol,
                peer -> peer.ipBlock().isPresent() && PublicAddresses.keepsSome(peer.ipBlock().get()));
    }

    /** The workloads the policy's pod selector selects (in its own namespace), in manifest order. */
    public List<Workload> selectedWorkloads(PolicyFact policy) {
        return index().selected(policy.namespace(), policy.podSelector());
    }

    /**
     * The workloads a policy peer matches (pod and/or namespace selector, relative to the policy's
     * namespace); empty for an ipBlock peer.
     */
    public List<Workload> workloadsMatching(PolicyFact policy, PolicyPeer peer) {
        return index().workloadsMatching(policy, peer);
    }

    /** True when the rule allows {@code port}/{@code protocol} (0: some port) towards {@code target}. */
    static boolean allowsPort(PolicyRule rule, Workload target, int port, Protocol protocol) {
        if (rule.allPorts()) {
            return true;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() != protocol) {
                continue;
            }
            if (p.port().isAny()) {
                return true;
            }
            if (p.port().isNamed()) {
                if (target.portsNamed(p.port().name(), protocol).stream()
                        .anyMatch(cp -> port == 0 || cp.port() == port)) {
                    return true;
                }
            } else {
                int from = p.port().number();
                int to = p.endPort() > 0 ? p.endPort() : from;
                if (port == 0 || (from <= port && port <= to)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Public IPv4 space: what remains of a block after private, shared, loopback and link-local ranges. */
    static final class PublicAddresses {
        private static final long[][] NON_PUBLIC = {
                {0x0A000000L, 0x0AFFFFFFL}, {0x64400000L, 0x647FFFFFL}, {0x7F000000L, 0x7FFFFFFFL},
                {0xA9FE0000L, 0xA9FEFFFFL}, {0xAC100000L, 0xAC1FFFFFL}, {0xC0A80000L, 0xC0A8FFFFL},
        };

        private PublicAddresses() {
        }

        static boolean keepsSome(io.netspec.engine.model.IpBlock block) {
            Cidr cidr = block.cidr();
            if (cidr.ipv6()) {
                return true;
            }
            List<long[]> remaining = new ArrayList<>(List.of(new long[] {cidr.first(), cidr.last()}));
            for (long[] cut : NON_PUBLIC) {
                remaining = minus(remaining, cut[0], cut[1]);
            }
            for (Cidr except : block.except()) {
                if (!except.ipv6()) {
                    remaining = minus(remaining, except.first(), except.last());
                }
            }
            return !remaining.isEmpty();
        }

        private static List<long[]> minus(List<long[]> ranges, long from, long to) {
            List<long[]> out = new ArrayList<>();
            for (long[] r : ranges) {
                if (to < r[0] || from > r[1]) {
                    out.add(r);
                    continue;
                }
                if (r[0] < from) {
                    out.add(new long[] {r[0], from - 1});
                }
                if (to < r[1]) {
                    out.add(new long[] {to + 1, r[1]});
                }
            }
            return out;
        }
    }
}
