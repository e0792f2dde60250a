package io.netspec.features.reference;

import io.netspec.engine.model.Selector;
import io.netspec.features.SpecInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something a spec names where a workload is expected, as written and not yet looked up:
 * {@code deployment "api" in "shop"}, {@code workload "shop/api"}, {@code pods labelled "app=db" in "shop"},
 * {@code service "postgres" in "shop"}, {@code namespace "shop"} (every workload in it), {@code the internet} (or {@code the world}, as Cilium calls it),
 * {@code the host} (the node a pod runs on), {@code cidr "10.0.0.0/8"}.
 * {@link Resolver} turns it into endpoints of one cluster snapshot.
 */
public sealed interface Reference {

    /** The workload kinds a spec may name, lower case as written, mapped to the Kubernetes kind. */
    Map<String, String> KINDS = kinds();

    /**
     * One regular expression for every form, without capture groups (the parameter type's pattern; a constant,
     * as annotations need). Kinds lower case or as Kubernetes spells them; {@code in "NS"} or {@code in namespace
     * "NS"}, or no namespace (the one that has it); labels quoted or not.
     */
    String PATTERN = "(?:deployment|statefulset|daemonset|replicaset|job|cronjob|pod"
            + "|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod) \"[^\"]+\"(?: in (?:namespace )?\"[^\"]+\")?"
            + "|workload \"[^\"]+\""
            + "|pods labell?ed (?:\"[^\"]+\"|[^\\s\"]+)(?: in (?:(?:namespace )?\"[^\"]+\"|any namespace))?"
            + "|[Ss]ervice \"[^\"]+\"(?: in (?:namespace )?\"[^\"]+\")?"
            + "|namespace \"[^\"]+\"|(?:all )?pods in (?:namespace )?\"[^\"]+\""
            + "|the internet|the Internet|the world|the host"
            + "|the cluster DNS|cluster DNS|the DNS|DNS|kube-dns"
            + "|cidr \"[^\"]+\"";

    /** The reference as a spec writes it. */
    String text();

    /**
     * A workload of one kind: {@code deployment "api" in "shop"}; {@code namespace} empty when the spec names
     * none ({@code deployment "api"}), for the one namespace that has it.
     */
    record Kinded(String kind, String namespace, String name) implements Reference {
        @Override
        public String text() {
            return kind.toLowerCase(Locale.ROOT) + " \"" + name + "\"" + in(namespace);
        }
    }

    /** A workload of any kind: {@code workload "shop/api"}. */
    record Qualified(String namespace, String name) implements Reference {
        @Override
        public String text() {
            return "workload \"" + namespace + "/" + name + "\"";
        }
    }

    /** Every workload whose pods carry all the labels, in one namespace or (empty) in any. */
    record Labelled(Selector selector, Optional<String> namespace) implements Reference {
        @Override
        public String text() {
            return "pods labelled \"" + selector + "\" in "
                    + namespace.map(n -> "\"" + n + "\"").orElse("any namespace");
        }
    }

    /** As a destination: the pods behind the Service, on its ports translated to their targetPorts. */
    record OfService(String namespace, String name) implements Reference {
        @Override
        public String text() {
            return "service \"" + name + "\"" + in(namespace);
        }
    }

    /** {@code  in "NS"}, or nothing for a reference without a namespace. */
    private static String in(String namespace) {
        return namespace.isEmpty() ? "" : " in \"" + namespace + "\"";
    }

    /** Every workload of a namespace: {@code namespace "shop"}. */
    record InNamespace(String namespace) implements Reference {
        @Override
        public String text() {
            return "namespace \"" + namespace + "\"";
        }
    }

    /**
     * Cluster DNS ({@code the cluster DNS}, {@code DNS}, {@code kube-dns}): where the parameters of rule
     * dns-egress-blocked say it runs, by default Service kube-dns in kube-system (its pods, through its ports).
     */
    record Dns() implements Reference {
        @Override
        public String text() {
            return "the cluster DNS";
        }
    }

    /** Any address outside the cluster. */
    record Internet() implements Reference {
        @Override
        public String text() {
            return "the internet";
        }
    }

    /**
     * The host network namespace of the node the pod at the other end runs on (kubelet probes, node agents):
     * Cilium's {@code host} entity. What may pass between a pod and its node depends on the plugin, see
     * {@code HostReach}.
     */
    record Host() implements Reference {
        @Override
        public String text() {
            return "the host";
        }
    }

    /** The IPv4 addresses {@code first..last} of a CIDR, outside the cluster. */
    record OfCidr(String cidr, long first, long last) implements Reference {
        @Override
        public String text() {
            return "cidr \"" + cidr + "\"";
        }
    }

    /** Parses one reference; a malformed one (bad label list, bad CIDR) is a {@link SpecInputException}. */
    static Reference parse(String text) {
        String t = text.trim();
        Matcher m = Pattern.compile("(\\w+) \"([^\"]+)\"(?: in (?:namespace )?\"([^\"]+)\")?")
                .matcher(t);
        if (m.matches() && KINDS.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
            return new Kinded(
                    KINDS.get(m.group(1).toLowerCase(Locale.ROOT)), Objects.toString(m.group(3), ""), m.group(2));
        }
        if (m.matches() && m.group(1).equalsIgnoreCase("service")) {
            return new OfService(Objects.toString(m.group(3), ""), m.group(2));
        }
        m = Pattern.compile("workload \"([^\"/]+)/([^\"/]+)\"").matcher(t);
        if (m.matches()) {
            return new Qualified(m.group(1), m.group(2));
        }
        if (t.startsWith("workload ")) {
            throw new SpecInputException("write a workload as \"NAMESPACE/NAME\", not " + t.substring(9));
        }
        // labels unquoted too (pods labelled app=web in "shop"): a label list has no spaces
        m = Pattern.compile(
                        "pods labell?ed (?:\"([^\"]+)\"|([^\\s\"]+))(?: in (?:(?:namespace )?\"([^\"]+)\"|any namespace))?")
                .matcher(t);
        if (m.matches()) {
            return new Labelled(labels(m.group(1) != null ? m.group(1) : m.group(2)), Optional.ofNullable(m.group(3)));
        }
        m = Pattern.compile("(?:namespace |(?:all )?pods in (?:namespace )?)\"([^\"]+)\"")
                .matcher(t);
        if (m.matches()) {
            return new InNamespace(m.group(1));
        }
        if (t.equals("the internet") || t.equals("the Internet") || t.equals("the world")) {
            // "the world" is Cilium's name (the world entity) for the same thing: any address outside the cluster
            return new Internet();
        }
        if (t.equals("the cluster DNS")
                || t.equals("cluster DNS")
                || t.equals("the DNS")
                || t.equals("DNS")
                || t.equals("kube-dns")) {
            return new Dns();
        }
        if (t.equals("the host")) {
            return new Host();
        }
        m = Pattern.compile("cidr \"([^\"]+)\"").matcher(t);
        if (m.matches()) {
            long[] range = Cidrs.parse(m.group(1));
            return new OfCidr(m.group(1), range[0], range[1]);
        }
        throw new SpecInputException("not a workload reference: " + t);
    }

    /** {@code k=v[,k2=v2...]} as a selector; every pair must have a key and an {@code =}. */
    private static Selector labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SpecInputException("labels are written k=v[,k2=v2], not \"" + text + "\"");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Selector.of(labels);
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")) {
            kinds.put(kind.toLowerCase(Locale.ROOT), kind);
        }
        return Collections.unmodifiableMap(kinds);
    }
}
