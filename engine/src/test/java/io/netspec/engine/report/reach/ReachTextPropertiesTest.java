package io.netspec.engine.report.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.RandomBroadPeerClusters;
import io.netspec.engine.connectivity.RandomCalicoClusters;
import io.netspec.engine.connectivity.RandomClusters;
import io.netspec.engine.connectivity.RandomLayerClusters;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.Workload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The byte writer of the whole reach list ({@link ReachText}: ids encoded once, chunks rendered on
 * several threads and written in order) gives exactly the text of the lines asked pair by pair
 * ({@link ConnectivityAnalysis#allowed(Endpoint, Endpoint)} over every source and destination, sorted
 * by id), and so does the stream renderer: on random clusters with NetworkPolicies, admin policies,
 * Calico and Cilium policies, broad peers and an Ingress, whatever the threads and the chunk sizes.
 */
class ReachTextPropertiesTest {

    /** An Ingress in front of the {@code app: x} pods of namespace a: the ingress controller's lines. */
    private static final String INGRESS = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: x, namespace: a}
            spec:
              selector: {app: x}
              ports: [{port: 80, targetPort: http}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: x, namespace: a}
            spec:
              defaultBackend: {service: {name: x, port: {number: 80}}}
            """;

    @Property(tries = 60)
    void networkAndAdminPolicies(@ForAll long seed) throws IOException {
        assertSameText(new RandomClusters(seed).next(), "seed " + seed);
    }

    @Property(tries = 40)
    void calicoPoliciesBehindAnIngress(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        String yaml = RandomCalicoClusters.cluster(r, 1 + r.nextInt(2)) + INGRESS;
        LoadResult loaded = new ManifestLoader().loadString(yaml, "random.yaml");
        assertThat(loaded.errors()).as(yaml).isEmpty();
        assertSameText(loaded.cluster(), "seed " + seed + "\n" + yaml);
    }

    @Property(tries = 40)
    void ciliumPolicies(@ForAll long seed) throws IOException {
        assertSameText(RandomLayerClusters.cilium(seed), "seed " + seed);
    }

    @Property(tries = 40)
    void broadPeers(@ForAll long seed) throws IOException {
        RandomBroadPeerClusters.Plugin[] plugins = RandomBroadPeerClusters.Plugin.values();
        RandomBroadPeerClusters.Plugin plugin = plugins[Math.floorMod(seed, plugins.length)];
        String yaml = new RandomBroadPeerClusters(seed, plugin).next();
        LoadResult loaded = new ManifestLoader().loadString(yaml, "random.yaml");
        assertThat(loaded.errors()).as(yaml).isEmpty();
        assertSameText(loaded.cluster(), "seed " + seed + " " + plugin + "\n" + yaml);
    }

    @Test
    void theIngressControllerHasLines() throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: a, labels: {app: x}}
                spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: q, namespace: b, labels: {app: y}}
                spec: {containers: [{name: c}]}
                """ + INGRESS;
        Cluster cluster = new ManifestLoader().loadString(yaml, "i.yaml").cluster();
        String text = assertSameText(cluster, yaml);
        assertThat(text).contains("{ingress-controller} => a/p[Pod] : TCP 8080\n");
        assertThat(text).contains("a/p[Pod] => b/q[Pod] : All Connections\n");
        assertThat(text).doesNotContain("a/p[Pod] => a/p[Pod]");
    }

    @Test
    void controlCharactersAreShownAndSurrogatePairsEncodedButALoneSurrogateIsLeftToTheWriter() throws IOException {
        Workload escaped = ReachRenderersTest.deployment("a", "tab\there");
        Workload emoji = ReachRenderersTest.deployment("a", "smile\uD83D\uDE00");
        String text = assertSameText(
                Cluster.builder().workloads(List.of(escaped, emoji)).build(), "escapes");
        assertThat(text)
                .contains("\na/smile\uD83D\uDE00[Deployment] => a/tab\\there[Deployment] : All Connections\n"
                        + "a/tab\\there[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n");

        Cluster lone = Cluster.builder()
                .workloads(
                        List.of(ReachRenderersTest.deployment("a", "x\uD800"), ReachRenderersTest.deployment("a", "y")))
                .build();
        // a file writer reports the lone surrogate, standard output replaces it: the caller's Writer decides
        assertThat(ReachText.of(ConnectivityAnalysis.of(lone).reachTable())).isEmpty();
    }

    /** The writer's text (every thread count and chunk size) and the stream renderer's, equal to the pair-by-pair text. */
    private static String assertSameText(Cluster cluster, String what) throws IOException {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        String expected = pairByPair(analysis, cluster);
        StringWriter stream = new StringWriter();
        ReachRenderers.text(analysis.reach(), stream);
        assertThat(stream.toString()).as("stream renderer, %s", what).isEqualTo(expected);
        for (int threads : new int[] {1, 2, 3}) {
            for (int chunkBytes : new int[] {1, 300, ReachText.CHUNK_BYTES}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ReachText.of(analysis.reachTable()).orElseThrow().write(out, threads, chunkBytes);
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .as("%d threads, %d-byte chunks, %s", threads, chunkBytes, what)
                        .isEqualTo(expected);
            }
        }
        return expected;
    }

    /** Every source against every destination, each sorted by id, asked one pair at a time. */
    private static String pairByPair(ConnectivityAnalysis analysis, Cluster cluster) {
        List<Endpoint> sources = new ArrayList<>();
        List<Endpoint> destinations = new ArrayList<>();
        cluster.workloads().forEach(w -> sources.add(new Endpoint.OfWorkload(w)));
        cluster.workloads().forEach(w -> destinations.add(new Endpoint.OfWorkload(w)));
        sources.addAll(analysis.externalSources());
        destinations.addAll(analysis.externalDestinations());
        if (analysis.hasIngressController()) {
            sources.add(Endpoint.INGRESS_CONTROLLER);
        }
        sources.sort(Comparator.comparing(Endpoint::id));
        destinations.sort(Comparator.comparing(Endpoint::id));
        StringBuilder out = new StringBuilder();
        for (Endpoint s : sources) {
            for (Endpoint d : destinations) {
                if (s instanceof Endpoint.OfWorkload a
                        && d instanceof Endpoint.OfWorkload b
                        && a.workload() == b.workload()) {
                    continue;
                }
                ConnectionSet c = analysis.allowed(s, d);
                if (!c.isEmpty()) {
                    out.append(Printable.line(s.id()))
                            .append(" => ")
                            .append(Printable.line(d.id()))
                            .append(" : ")
                            .append(c)
                            .append('\n');
                }
            }
        }
        return out.toString();
    }
}
