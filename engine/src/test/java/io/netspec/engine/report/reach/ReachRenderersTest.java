package io.netspec.engine.report.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden files: {@code src/test/resources/connectivity/reach-golden/reach.<format>}; rewrite them
 * with {@code -Dnetspec.updateGolden=true}.
 */
class ReachRenderersTest {

    private static Endpoint pod(String ns, String name) {
        return new Endpoint.OfWorkload(deployment(ns, name));
    }

    /** A Deployment without labels or ports. */
    static Workload deployment(String ns, String name) {
        return new Workload(
                "Deployment",
                "Deployment",
                ns,
                name,
                Map.of(),
                Optional.empty(),
                List.of(),
                false,
                1,
                "",
                Map.of(),
                List.of(),
                List.of(),
                SourceRef.UNKNOWN);
    }

    private static Stream<Reach> sample() {
        Endpoint web = pod("shop", "web");
        Endpoint db = pod("shop", "db");
        Endpoint mon = pod("ops", "mon");
        return Stream.of(
                new Reach(new Endpoint.External(0, 0xFFFF_FFFFL), web, ConnectionSet.single(Protocol.TCP, 443)),
                new Reach(mon, db, ConnectionSet.all()),
                new Reach(
                        web,
                        db,
                        ConnectionSet.single(Protocol.TCP, 5432).union(ConnectionSet.of(Protocol.UDP, 53, 54))),
                new Reach(Endpoint.INGRESS_CONTROLLER, web, ConnectionSet.single(Protocol.TCP, 8080)),
                // Protocols beyond TCP/UDP/SCTP (Calico policies): ICMP by type:code, others by number.
                new Reach(
                        mon,
                        web,
                        ConnectionSet.single(Protocol.TCP, 9100)
                                .union(ConnectionSet.icmp(8, 0))
                                .union(ConnectionSet.icmpType(3))
                                .union(ConnectionSet.ipProtocol(136))));
    }

    @ParameterizedTest
    @EnumSource(ReachFormat.class)
    void matchesGoldenFile(ReachFormat format) throws IOException {
        StringWriter out = new StringWriter();
        format.renderer().render(sample(), out);
        String name = "/connectivity/reach-golden/reach." + format.name().toLowerCase(Locale.ROOT);
        if (Boolean.getBoolean("netspec.updateGolden")) {
            // mvn test -Dnetspec.updateGolden=true rewrites the golden files; review the diff before committing.
            Files.writeString(Path.of("src/test/resources" + name), out.toString());
            return;
        }
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertThat(in).as("golden file %s; actual output:%n%s", name, out).isNotNull();
            assertThat(out.toString()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The text renderer formats each id and connection set once: repeats must print the same as Reach#toString. */
    @org.junit.jupiter.api.Test
    void textRepeatsIdsAndConnectionsFaithfully() throws IOException {
        Endpoint web = pod("shop", "web");
        Endpoint db = pod("shop", "db");
        List<Reach> lines = List.of(
                new Reach(web, db, ConnectionSet.single(Protocol.TCP, 80)),
                new Reach(web, pod("shop", "db"), ConnectionSet.single(Protocol.TCP, 80)),
                new Reach(db, web, ConnectionSet.single(Protocol.TCP, 81)),
                new Reach(new Endpoint.External(1, 2), web, ConnectionSet.single(Protocol.TCP, 80)),
                new Reach(new Endpoint.External(1, 3), db, ConnectionSet.all()));
        StringWriter out = new StringWriter();
        ReachFormat.TEXT.renderer().render(lines.stream(), out);
        assertThat(out.toString()).isEqualTo(lines.stream().map(r -> r + "\n").collect(Collectors.joining()));
    }

    @org.junit.jupiter.api.Test
    void parsesFormatNames() {
        assertThat(ReachFormat.parse("Json")).contains(ReachFormat.JSON);
        assertThat(ReachFormat.parse("yaml")).isEmpty();
    }
}
