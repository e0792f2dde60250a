package io.netspec.engine.connectivity;

/** An inclusive range of ports, 1..65535. */
public record PortRange(int from, int to) {

    public static final int MIN = 1;
    public static final int MAX = 65535;

    public PortRange {
        if (from < MIN || to > MAX || from > to) {
            throw new IllegalArgumentException("bad port range " + from + "-" + to);
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return from <= port && port <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
