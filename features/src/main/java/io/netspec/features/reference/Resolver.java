package io.netspec.features.reference;

import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.engine.text.Suggestions;
import io.netspec.features.SpecInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Looks references up in one cluster snapshot. A reference to nothing is a {@link SpecInputException}
 * naming what exists nearby (closest names in the namespace, similar namespaces), never an empty set
 * that would make "cannot reach" pass silently.
 */
public final class Resolver {

    /** Which end of a connection a reference stands at: external addresses are cut differently for each. */
    public enum Role {
        SOURCE,
        DESTINATION
    }

    private final Cluster cluster;
    private final Supplier<List<Endpoint.External>> sources;
    private final Supplier<List<Endpoint.External>> destinations;

    /**
     * @param sources      the external address pieces the connectivity analysis distinguishes as
     *                     sources (cut by ingress ipBlocks), asked only for {@code the internet} and
     *                     {@code cidr} references; every piece is treated alike throughout
     * @param destinations likewise as destinations (cut by egress ipBlocks)
     */
    public Resolver(
            Cluster cluster,
            Supplier<List<Endpoint.External>> sources,
            Supplier<List<Endpoint.External>> destinations) {
        this(cluster, sources, destinations, ClusterDns.Target.DEFAULT);
    }

    /** @param dns where cluster DNS runs, for {@code the cluster DNS} */
    public Resolver(
            Cluster cluster,
            Supplier<List<Endpoint.External>> sources,
            Supplier<List<Endpoint.External>> destinations,
            ClusterDns.Target dns) {
        this.cluster = cluster;
        this.sources = sources;
        this.destinations = destinations;
        this.dns = dns;
    }

    private final ClusterDns.Target dns;

    /** Looks up a reference standing at either end where the end does not matter (workloads, isolation). */
    public Resolved resolve(Reference reference) {
        return resolve(reference, Role.DESTINATION);
    }

    public Resolved resolve(Reference reference, Role role) {
        Supplier<List<Endpoint.External>> externals = role == Role.SOURCE ? sources : destinations;
        if (reference instanceof Reference.Kinded k) {
            return workloads(reference, kinded(k));
        } else if (reference instanceof Reference.Qualified q) {
            return workloads(reference, qualified(q));
        } else if (reference instanceof Reference.Labelled l) {
            return workloads(reference, labelled(l));
        } else if (reference instanceof Reference.InNamespace n) {
            return workloads(reference, inNamespace(n));
        } else if (reference instanceof Reference.OfService s) {
            return service(s);
        } else if (reference instanceof Reference.Dns d) {
            return clusterDns(d);
        } else if (reference instanceof Reference.Host) {
            return new Resolved(reference, List.of(new Target.NodeHost()), Optional.empty(), false);
        } else if (reference instanceof Reference.OfCidr c) {
            return new Resolved(reference, externalTargets(externals, c.first(), c.last()), Optional.empty(), false);
        }
        return new Resolved(reference, externalTargets(externals, 0L, 0xFFFF_FFFFL), Optional.empty(), true);
    }

    private Resolved workloads(Reference reference, List<Workload> workloads) {
        return new Resolved(
                reference,
                workloads.stream().map(w -> (Target) new Target.OfWorkload(w)).toList(),
                Optional.empty(),
                false);
    }

    private List<Workload> kinded(Reference.Kinded k) {
        if (k.namespace().isEmpty()) {
            return anywhere(k);
        }
        requireNamespace(k.namespace());
        List<Workload> found = cluster.workloadsIn(k.namespace()).stream()
                .filter(w -> (w.name().equals(k.name()) || w.controllerName().equals(k.name())) && isKind(w, k.kind()))
                .toList();
        if (!found.isEmpty()) {
            return found; // a StatefulSet analysed per pod is all its pods
        }
        StringBuilder message = new StringBuilder("no " + k.text());
        List<Workload> sameName = cluster.workloadsIn(k.namespace()).stream()
                .filter(w -> w.name().equals(k.name()))
                .toList();
        if (!sameName.isEmpty()) {
            message.append("; there is ")
                    .append(describe(sameName.get(0)))
                    .append(" in \"")
                    .append(k.namespace())
                    .append("\"");
            return fail(message);
        }
        appendNearby(
                message,
                k.namespace(),
                k.name(),
                cluster.workloadsIn(k.namespace()).stream()
                        .filter(w -> isKind(w, k.kind()))
                        .toList(),
                k.kind());
        List<Workload> elsewhere = cluster.workloads().stream()
                .filter(w -> w.name().equals(k.name()) && isKind(w, k.kind()))
                .toList();
        if (!elsewhere.isEmpty()) {
            message.append("; ")
                    .append(describe(elsewhere.get(0)))
                    .append(" exists in namespace \"")
                    .append(elsewhere.get(0).namespace())
                    .append("\"");
        }
        return fail(message);
    }

