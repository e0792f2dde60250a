package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.LoadedClusters.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.NodeFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The workload classes of the analysis against the plain definition: workloads of one class have
 * the same namespace, labels and named ports, and every endpoint match of the compiled policies
 * (every node of every subject, peer and selection) answers them alike, decidability included;
 * workloads that all these and the host-network flag leave alike share a class. Checked with every attribute read per workload,
 * on random Calico clusters with replicated pods (service accounts, nets, host network), on the
 * random NetworkPolicy and admin-policy clusters (networks, nodes) and on random Cilium clusters;
 * the analysis answers the leaves once per group of workloads that they cannot tell apart.
 */
class WorkloadClassPropertiesTest {

    @Property(tries = 150)
    void calicoClassesAreExactlyTheWorkloadsNoMatchTellsApart(@ForAll long seed) {
        Random r = new Random(seed);
        String yaml = RandomCalicoClusters.cluster(r, 1 + r.nextInt(3));
        assertThat(disagreements(load(yaml))).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    @Property(tries = 150)
    void classesAreExactlyTheWorkloadsNoMatchTellsApart(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        assertThat(disagreements(cluster))
                .as("seed %d, cluster %s", seed, cluster)
                .isEmpty();
    }

    @Property(tries = 60)
    void ciliumClassesAreExactlyTheWorkloadsNoMatchTellsApart(@ForAll long seed) {
        String yaml = new RandomCiliumClusters(seed).next();
        assertThat(disagreements(load(yaml))).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    private static List<String> disagreements(Cluster cluster) {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        List<EndpointMatch> matches = ModelMatches.everyNode(analysis.model());
        List<Workload> workloads = cluster.workloads();
        List<String> answers = new ArrayList<>();
        for (Workload w : workloads) {
            answers.add(answers(matches, attributes(cluster, w)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            for (int j = i + 1; j < workloads.size(); j++) {
                Workload a = workloads.get(i);
                Workload b = workloads.get(j);
                boolean sameClass = analysis.classOf(a) == analysis.classOf(b);
                boolean answeredAlike =
                        basics(a).equals(basics(b)) && answers.get(i).equals(answers.get(j));
                // one class: no match tells them apart; told apart by nothing, host network included: one class
                if (sameClass && !answeredAlike || !sameClass && answeredAlike && a.hostNetwork() == b.hostNetwork()) {
                    out.add(a.id() + " and " + b.id() + ": same class " + sameClass + ", answers " + answers.get(i)
                            + " and " + answers.get(j));
                }
            }
        }
        return out;
    }

    private static String answers(List<EndpointMatch> matches, EndpointAttributes e) {
        StringBuilder sb = new StringBuilder();
        for (EndpointMatch m : matches) {
            sb.append(m.test(e) ? '1' : '0').append(m.decidable(e) ? 'd' : 'u');
        }
        return sb.toString();
    }

    private static List<Object> basics(Workload w) {
        Set<String> named = new TreeSet<>();
        for (ContainerPort p : w.ports()) {
            if (p.isNamed()) {
                named.add(p.name() + "/" + p.protocol() + "/" + p.port());
            }
        }
        return List.of(w.namespace(), w.podLabels(), named);
    }

    /** What a predicate may read about a workload, every attribute read afresh. */
    private static EndpointAttributes attributes(Cluster cluster, Workload w) {
        Optional<NodeFact> node = w.nodeName().isEmpty()
                ? Optional.empty()
                : cluster.nodes().stream()
                        .filter(n -> n.name().equals(w.nodeName()))
                        .findFirst();
        List<Long> addresses = new ArrayList<>();
        for (String ip : w.hostNetwork() && node.isPresent() ? node.get().addresses() : w.podIps()) {
            OptionalLong parsed = Ipv4.parse(ip);
            parsed.ifPresent(addresses::add);
        }
        Map<String, String> nsLabels = cluster.namespaces().stream()
                .filter(n -> n.name().equals(w.namespace()))
                .findFirst()
                .map(NamespaceFact::labels)
                .orElse(Map.of(NamespaceFact.NAME_LABEL, w.namespace()));
        return new EndpointAttributes(
                w.namespace(),
                nsLabels,
                w.podLabels(),
                w.serviceAccount(),
                Map.of(),
                w.ports().stream().filter(ContainerPort::isNamed).toList(),
                addresses,
                w.hostNetwork(),
                w.nodeName(),
                node.map(NodeFact::labels).orElse(Map.of()),
                node.isPresent());
    }
}
