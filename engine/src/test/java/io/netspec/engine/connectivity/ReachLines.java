package io.netspec.engine.connectivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two sets of corpus reach lines as the netpol-analyzer corpus README asks: pairs of
 * workloads as a set, and lines with an {@code [External]} end per (workload, direction) address
 * by address, so that differently cut IP ranges with the same meaning agree.
 */
final class ReachLines {

    private ReachLines() {}

    private record Line(String source, String destination, ConnectionSet connections, String text) {}

    /** The ip side of a line: which workload, and whether the addresses are its sources ("in") or destinations. */
    private record IpKey(String workload, String direction) {}

    private record IpLine(long first, long last, ConnectionSet connections, String text) {}

    /**
     * Empty when equivalent; else human-readable differences ({@code missing:}/{@code unexpected:} lines).
     * Connections compare on TCP/UDP/SCTP only: the corpora these lines come from (netpol-analyzer)
     * model no other protocol, so their {@code TCP 1-79,81-65535} says nothing about ICMP, which
     * netspec prints as well ({@code ...,ICMP,IP}) when the policies let it through.
     */
    static List<String> differences(List<String> expected, List<String> actual) {
        List<String> out = new ArrayList<>();
        Map<String, Line> expectedPairs = new LinkedHashMap<>();
        Map<String, Line> actualPairs = new LinkedHashMap<>();
        Map<IpKey, List<IpLine>> expectedIp = new TreeMap<>(ReachLines::compareKeys);
        Map<IpKey, List<IpLine>> actualIp = new TreeMap<>(ReachLines::compareKeys);
        split(expected, expectedPairs, expectedIp);
        split(actual, actualPairs, actualIp);
        for (Map.Entry<String, Line> e : expectedPairs.entrySet()) {
            Line a = actualPairs.get(e.getKey());
            if (a == null
                    || !a.connections()
                            .portPart()
                            .equals(e.getValue().connections().portPart())) {
                out.add("missing:    " + e.getValue().text());
                if (a != null) {
                    out.add("unexpected: " + a.text());
                }
            }
        }
        for (Map.Entry<String, Line> a : actualPairs.entrySet()) {
            if (!expectedPairs.containsKey(a.getKey())) {
                out.add("unexpected: " + a.getValue().text());
            }
        }
        TreeSet<IpKey> keys = new TreeSet<>(ReachLines::compareKeys);
        keys.addAll(expectedIp.keySet());
        keys.addAll(actualIp.keySet());
        for (IpKey key : keys) {
            List<IpLine> e = expectedIp.getOrDefault(key, List.of());
            List<IpLine> a = actualIp.getOrDefault(key, List.of());
            if (!sameAddressMap(e, a)) {
                e.forEach(l -> out.add("missing:    " + l.text()));
                a.forEach(l -> out.add("unexpected: " + l.text()));
            }
        }
        return out;
    }

    private static int compareKeys(IpKey a, IpKey b) {
        int c = a.workload().compareTo(b.workload());
        return c != 0 ? c : a.direction().compareTo(b.direction());
    }

    private static void split(List<String> lines, Map<String, Line> pairs, Map<IpKey, List<IpLine>> ip) {
        for (String text : lines) {
            Line line = parse(text);
            boolean srcIp = line.source().endsWith("[External]");
            boolean dstIp = line.destination().endsWith("[External]");
            if (srcIp && dstIp) {
                ip.computeIfAbsent(new IpKey("<external>", "both"), k -> new ArrayList<>())
                        .add(new IpLine(0, 0, line.connections(), text));
            } else if (srcIp) {
                addIp(ip, new IpKey(line.destination(), "in"), line.source(), line.connections(), text);
            } else if (dstIp) {
                addIp(ip, new IpKey(line.source(), "out"), line.destination(), line.connections(), text);
            } else {
                pairs.put(line.source() + " => " + line.destination(), line);
            }
        }
    }

    private static void addIp(Map<IpKey, List<IpLine>> ip, IpKey key, String ranges, ConnectionSet c, String text) {
        String body = ranges.substring(0, ranges.length() - "[External]".length());
        for (String range : body.split(",")) {
            String[] ends = range.split("-");
            ip.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new IpLine(Facts.parseIp(ends[0]), Facts.parseIp(ends[1]), c, text));
        }
    }

    private static Line parse(String text) {
        int arrow = text.indexOf(" => ");
        int colon = text.indexOf(" : ", arrow);
        if (arrow < 0 || colon < 0) {
            throw new IllegalArgumentException("not a reach line: " + text);
        }
        return new Line(
                text.substring(0, arrow),
                text.substring(arrow + 4, colon),
                ConnectionSet.parse(text.substring(colon + 3)),
                text);
    }

    /** Cuts both maps on the union of their boundaries and compares the connection set of every piece. */
    private static boolean sameAddressMap(List<IpLine> a, List<IpLine> b) {
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(0L);
        for (List<IpLine> list : List.of(a, b)) {
            for (IpLine l : list) {
                cuts.add(l.first());
                cuts.add(l.last() + 1);
            }
        }
        for (long start : cuts) {
            if (start > 0xFFFF_FFFFL) {
                continue;
            }
            if (!Objects.equals(at(a, start), at(b, start))) {
                return false;
            }
        }
        return true;
    }

    private static ConnectionSet at(List<IpLine> lines, long address) {
        ConnectionSet out = ConnectionSet.none();
        for (IpLine l : lines) {
            if (l.first() <= address && address <= l.last()) {
                out = out.union(l.connections());
            }
        }
        return out;
    }
}