    /**
     * A kind and name without a namespace ({@code deployment "api"}): the namespace that has it. In several
     * the spec must say which, or a pass would depend on which one netspec picked.
     */
    private List<Workload> anywhere(Reference.Kinded k) {
        List<Workload> found = cluster.workloads().stream()
                .filter(w -> (w.name().equals(k.name()) || w.controllerName().equals(k.name())) && isKind(w, k.kind()))
                .toList();
        if (found.isEmpty()) {
            cluster.workloads().stream()
                    .filter(w -> w.name().equals(k.name()))
                    .findFirst()
                    .ifPresent(w -> {
                        throw new SpecInputException("no " + k.text() + " in any namespace; there is " + describe(w)
                                + " in \"" + w.namespace() + "\"");
                    });
        }
        return inOneNamespace(
                k.text(),
                found,
                Workload::namespace,
                () -> cluster.workloads().stream()
                        .filter(w -> isKind(w, k.kind()))
                        .map(w -> w.name() + "\" in \"" + w.namespace())
                        .distinct()
                        .toList());
    }

    /**
     * What a reference without a namespace found: all of it when it is in one namespace; an error naming the
     * namespaces when in several, or the closest names ({@code "NAME" in "NS"}) when none.
     */
    private static <T> List<T> inOneNamespace(
            String text, List<T> found, Function<T, String> namespaceOf, Supplier<List<String>> names) {
        TreeSet<String> namespaces = found.stream().map(namespaceOf).collect(Collectors.toCollection(TreeSet::new));
        if (namespaces.size() == 1) {
            return found;
        }
        if (namespaces.size() > 1) {
            throw new SpecInputException(text + " is in " + namespaces.size() + " namespaces ("
                    + String.join(", ", namespaces) + "): write " + text + " in \"" + namespaces.first() + "\"");
        }
        List<String> candidates = names.get();
        String name = text.substring(text.indexOf('"') + 1, text.length() - 1);
        List<String> near = Suggestions.closest(
                name,
                candidates.stream()
                        .map(c -> c.substring(0, c.indexOf('"')))
                        .distinct()
                        .toList(),
                3);
        List<String> spelled = candidates.stream()
                .filter(c -> near.contains(c.substring(0, c.indexOf('"'))))
                .map(c -> "\"" + c + "\"")
                .toList();
        throw new SpecInputException("no " + text + " in any namespace"
                + (spelled.isEmpty() ? "" : "; did you mean " + String.join(" or ", limit(spelled, 3)) + "?"));
    }

    private List<Workload> qualified(Reference.Qualified q) {
        requireNamespace(q.namespace());
        List<Workload> found = cluster.workloadsIn(q.namespace()).stream()
                .filter(w -> w.name().equals(q.name()) || w.controllerName().equals(q.name()))
                .toList();
        if (!found.isEmpty()) {
            return found;
        }
        StringBuilder message =
                new StringBuilder("no workload \"" + q.name() + "\" in namespace \"" + q.namespace() + "\"");
        appendNearby(message, q.namespace(), q.name(), cluster.workloadsIn(q.namespace()), "workload");
        return fail(message);
    }

    private List<Workload> labelled(Reference.Labelled l) {
        l.namespace().ifPresent(this::requireNamespace);
        List<Workload> scope = l.namespace().map(cluster::workloadsIn).orElse(cluster.workloads());
        List<Workload> found =
                scope.stream().filter(w -> l.selector().matches(w.podLabels())).toList();
        if (!found.isEmpty()) {
            return found;
        }
        TreeSet<String> labels = scope.stream()
                .flatMap(w -> w.podLabels().entrySet().stream())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
        StringBuilder message = new StringBuilder("no pods labelled \"" + l.selector() + "\" "
                + l.namespace().map(n -> "in namespace \"" + n + "\"").orElse("in any namespace"));
        List<String> wanted = l.selector().matchLabels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        List<String> near = wanted.stream()
                .filter(w -> !labels.contains(w))
                .flatMap(w -> Suggestions.closest(w, labels, 3).stream())
                .distinct()
                .toList();
        if (!near.isEmpty()) {
            message.append("; closest labels there: ").append(String.join(", ", near));
        } else if (!labels.isEmpty()) {
            message.append("; pod labels there: ").append(String.join(", ", limit(new ArrayList<>(labels), 12)));
        }
        return fail(message);
    }

    /**
     * Cluster DNS: its Service when the manifests have it (the pods behind it, through its ports), else the pods
     * with its labels in its namespace; neither is an error naming where netspec looked and how to say otherwise.
     */
    private Resolved clusterDns(Reference.Dns d) {
        if (cluster.service(dns.namespace(), dns.service()).isPresent()) {
            Resolved there = service(new Reference.OfService(dns.namespace(), dns.service()));
            return new Resolved(d, there.targets(), there.service(), false);
        }
        List<Workload> pods = cluster.workloadsIn(dns.namespace()).stream()
                .filter(w -> Selector.of(dns.podLabels()).matches(w.podLabels()))
                .toList();
        if (pods.isEmpty()) {
            throw new SpecInputException("no cluster DNS in the manifests: neither service \"" + dns.service()
                    + "\" in \"" + dns.namespace() + "\" nor pods labelled " + dns.labelText() + " there (the"
                    + " parameters of rule " + ClusterDns.RULE_ID + " in .netspec.yaml say where it runs)");
        }
        return workloads(d, pods);
    }

