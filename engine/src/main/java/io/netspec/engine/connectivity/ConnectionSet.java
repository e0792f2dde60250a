package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.Intervals.Op;
import io.netspec.engine.model.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of connections over every IP protocol: (protocol, port) pairs of TCP, UDP and
 * SCTP; ICMP (IPv4) packets by (type, code); and every other IP protocol by number. Per
 * dimension, a sorted list of disjoint, maximal ranges.
 *
 * <p>{@link #toString()} is the conformance corpus grammar, extended for the protocols beyond
 * TCP/UDP/SCTP, which follow them in the same list: {@code All Connections} (every protocol);
 * {@code SCTP 1-9002,TCP 80,UDP 53}; {@code ICMP} (every type and code) or {@code ICMP 8:0,3}
 * (type:code, or a type with every code; {@code 3-5} and {@code 8:0-3} are ranges); {@code IP}
 * (every other protocol) or {@code IP 136,253}. The empty set prints {@code No Connections}. A
 * set of TCP/UDP/SCTP ports alone prints exactly as it did before the other protocols existed.
 *
 * <p>Sets compare by value ({@link #equals}), so the analysis can share and cache them.
 */
public final class ConnectionSet {

    private static final Protocol[] PROTOCOLS = Protocol.values();
    /** Dimension indices: TCP, UDP, SCTP are the {@link Protocol} ordinals; then ICMP and the other protocols. */
    private static final int ICMP = PROTOCOLS.length;

    private static final int OTHER = ICMP + 1;
    private static final int DIMENSIONS = OTHER + 1;

    /** IANA numbers of the protocols with their own dimension. */
    public static final int ICMP_NUMBER = 1;

    public static final int TCP_NUMBER = 6;
    public static final int UDP_NUMBER = 17;
    public static final int SCTP_NUMBER = 132;

    private static final int[] NO_RANGES = Intervals.EMPTY;
    private static final int[] FULL_RANGE = {PortRange.MIN, PortRange.MAX};
    /** ICMP keys are {@code type * 256 + code}. */
    private static final int[] FULL_ICMP = {0, 0xFFFF};
    /** Protocol numbers 0..255 without those of TCP, UDP, SCTP and ICMP. */
    private static final int[] FULL_OTHER = {0, 0, 2, 5, 7, 16, 18, 131, 133, 255};

    private static final ConnectionSet NONE =
            new ConnectionSet(new int[][] {NO_RANGES, NO_RANGES, NO_RANGES, NO_RANGES, NO_RANGES});
    private static final ConnectionSet ALL = new ConnectionSet(fullDimensions());

    /** Per dimension, flattened inclusive ranges {@code from0, to0, from1, to1, ...}, sorted, maximal. */
    private final int[][] ranges;

    private final int hash;

    private ConnectionSet(int[][] ranges) {
        this.ranges = ranges;
        this.hash = Arrays.deepHashCode(ranges);
    }

    public static ConnectionSet none() {
        return NONE;
    }

    public static ConnectionSet all() {
        return ALL;
    }

    public static ConnectionSet of(Protocol protocol, PortRange range) {
        return of(protocol, range.from(), range.to());
    }

    /** The ports {@code from..to} (inclusive, 1..65535) of one protocol. */
    public static ConnectionSet of(Protocol protocol, int from, int to) {
        return withProtocol(protocol, new int[] {from, to});
    }

    public static ConnectionSet single(Protocol protocol, int port) {
        return of(protocol, port, port);
    }

    public static ConnectionSet allPorts(Protocol protocol) {
        return withProtocol(protocol, FULL_RANGE);
    }

    private static ConnectionSet withProtocol(Protocol protocol, int[] protocolRanges) {
        if (protocolRanges[0] < PortRange.MIN
                || protocolRanges[1] > PortRange.MAX
                || protocolRanges[0] > protocolRanges[1]) {
            throw new IllegalArgumentException("bad port range " + protocolRanges[0] + "-" + protocolRanges[1]);
        }
        return withDimension(protocol.ordinal(), protocolRanges);
    }

    /** Every ICMP type and code. */
    public static ConnectionSet icmp() {
        return withDimension(ICMP, FULL_ICMP);
    }

    /** ICMP packets of one type, every code. */
    public static ConnectionSet icmpType(int type) {
        checkByte(type, "ICMP type");
        return withDimension(ICMP, new int[] {type << 8, (type << 8) | 0xFF});
    }

    /** ICMP packets of one type and code. */
    public static ConnectionSet icmp(int type, int code) {
        checkByte(type, "ICMP type");
        checkByte(code, "ICMP code");
        int key = type << 8 | code;
        return withDimension(ICMP, new int[] {key, key});
    }

    /**
     * Every connection of one IP protocol by number (0..255): all ports of TCP (6), UDP (17) and
     * SCTP (132), every type of ICMP (1), or the other protocol itself.
     */
    public static ConnectionSet ipProtocol(int number) {
        checkByte(number, "IP protocol number");
        return switch (number) {
            case TCP_NUMBER -> allPorts(Protocol.TCP);
            case UDP_NUMBER -> allPorts(Protocol.UDP);
            case SCTP_NUMBER -> allPorts(Protocol.SCTP);
            case ICMP_NUMBER -> icmp();
            default -> withDimension(OTHER, new int[] {number, number});
        };
    }

    /** Every protocol other than TCP, UDP, SCTP and ICMP. */
    public static ConnectionSet otherProtocols() {
        return withDimension(OTHER, FULL_OTHER);
    }

    private static void checkByte(int value, String what) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0-255");
        }
    }

    private static ConnectionSet withDimension(int dimension, int[] dimensionRanges) {
        int[][] r = {NO_RANGES, NO_RANGES, NO_RANGES, NO_RANGES, NO_RANGES};
        r[dimension] = dimensionRanges;
        return create(r);
    }

    private static int[][] fullDimensions() {
        int[][] r = new int[DIMENSIONS][];
        for (int d = 0; d < DIMENSIONS; d++) {
            r[d] = full(d);
        }
        return r;
    }

    private static int[] full(int dimension) {
        return dimension == ICMP ? FULL_ICMP : dimension == OTHER ? FULL_OTHER : FULL_RANGE;
    }

    private static ConnectionSet create(int[][] r) {
        boolean empty = true;
        boolean full = true;
        for (int d = 0; d < r.length; d++) {
            empty &= r[d].length == 0;
            full &= Arrays.equals(r[d], full(d));
        }
        return empty ? NONE : full ? ALL : new ConnectionSet(r);
    }

    public ConnectionSet union(ConnectionSet other) {
        if (this == other || other == NONE || this == ALL) {
            return this;
        }
        if (this == NONE || other == ALL) {
            return other;
        }
        return combine(other, Op.UNION);
    }

    public ConnectionSet intersect(ConnectionSet other) {
        if (this == other || other == ALL || this == NONE) {
            return this;
        }
        if (this == ALL || other == NONE) {
            return other;
        }
        return combine(other, Op.INTERSECT);
    }

    public ConnectionSet minus(ConnectionSet other) {
        if (other == NONE || this == NONE) {
            return this;
        }
        if (other == ALL || this == other) {
            return NONE;
        }
        return combine(other, Op.MINUS);
    }

    /** Every (protocol, port) not in this set. */
    public ConnectionSet complement() {
        return ALL.minus(this);
    }

    private ConnectionSet combine(ConnectionSet other, Op op) {
        int[][] r = new int[DIMENSIONS][];
        for (int i = 0; i < r.length; i++) {
            r[i] = Intervals.combine(ranges[i], other.ranges[i], op);
        }
        return create(r);
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    public boolean isAll() {
        return this == ALL;
    }

    public boolean contains(Protocol protocol, int port) {
        return contains(ranges[protocol.ordinal()], port);
    }

    /** True when the ICMP packet of this type and code is in the set. */
    public boolean containsIcmp(int type, int code) {
        return contains(ranges[ICMP], type << 8 | code);
    }

    /**
     * True when a packet of IP protocol {@code number} without ports is in the set: for TCP, UDP
     * and SCTP every port must be in it, for ICMP every type and code.
     */
    public boolean containsProtocol(int number) {
        return containsAll(ipProtocol(number));
    }

    private static boolean contains(int[] r, int port) {
        // Binary search over range starts.
        int lo = 0;
        int hi = r.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (r[2 * mid + 1] < port) {
                lo = mid + 1;
            } else if (r[2 * mid] > port) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** True when every port of {@code other} is in this set. */
    public boolean containsAll(ConnectionSet other) {
        return other.minus(this).isEmpty();
    }

    /** True when this set and {@code other} share at least one (protocol, port). */
    public boolean overlaps(ConnectionSet other) {
        return !intersect(other).isEmpty();
    }

    public List<PortRange> ranges(Protocol protocol) {
        int[] r = ranges[protocol.ordinal()];
        List<PortRange> out = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            out.add(new PortRange(r[i], r[i + 1]));
        }
        return Collections.unmodifiableList(out);
    }

    /** The ICMP part alone (empty when the set holds no ICMP). */
    public ConnectionSet icmpPart() {
        return intersect(icmp());
    }

    /** The part of protocols other than TCP, UDP, SCTP and ICMP. */
    public ConnectionSet otherPart() {
        return intersect(otherProtocols());
    }

    /** The TCP, UDP and SCTP part alone. */
    public ConnectionSet portPart() {
        return minus(icmp()).minus(otherProtocols());
    }

    /** ICMP items: {@code 8:0}, {@code 3} (every code), {@code 3-5}, {@code 8:0-3}; {@code 0-255} when every type. */
    public List<String> icmpItems() {
        List<String> out = new ArrayList<>();
        int[] r = ranges[ICMP];
        for (int i = 0; i < r.length; i += 2) {
            icmpItems(r[i], r[i + 1], out);
        }
        return out;
    }

    /** Splits one key range into whole types (merged into type ranges) and partial types. */
    private static void icmpItems(int from, int to, List<String> out) {
        int key = from;
        while (key <= to) {
            int type = key >> 8;
            int typeEnd = type << 8 | 0xFF;
            if ((key & 0xFF) == 0 && typeEnd <= to) {
                // Whole types from here to the last whole one inside the range.
                int lastWhole = ((to & 0xFF) == 0xFF ? to : (to & ~0xFF) - 1) >> 8;
                out.add(type == lastWhole ? Integer.toString(type) : type + "-" + lastWhole);
                key = (lastWhole + 1) << 8;
            } else {
                int end = Math.min(to, typeEnd);
                int c0 = key & 0xFF;
                int c1 = end & 0xFF;
                out.add(type + ":" + (c0 == c1 ? Integer.toString(c0) : c0 + "-" + c1));
                key = end + 1;
            }
        }
    }

    /** Other protocol numbers ({@code 136}, {@code 2-5}). */
    public List<String> otherItems() {
        List<String> out = new ArrayList<>();
        int[] r = ranges[OTHER];
        for (int i = 0; i < r.length; i += 2) {
            out.add(r[i] == r[i + 1] ? Integer.toString(r[i]) : r[i] + "-" + r[i + 1]);
        }
        return out;
    }

    public boolean hasIcmp() {
        return ranges[ICMP].length > 0;
    }

    public boolean hasOtherProtocols() {
        return ranges[OTHER].length > 0;
    }

    /** The protocols with at least one allowed port, in corpus order (SCTP, TCP, UDP). */
    public List<Protocol> protocols() {
        List<Protocol> out = new ArrayList<>();
        for (Protocol p : PROTOCOLS) {
            if (ranges[p.ordinal()].length > 0) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Protocol::name));
        return out;
    }

    /** Number of (protocol, port) pairs in the set. */
    public long size() {
        long n = 0;
        for (int[] r : ranges) {
            for (int i = 0; i < r.length; i += 2) {
                n += r[i + 1] - r[i] + 1;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSet c && (c == this || hash == c.hash && Arrays.deepEquals(ranges, c.ranges));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (this == ALL) {
            return "All Connections";
        }
        if (this == NONE) {
            return "No Connections";
        }
        StringBuilder sb = new StringBuilder();
        appendPorts(sb);
        appendItems(
                sb, "ICMP", ranges[ICMP].length > 0, Arrays.equals(ranges[ICMP], FULL_ICMP) ? List.of() : icmpItems());
        appendItems(
                sb,
                "IP",
                ranges[OTHER].length > 0,
                Arrays.equals(ranges[OTHER], FULL_OTHER) ? List.of() : otherItems());
        return sb.toString();
    }

    private static void appendItems(StringBuilder sb, String name, boolean present, List<String> items) {
        if (!present) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(name);
        if (!items.isEmpty()) {
            sb.append(' ').append(String.join(",", items));
        }
    }

    private void appendPorts(StringBuilder sb) {
        for (Protocol p : protocols()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p.name()).append(' ');
            int[] r = ranges[p.ordinal()];
            for (int i = 0; i < r.length; i += 2) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(r[i]);
                if (r[i + 1] != r[i]) {
                    sb.append('-').append(r[i + 1]);
                }
            }
        }
    }

    /**
     * Parses the grammar {@link #toString()} prints ({@code All Connections}, {@code No Connections},
     * {@code SCTP 1-9002,TCP 80,UDP 53,ICMP 8:0,3,IP 136}).
     *
     * @throws IllegalArgumentException on malformed text
     */
    public static ConnectionSet parse(String text) {
        String t = text.trim();
        if (t.equals("All Connections")) {
            return ALL;
        }
        if (t.equals("No Connections") || t.isEmpty()) {
            return NONE;
        }
        ConnectionSet out = NONE;
        String current = null;
        for (String token : t.split(",")) {
            String item = token.trim();
            if (!item.isEmpty() && Character.isLetter(item.charAt(0))) {
                int space = item.indexOf(' ');
                current = space < 0 ? item : item.substring(0, space);
                item = space < 0 ? "" : item.substring(space + 1).trim();
                if (item.isEmpty()) {
                    out = out.union(wholeProtocol(current, text));
                    continue;
                }
            }
            if (current == null) {
                throw new IllegalArgumentException("bad connection set '" + text + "': ports before a protocol");
            }
            out = out.union(item(current, item, text));
        }
        return out;
    }

    private static ConnectionSet wholeProtocol(String name, String text) {
        return switch (name) {
            case "ICMP" -> icmp();
            case "IP" -> otherProtocols();
            default ->
                throw new IllegalArgumentException("bad connection set '" + text + "': protocol " + name
                        + (Protocol.parse(name).isPresent() ? " without ports" : ""));
        };
    }

    private static ConnectionSet item(String protocol, String item, String text) {
        try {
            if (protocol.equals("ICMP")) {
                int colon = item.indexOf(':');
                if (colon < 0) {
                    int[] types = parseNumbers(item);
                    checkByte(types[0], "ICMP type");
                    checkByte(types[1], "ICMP type");
                    return withDimension(ICMP, new int[] {types[0] << 8, types[1] << 8 | 0xFF});
                }
                int type = Integer.parseInt(item.substring(0, colon));
                int[] codes = parseNumbers(item.substring(colon + 1));
                checkByte(type, "ICMP type");
                checkByte(codes[0], "ICMP code");
                checkByte(codes[1], "ICMP code");
                return withDimension(ICMP, new int[] {type << 8 | codes[0], type << 8 | codes[1]});
            }
            if (protocol.equals("IP")) {
                int[] numbers = parseNumbers(item);
                ConnectionSet out = NONE;
                for (int n = numbers[0]; n <= numbers[1]; n++) {
                    out = out.union(ipProtocol(n));
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad connection set '" + text + "': " + protocol + " item '" + item + "'");
        }
        Protocol p = Protocol.parse(protocol)
                .orElseThrow(
                        () -> new IllegalArgumentException("bad connection set '" + text + "': protocol " + protocol));
        return of(p, parseRange(item, text));
    }

    /** {@code n} or {@code a-b}, as an inclusive pair with a <= b. */
    private static int[] parseNumbers(String item) {
        int dash = item.indexOf('-');
        int a = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
        int b = dash < 0 ? a : Integer.parseInt(item.substring(dash + 1));
        if (a > b) {
            throw new IllegalArgumentException(item);
        }
        return new int[] {a, b};
    }

    private static PortRange parseRange(String range, String text) {
        try {
            int dash = range.indexOf('-');
            return dash < 0
                    ? PortRange.single(Integer.parseInt(range))
                    : new PortRange(
                            Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad connection set '" + text + "': port range '" + range + "'");
        }
    }
}
