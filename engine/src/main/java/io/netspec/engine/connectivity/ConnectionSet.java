package io.netspec.engine.connectivity;

import io.netspec.engine.model.Protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of (protocol, port) pairs: per protocol, a sorted list of disjoint, maximal
 * port ranges. {@link #toString()} is the conformance corpus grammar: {@code All Connections},
 * or {@code SCTP 1-9002,TCP 80,UDP 53}; the empty set prints {@code No Connections}.
 *
 * <p>Sets compare by value ({@link #equals}), so the analysis can share and cache them.
 */
public final class ConnectionSet {

    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int[] NO_RANGES = new int[0];
    private static final int[] FULL_RANGE = {PortRange.MIN, PortRange.MAX};

    private static final ConnectionSet NONE = new ConnectionSet(new int[][]{NO_RANGES, NO_RANGES, NO_RANGES});
    private static final ConnectionSet ALL = new ConnectionSet(new int[][]{FULL_RANGE, FULL_RANGE, FULL_RANGE});

    /** Per protocol ordinal, flattened inclusive ranges {@code from0, to0, from1, to1, ...}, sorted, maximal. */
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
        return withProtocol(protocol, new int[]{from, to});
    }

    public static ConnectionSet single(Protocol protocol, int port) {
        return of(protocol, port, port);
    }

    public static ConnectionSet allPorts(Protocol protocol) {
        return withProtocol(protocol, FULL_RANGE);
    }

    private static ConnectionSet withProtocol(Protocol protocol, int[] protocolRanges) {
        if (protocolRanges[0] < PortRange.MIN || protocolRanges[1] > PortRange.MAX || protocolRanges[0] > protocolRanges[1]) {
            throw new IllegalArgumentException("bad port range " + protocolRanges[0] + "-" + protocolRanges[1]);
        }
        int[][] r = {NO_RANGES, NO_RANGES, NO_RANGES};
        r[protocol.ordinal()] = protocolRanges;
        return create(r);
    }

    private static ConnectionSet create(int[][] r) {
        boolean empty = true;
        boolean full = true;
        for (int[] p : r) {
            empty &= p.length == 0;
            full &= Arrays.equals(p, FULL_RANGE);
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

    private enum Op { UNION, INTERSECT, MINUS }

    private ConnectionSet combine(ConnectionSet other, Op op) {
        int[][] r = new int[PROTOCOLS.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = combine(ranges[i], other.ranges[i], op);
        }
        return create(r);
    }

    /** Merges two range lists by sweeping their boundaries; both inputs are sorted and maximal. */
    private static int[] combine(int[] a, int[] b, Op op) {
        if (op == Op.UNION && b.length == 0 || op != Op.UNION && a.length == 0) {
            return a;
        }
        if (op == Op.UNION && a.length == 0 || op == Op.INTERSECT && b.length == 0) {
            return b;
        }
        if (op == Op.MINUS && b.length == 0) {
            return a;
        }
        // Boundary events on half-open intervals [from, to + 1).
        int[] out = new int[a.length + b.length + 2];
        int n = 0;
        int ia = 0;
        int ib = 0;
        boolean inA = false;
        boolean inB = false;
        boolean inOut = false;
        int start = 0;
        while (ia < a.length || ib < b.length) {
            long pa = ia < a.length ? (ia % 2 == 0 ? a[ia] : a[ia] + 1L) : Long.MAX_VALUE;
            long pb = ib < b.length ? (ib % 2 == 0 ? b[ib] : b[ib] + 1L) : Long.MAX_VALUE;
            long p = Math.min(pa, pb);
            if (pa == p) {
                inA = ia % 2 == 0;
                ia++;
            }
            if (pb == p) {
                inB = ib % 2 == 0;
                ib++;
            }
            boolean now = switch (op) {
                case UNION -> inA || inB;
                case INTERSECT -> inA && inB;
                case MINUS -> inA && !inB;
            };
            if (now && !inOut) {
                start = (int) p;
            } else if (!now && inOut) {
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = start;
                out[n++] = (int) (p - 1);
            }
            inOut = now;
        }
        return n == 0 ? NO_RANGES : Arrays.copyOf(out, n);
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    public boolean isAll() {
        return this == ALL;
    }

    public boolean contains(Protocol protocol, int port) {
        int[] r = ranges[protocol.ordinal()];
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
        return sb.toString();
    }

    /**
     * Parses the corpus grammar ({@code All Connections}, {@code No Connections}, or
     * {@code SCTP 1-9002,TCP 80,UDP 53}).
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
        Protocol current = null;
        for (String token : t.split(",")) {
            String range = token.trim();
            if (!range.isEmpty() && Character.isLetter(range.charAt(0))) {
                int space = range.indexOf(' ');
                if (space < 0) {
                    throw new IllegalArgumentException("bad connection set '" + text + "': protocol without ports");
                }
                String name = range.substring(0, space);
                current = Protocol.parse(name)
                        .orElseThrow(() -> new IllegalArgumentException("bad connection set '" + text + "': protocol " + name));
                range = range.substring(space + 1).trim();
            }
            if (current == null) {
                throw new IllegalArgumentException("bad connection set '" + text + "': ports before a protocol");
            }
            out = out.union(of(current, parseRange(range, text)));
        }
        return out;
    }

    private static PortRange parseRange(String range, String text) {
        try {
            int dash = range.indexOf('-');
            return dash < 0 ? PortRange.single(Integer.parseInt(range))
                    : new PortRange(Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad connection set '" + text + "': port range '" + range + "'");
        }
    }
}
