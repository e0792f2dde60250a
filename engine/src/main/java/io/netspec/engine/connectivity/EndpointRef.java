package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Workload;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the endpoint references users write: {@code ns/name}, {@code ns/name[Kind]}, an
 * address outside the cluster ({@code 8.8.8.8}, {@code 10.0.0.0/8}, {@code 10.0.0.0-10.0.255.255}),
 * or {@code {ingress-controller}}.
 */
public final class EndpointRef {

    /** An unknown or ambiguous reference; {@link #suggestions()} are the closest existing names. */
    public static final class UnknownEndpointException extends IllegalArgumentException {
        private final transient List<String> suggestions;

        UnknownEndpointException(String message, List<String> suggestions) {
            super(message);
            this.suggestions = List.copyOf(suggestions);
        }

        public List<String> suggestions() {
            return suggestions;
        }
    }

    private EndpointRef() {
    }

    /**
     * @throws UnknownEndpointException when no workload (or more than one) has that name and the text is no address;
     *                                  the message names the closest existing workloads
     */
    public static Endpoint resolve(Cluster cluster, String ref) {
        String text = ref.trim();
        if (text.equals(Endpoint.IngressController.ID)) {
            return Endpoint.INGRESS_CONTROLLER;
        }
        Optional<Endpoint.External> range = Ipv4.parseRange(text);
        if (range.isPresent()) {
            return range.get();
        }
        List<Workload> found = cluster.findWorkloads(text);
        if (found.size() == 1) {
            return new Endpoint.OfWorkload(found.get(0));
        }
        if (found.size() > 1) {
            List<String> ids = found.stream().map(Workload::id).sorted().toList();
            throw new UnknownEndpointException("'" + text + "' is ambiguous: " + String.join(", ", ids)
                    + " (add the kind in brackets)", ids);
        }
        List<String> closest = closest(cluster, text, 3);
        String hint = closest.isEmpty() ? "the input has no workloads" : "closest: " + String.join(", ", closest);
        throw new UnknownEndpointException("unknown workload '" + text + "' (" + hint
                + "); write ns/name, ns/name[Kind], or an IPv4 address or CIDR", closest);
    }

    /** The {@code n} workload ids nearest to {@code text} by edit distance (with or without the kind). */
    static List<String> closest(Cluster cluster, String text, int n) {
        return cluster.workloads().stream().map(Workload::id).distinct()
                .sorted(Comparator.comparingInt((String id) -> Math.min(distance(id, text), distance(withoutKind(id), text)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(n).toList();
    }

    private static String withoutKind(String id) {
        int bracket = id.indexOf('[');
        return bracket < 0 ? id : id.substring(0, bracket);
    }

    /** Edit distance counting a swap of two neighbouring characters as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