    /** Every workload of the namespace; one without workloads is an error, or "cannot reach" would pass on nothing. */
    private List<Workload> inNamespace(Reference.InNamespace n) {
        requireNamespace(n.namespace());
        List<Workload> found = cluster.workloadsIn(n.namespace());
        if (found.isEmpty()) {
            throw new SpecInputException("namespace \"" + n.namespace() + "\" has no workloads in the manifests");
        }
        return found;
    }

    private Resolved service(Reference.OfService s) {
        if (s.namespace().isEmpty()) {
            List<ServiceFact> named = inOneNamespace(
                    s.text(),
                    cluster.services().stream()
                            .filter(x -> x.name().equals(s.name()))
                            .toList(),
                    ServiceFact::namespace,
                    () -> cluster.services().stream()
                            .map(x -> x.name() + "\" in \"" + x.namespace())
                            .toList());
            Resolved there = service(new Reference.OfService(named.get(0).namespace(), s.name()));
            return new Resolved(s, there.targets(), there.service(), false);
        }
        requireNamespace(s.namespace());
        Optional<ServiceFact> service = cluster.service(s.namespace(), s.name());
        if (service.isEmpty()) {
            StringBuilder message = new StringBuilder("no " + s.text());
            List<String> names = cluster.services().stream()
                    .filter(x -> x.namespace().equals(s.namespace()))
                    .map(ServiceFact::name)
                    .toList();
            appendNames(message, s.namespace(), s.name(), names, "services");
            return fail(message);
        }
        List<Target> targets = cluster.workloadsIn(s.namespace()).stream()
                .filter(service.get()::selects)
                .map(w -> (Target) new Target.OfWorkload(w))
                .toList();
        return new Resolved(s, targets, service, false);
    }

    private static List<Target> externalTargets(Supplier<List<Endpoint.External>> externals, long first, long last) {
        List<Endpoint.External> ranges = externals.get();
        if (ranges.isEmpty()) {
            ranges = List.of(Endpoint.External.INTERNET);
        }
        List<Target> overlapping = ranges.stream()
                .filter(r -> r.first() <= last && first <= r.last())
                .map(r -> (Target) new Target.External(r))
                .toList();
        return overlapping.isEmpty() ? List.of(new Target.External(new Endpoint.External(first, last))) : overlapping;
    }

    private void requireNamespace(String namespace) {
        if (cluster.namespace(namespace).isPresent()) {
            return;
        }
        List<String> names =
                cluster.namespaces().stream().map(NamespaceFact::name).toList();
        List<String> near = Suggestions.closest(namespace, names, 3);
        throw new SpecInputException("no namespace \"" + namespace + "\" in the manifests"
                + (near.isEmpty()
                        ? "; namespaces: " + String.join(", ", limit(names, 12))
                        : "; did you mean " + quoteAll(near) + "?"));
    }

    private void appendNearby(
            StringBuilder message, String namespace, String name, List<Workload> candidates, String what) {
        List<String> names = candidates.stream().map(Workload::name).toList();
        appendNames(message, namespace, name, names, plural(what));
    }

    private static void appendNames(
            StringBuilder message, String namespace, String name, List<String> names, String what) {
        List<String> near = Suggestions.closest(name, names, 3);
        if (!near.isEmpty()) {
            message.append("; did you mean ").append(quoteAll(near)).append("?");
        } else if (names.isEmpty()) {
            message.append("; there are no ")
                    .append(what)
                    .append(" in \"")
                    .append(namespace)
                    .append("\"");
        } else {
            message.append("; ")
                    .append(what)
                    .append(" in \"")
                    .append(namespace)
                    .append("\": ")
                    .append(String.join(
                            ", ", limit(names.stream().distinct().sorted().toList(), 12)));
        }
    }

    private static boolean isKind(Workload w, String kind) {
        return w.objectKind().equalsIgnoreCase(kind) || w.kind().equalsIgnoreCase(kind);
    }

    private static String describe(Workload w) {
        return w.objectKind().toLowerCase(Locale.ROOT) + " \"" + w.name() + "\"";
    }

    private static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.endsWith("s") ? lower + "es" : lower + "s";
    }

    private static String quoteAll(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(" or "));
    }

    private static List<String> limit(List<String> names, int max) {
        if (names.size() <= max) {
            return names;
        }
        List<String> out = new ArrayList<>(names.subList(0, max));
        out.add("... (" + (names.size() - max) + " more)");
        return out;
    }

    private static <T> T fail(StringBuilder message) {
        throw new SpecInputException(message.toString());
    }
}
