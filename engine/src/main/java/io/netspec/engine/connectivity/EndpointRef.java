package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Workload;
import io.netspec.engine.text.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the endpoint references users write: {@code ns/name}, {@code ns/name[Kind]} (the kind
 * in any case), {@code name} in a default namespace, an address outside the cluster
 * ({@code 8.8.8.8}, {@code 10.0.0.0/8}, {@code 10.0.0.0-10.0.255.255}), or {@code {ingress-controller}}.
 * Text that looks like an address but is not a valid IPv4 one is rejected as such, never looked
 * up as a workload name.
 */
public final class EndpointRef {

    /** A reference that names no endpoint: unknown, ambiguous, or a malformed address. */
    public static class BadEndpointException extends IllegalArgumentException {
        BadEndpointException(String message) {
            super(message);
        }
    }

    /** An unknown or ambiguous reference; {@link #suggestions()} are the closest existing names. */
    public static final class UnknownEndpointException extends BadEndpointException {
        private final transient List<String> suggestions;

        UnknownEndpointException(String message, List<String> suggestions) {
            super(message);
            this.suggestions = List.copyOf(suggestions);
        }

        public List<String> suggestions() {
            return suggestions;
        }
    }

    /** Text written as an address that is no valid IPv4 address, CIDR or range (IPv6 included). */
    public static final class InvalidAddressException extends BadEndpointException {
        InvalidAddressException(String message) {
            super(message);
        }
    }

    /** Digits and dots with an optional {@code /bits} or {@code -address}: meant as an IPv4 address. */
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9]+(\\.[0-9]*)+(/.*|-.*)?");
    /** Hex groups with colons (and an optional IPv4 tail or prefix): an IPv6 address. Kubernetes names have no colons. */
    private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/[0-9]*)?");
    /** {@code ns/name[Kind]} or {@code name[Kind]}. */
    private static final Pattern WITH_KIND = Pattern.compile("(.+)\\[([^\\]]+)]");

    private EndpointRef() {}

    /** {@link #resolve(Cluster, String, String)} where a bare name is looked up in namespace {@code default}. */
    public static Endpoint resolve(Cluster cluster, String ref) {
        return resolve(cluster, ref, "default");
    }

    /**
     * @param namespace the namespace of a reference without one ({@code web} or {@code web[Deployment]}), as kubectl -n
     * @throws InvalidAddressException when the text is written as an address but is no valid IPv4 address, CIDR or range
     * @throws UnknownEndpointException when no workload (or more than one) has that name;
     *                                  the message names the closest existing workloads
     */
    public static Endpoint resolve(Cluster cluster, String ref, String namespace) {
        String text = ref.trim();
        if (text.equals(Endpoint.IngressController.ID)) {
            return Endpoint.INGRESS_CONTROLLER;
        }
        Optional<Endpoint.External> range = Ipv4.parseRange(text);
        if (range.isPresent()) {
            return range.get();
        }
        String address = text.endsWith("[External]") ? text.substring(0, text.length() - "[External]".length()) : text;
        if (IPV6_LIKE.matcher(address).matches()) {
            throw new InvalidAddressException(
                    "'" + address + "' is an IPv6 address: IPv6 is not supported " + "(the analysis covers IPv4 only)");
        }
        if (IPV4_LIKE.matcher(address).matches()) {
            throw new InvalidAddressException(whyInvalid(address));
        }
        String qualified = text.contains("/") ? text : namespace + "/" + text;
        List<Workload> found = find(cluster, qualified);
        if (found.size() == 1) {
            return new Endpoint.OfWorkload(found.get(0));
        }
        if (found.size() > 1) {
            List<String> ids = found.stream().map(Workload::id).sorted().toList();
            throw new UnknownEndpointException(
                    "'" + qualified + "' is ambiguous: " + String.join(", ", ids) + " (add the kind in brackets)", ids);
        }
        List<String> closest = closest(cluster, text, 3);
        String hint = cluster.workloads().isEmpty()
                ? "the input has no workloads"
                : closest.isEmpty()
                        ? "no workload has a similar name; netspec inventory lists them"
                        : "closest: " + String.join(", ", closest);
        String in = text.contains("/") ? "" : " in namespace " + namespace;
        throw new UnknownEndpointException(
                "unknown workload '" + text + "'" + in + " (" + hint
                        + "); write ns/name, ns/name[Kind], a name with -n NS, or an IPv4 address or CIDR",
                closest);
    }

    /** The workloads {@code ns/name} or {@code ns/name[Kind]} names, the kind compared without regard to case. */
    private static List<Workload> find(Cluster cluster, String ref) {
        Matcher m = WITH_KIND.matcher(ref);
        if (!m.matches()) {
            return cluster.findWorkloads(ref);
        }
        String name = m.group(1).trim();
        String kind = m.group(2).trim();
        return cluster.workloads().stream()
                .filter(w -> (w.namespace() + "/" + w.name()).equals(name)
                        && w.kind().equalsIgnoreCase(kind))
                .toList();
    }

    /** Why text written as an IPv4 address, CIDR or range is not one. */
    private static String whyInvalid(String text) {
        int slash = text.indexOf('/');
        if (slash >= 0) {
            String cidr = "invalid CIDR " + text + ": ";
            String bits = text.substring(slash + 1);
            Optional<String> address = whyNotAddress(text.substring(0, slash));
            if (address.isPresent()) {
                return cidr + address.get();
            }
            if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
                return cidr + "prefix '" + bits + "' is not a number from 0 to 32";
            }
            return cidr + "prefix " + Integer.parseInt(bits) + " > 32";
        }
        int dash = text.indexOf('-');
        if (dash >= 0) {
            String range = "invalid address range " + text + ": ";
            Optional<String> first = whyNotAddress(text.substring(0, dash));
            if (first.isPresent()) {
                return range + first.get();
            }
            return range + whyNotAddress(text.substring(dash + 1)).orElse("the first address is after the last");
        }
        return "invalid IPv4 address " + text + ": " + whyNotAddress(text).orElse("not a dotted quad");
    }

    private static Optional<String> whyNotAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.of("'" + text + "' is not four numbers separated by dots");
        }
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
                return Optional.of("'" + text + "' has an empty or non-numeric part");
            }
            if (part.length() > 3 || Integer.parseInt(part) > 255) {
                return Optional.of("'" + text + "' has the part " + part + " > 255");
            }
        }
        return Optional.empty();
    }

    /**
     * Up to {@code n} workload ids near {@code text} ({@link Suggestions}), each compared as written,
     * without its kind and without its namespace, so that a name in the wrong namespace is found too.
     */
    static List<String> closest(Cluster cluster, String text, int n) {
        List<String> ids = cluster.workloads().stream()
                .map(Workload::id)
                .distinct()
                .sorted()
                .toList();
        return Suggestions.closest(
                text,
                ids,
                id -> List.of(
                        id,
                        withoutKind(id),
                        id.substring(id.indexOf('/') + 1),
                        withoutKind(id.substring(id.indexOf('/') + 1))),
                n);
    }

    private static String withoutKind(String id) {
        int bracket = id.indexOf('[');
        return bracket < 0 ? id : id.substring(0, bracket);
    }
}
