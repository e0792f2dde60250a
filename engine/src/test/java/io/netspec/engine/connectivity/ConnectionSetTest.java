package io.netspec.engine.connectivity;

import io.netspec.engine.model.Protocol;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netspec.engine.model.Protocol.SCTP;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSetTest {

    @Test
    void printsTheCorpusGrammar() {
        assertThat(ConnectionSet.all()).hasToString("All Connections");
        assertThat(ConnectionSet.none()).hasToString("No Connections");
        ConnectionSet s = ConnectionSet.single(TCP, 80).union(ConnectionSet.single(UDP, 53))
                .union(ConnectionSet.of(SCTP, 1, 9002));
        assertThat(s).hasToString("SCTP 1-9002,TCP 80,UDP 53");
        assertThat(ConnectionSet.allPorts(TCP)).hasToString("TCP 1-65535");
    }

    @Test
    void mergesAdjacentRanges() {
        ConnectionSet s = ConnectionSet.single(TCP, 80).union(ConnectionSet.single(TCP, 81))
                .union(ConnectionSet.of(TCP, 83, 90)).union(ConnectionSet.single(TCP, 82));
        assertThat(s).hasToString("TCP 80-90");
        assertThat(s.ranges(TCP)).containsExactly(new PortRange(80, 90));
    }

    @Test
    void allOfEveryProtocolIsAll() {
        ConnectionSet s = ConnectionSet.allPorts(TCP).union(ConnectionSet.allPorts(UDP)).union(ConnectionSet.allPorts(SCTP));
        assertThat(s.isAll()).isTrue();
        assertThat(s).isEqualTo(ConnectionSet.all()).hasToString("All Connections");
    }

    @Test
    void complementOfOnePort() {
        ConnectionSet s = ConnectionSet.all().minus(ConnectionSet.single(TCP, 80));
        assertThat(s).hasToString("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
        assertThat(s.contains(TCP, 80)).isFalse();
        assertThat(s.contains(TCP, 79)).isTrue();
        assertThat(s.contains(TCP, 65535)).isTrue();
        assertThat(s.complement()).isEqualTo(ConnectionSet.single(TCP, 80));
    }

    @Test
    void intersectAndContainsAll() {
        ConnectionSet a = ConnectionSet.of(TCP, 1, 100);
        ConnectionSet b = ConnectionSet.of(TCP, 50, 200).union(ConnectionSet.single(UDP, 53));
        assertThat(a.intersect(b)).hasToString("TCP 50-100");
        assertThat(b.containsAll(ConnectionSet.of(TCP, 60, 70))).isTrue();
        assertThat(b.containsAll(a)).isFalse();
        assertThat(a.intersect(ConnectionSet.single(UDP, 53)).isEmpty()).isTrue();
    }

    @Test
    void parsesWhatItPrints() {
        String text = "SCTP 1-9002,9004-65535,TCP 1-79,81-65535,UDP 1-52,54-65535";
        assertThat(ConnectionSet.parse(text)).hasToString(text);
        assertThat(ConnectionSet.parse("All Connections")).isEqualTo(ConnectionSet.all());
        assertThatThrownBy(() -> ConnectionSet.parse("TCP x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port range 'x'");
        assertThatThrownBy(() -> ConnectionSet.of(TCP, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void setAlgebraAgreesWithAPortByPortModel(@ForAll("sets") List<int[]> a, @ForAll("sets") List<int[]> b) {
        ConnectionSet sa = build(a);
        ConnectionSet sb = build(b);
        ConnectionSet union = sa.union(sb);
        ConnectionSet inter = sa.intersect(sb);
        ConnectionSet minus = sa.minus(sb);
        for (Protocol p : Protocol.values()) {
            for (int port : new int[]{1, 2, 3, 50, 79, 80, 81, 99, 100, 101, 65534, 65535}) {
                boolean inA = in(a, p, port);
                boolean inB = in(b, p, port);
                assertThat(sa.contains(p, port)).isEqualTo(inA);
                assertThat(union.contains(p, port)).isEqualTo(inA || inB);
                assertThat(inter.contains(p, port)).isEqualTo(inA && inB);
                assertThat(minus.contains(p, port)).isEqualTo(inA && !inB);
            }
        }
        assertThat(ConnectionSet.parse(union.toString())).isEqualTo(union);
        assertThat(union.containsAll(sa)).isTrue();
        assertThat(sa.union(sb)).isEqualTo(sb.union(sa)).hasSameHashCodeAs(sb.union(sa));
    }

    @Provide
    Arbitrary<List<int[]>> sets() {
        Arbitrary<Integer> port = Arbitraries.of(1, 2, 3, 50, 79, 80, 81, 99, 100, 101, 65534, 65535);
        Arbitrary<int[]> range = Combinators.combine(Arbitraries.integers().between(0, 2), port, port)
                .as((p, x, y) -> new int[]{p, Math.min(x, y), Math.max(x, y)});
        return range.list().ofMaxSize(5);
    }

    private static ConnectionSet build(List<int[]> ranges) {
        ConnectionSet s = ConnectionSet.none();
        for (int[] r : ranges) {
            s = s.union(ConnectionSet.of(Protocol.values()[r[0]], r[1], r[2]));
        }
        return s;
    }

    private static boolean in(List<int[]> ranges, Protocol p, int port) {
        return ranges.stream().anyMatch(r -> r[0] == p.ordinal() && r[1] <= port && port <= r[2]);
    }
}
