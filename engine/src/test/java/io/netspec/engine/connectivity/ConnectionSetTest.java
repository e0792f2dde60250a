package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.SCTP;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.model.Protocol;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConnectionSetTest {

    @Test
    void printsTheCorpusGrammar() {
        assertThat(ConnectionSet.all()).hasToString("All Connections");
        assertThat(ConnectionSet.none()).hasToString("No Connections");
        ConnectionSet s = ConnectionSet.single(TCP, 80)
                .union(ConnectionSet.single(UDP, 53))
                .union(ConnectionSet.of(SCTP, 1, 9002));
        assertThat(s).hasToString("SCTP 1-9002,TCP 80,UDP 53");
        assertThat(ConnectionSet.allPorts(TCP)).hasToString("TCP 1-65535");
    }

    @Test
    void mergesAdjacentRanges() {
        ConnectionSet s = ConnectionSet.single(TCP, 80)
                .union(ConnectionSet.single(TCP, 81))
                .union(ConnectionSet.of(TCP, 83, 90))
                .union(ConnectionSet.single(TCP, 82));
        assertThat(s).hasToString("TCP 80-90");
        assertThat(s.ranges(TCP)).containsExactly(new PortRange(80, 90));
    }

    @Test
    void allOfEveryProtocolIsAll() {
        ConnectionSet ports =
                ConnectionSet.allPorts(TCP).union(ConnectionSet.allPorts(UDP)).union(ConnectionSet.allPorts(SCTP));
        assertThat(ports.isAll()).as("TCP, UDP and SCTP are not every protocol").isFalse();
        assertThat(ports).hasToString("SCTP 1-65535,TCP 1-65535,UDP 1-65535");
        ConnectionSet s = ports.union(ConnectionSet.icmp()).union(ConnectionSet.otherProtocols());
        assertThat(s.isAll()).isTrue();
        assertThat(s).isEqualTo(ConnectionSet.all()).hasToString("All Connections");
    }

    @Test
    void complementOfOnePort() {
        ConnectionSet s = ConnectionSet.all().minus(ConnectionSet.single(TCP, 80));
        assertThat(s).hasToString("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535,ICMP,IP");
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
        assertThatThrownBy(() -> ConnectionSet.parse("TCP x"))
                .isInstanceOf(IllegalArgumentException.class)
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
            for (int port : new int[] {1, 2, 3, 50, 79, 80, 81, 99, 100, 101, 65534, 65535}) {
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
                .as((p, x, y) -> new int[] {p, Math.min(x, y), Math.max(x, y)});
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

    @Test
    void icmpByTypeAndCodePrintsAndParsesBack() {
        ConnectionSet s = ConnectionSet.icmp(8, 0)
                .union(ConnectionSet.icmpType(3))
                .union(ConnectionSet.icmpType(4))
                .union(ConnectionSet.icmp(11, 1))
                .union(ConnectionSet.icmp(11, 2));
        assertThat(s).hasToString("ICMP 3-4,8:0,11:1-2");
        assertThat(ConnectionSet.parse(s.toString())).isEqualTo(s);
        assertThat(s.containsIcmp(8, 0)).isTrue();
        assertThat(s.containsIcmp(8, 1)).isFalse();
        assertThat(s.containsIcmp(3, 255)).isTrue();
        assertThat(s.contains(TCP, 80)).isFalse();
        assertThat(ConnectionSet.parse("ICMP 8:0,3"))
                .isEqualTo(ConnectionSet.icmp(8, 0).union(ConnectionSet.icmpType(3)));
    }

    @Test
    void protocolsBeyondTcpUdpSctpFollowThemInTheList() {
        ConnectionSet s = ConnectionSet.single(TCP, 80)
                .union(ConnectionSet.single(UDP, 53))
                .union(ConnectionSet.icmp())
                .union(ConnectionSet.ipProtocol(136))
                .union(ConnectionSet.ipProtocol(253));
        assertThat(s).hasToString("TCP 80,UDP 53,ICMP,IP 136,253");
        assertThat(ConnectionSet.parse("TCP 80,UDP 53,ICMP,IP 136,253")).isEqualTo(s);
        assertThat(s.containsProtocol(136)).isTrue();
        assertThat(s.containsProtocol(47)).isFalse();
        assertThat(s.containsProtocol(ConnectionSet.TCP_NUMBER))
                .as("one TCP port is not all of TCP")
                .isFalse();
        assertThat(ConnectionSet.ipProtocol(ConnectionSet.UDP_NUMBER)).isEqualTo(ConnectionSet.allPorts(UDP));
        assertThat(ConnectionSet.ipProtocol(ConnectionSet.ICMP_NUMBER)).hasToString("ICMP");
    }

    @Test
    void everyProtocolButOneIsTheComplementOfIt() {
        ConnectionSet s =
                ConnectionSet.all().minus(ConnectionSet.ipProtocol(136)).minus(ConnectionSet.icmpType(8));
        assertThat(s)
                .hasToString(
                        "SCTP 1-65535,TCP 1-65535,UDP 1-65535,ICMP 0-7,9-255,IP 0,2-5,7-16,18-131,133-135,137-255");
        assertThat(ConnectionSet.parse(s.toString())).isEqualTo(s);
        assertThat(s.complement()).isEqualTo(ConnectionSet.ipProtocol(136).union(ConnectionSet.icmpType(8)));
        assertThat(s.portPart())
                .isEqualTo(ConnectionSet.allPorts(TCP)
                        .union(ConnectionSet.allPorts(UDP))
                        .union(ConnectionSet.allPorts(SCTP)));
    }

    @Test
    void badIcmpAndProtocolItemsAreRejected() {
        assertThatThrownBy(() -> ConnectionSet.parse("ICMP 256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionSet.parse("ICMP 8:300")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionSet.parse("IP 999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionSet.parse("TCP")).hasMessageContaining("without ports");
    }

    /** Items: {kind, a, b}: kind 0 = ICMP type a code b, 1 = ICMP type a (every code), 2 = protocol number a. */
    @Property(tries = 300)
    void icmpAndProtocolNumbersAgreeWithAPacketModel(@ForAll("items") List<int[]> a, @ForAll("items") List<int[]> b) {
        ConnectionSet sa = buildItems(a);
        ConnectionSet sb = buildItems(b);
        ConnectionSet minus = sa.minus(sb).union(ConnectionSet.single(TCP, 80));
        for (int type : new int[] {0, 3, 8, 11, 254, 255}) {
            for (int code : new int[] {0, 1, 3, 255}) {
                boolean inA = inItems(a, type, code);
                assertThat(sa.containsIcmp(type, code)).isEqualTo(inA);
                assertThat(minus.containsIcmp(type, code)).isEqualTo(inA && !inItems(b, type, code));
            }
        }
        for (int number : new int[] {0, 2, 47, 136, 253, 255}) {
            boolean inA = a.stream().anyMatch(i -> i[0] == 2 && i[1] == number);
            assertThat(sa.containsProtocol(number)).isEqualTo(inA);
        }
        assertThat(ConnectionSet.parse(minus.toString())).isEqualTo(minus);
        assertThat(ConnectionSet.parse(minus.complement().toString())).isEqualTo(minus.complement());
        assertThat(minus.complement().complement()).isEqualTo(minus);
    }

    @Provide
    Arbitrary<List<int[]>> items() {
        Arbitrary<Integer> value = Arbitraries.of(0, 2, 3, 8, 11, 47, 136, 253, 254, 255);
        Arbitrary<Integer> code = Arbitraries.of(0, 1, 3, 255);
        return Combinators.combine(Arbitraries.integers().between(0, 2), value, code)
                .as((k, v, c) -> new int[] {k, v, c})
                .list()
                .ofMaxSize(6);
    }

    private static ConnectionSet buildItems(List<int[]> items) {
        ConnectionSet s = ConnectionSet.none();
        for (int[] i : items) {
            s = s.union(
                    switch (i[0]) {
                        case 0 -> ConnectionSet.icmp(i[1], i[2]);
                        case 1 -> ConnectionSet.icmpType(i[1]);
                        default -> ConnectionSet.ipProtocol(i[1]);
                    });
        }
        return s;
    }

    private static boolean inItems(List<int[]> items, int type, int code) {
        return items.stream().anyMatch(i -> i[0] == 0 && i[1] == type && i[2] == code || i[0] == 1 && i[1] == type);
    }
}
