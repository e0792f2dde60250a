package io.netspec.engine.rules.check;

import io.netspec.engine.findings.FailOn;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.load.Cidrs;
import io.netspec.engine.load.TextFiles;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.engine.rules.RuleParams;
import io.netspec.engine.rules.packs.PackRef;
import io.netspec.engine.rules.runtime.RuleBudget;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What to check and how strictly: from {@code .netspec.yaml}, then the command line on top.
 * <pre>
 * # .netspec.yaml (every key optional)
 * rules:
 *   enable: [missing-default-deny-ingress]   # run only these ids (default: every rule)
 *   disable: [dangling-service]              # never run these
 *   severity:                                # override a rule's severity
 *     unresolved-named-port: error
 *   params:                                  # set a rule's parameters (netspec rules list --format markdown
 *     dns-egress-blocked:                    #   lists each rule's, with type and default)
 *       namespace: dns-system
 *       podSelector: {app: coredns}
 * failOn: warning                            # error (default) | warning | info | none
 * baseline: netspec-baseline.json            # accepted findings; relative to this file
 * packs:                                     # extra rule packs (like --rules); paths relative to this file
 *   - policies/org-pack                      #   a folder or jar
 *   - com.acme:netspec-pack:1.1.0            #   Maven coordinates, resolved through ~/.m2/settings.xml
 *   - maven: com.acme:netspec-pack:1.1.0     #   the same, with the jar's SHA-256 checked on every load
 *     sha256: 3f2a...
 *   - {path: vendor/pack.jar, sha256: 9b1c...}
 * dns:                                       # the older spelling of rules.params.dns-egress-blocked, kept as
 *   namespace: dns-system                    #   an alias (configs written for it keep working); each key
 *   service: kube-dns                        #   optional, NAME or NAMESPACE/NAME; not together with
 *   podSelector: {app: coredns}              #   rules.params.dns-egress-blocked
 * cni: calico                                # the CNI plugin that enforces policy: auto (default), calico,
 *                                            #   cilium or none; --cni on any command overrides it
 * podCIDRs: [10.244.0.0/16, fd00:10:244::/56]  # the cluster's pod address ranges (IPv4, IPv6): address peers
 *                                            #   (ipBlock, nets, networks) are decided for pods without an IP
 *                                            #   in the input; --pod-cidr overrides it
 * nodeCIDRs: [10.0.0.0/16]                   # the nodes' address ranges: decide them for host-network pods
 *                                            #   whose Node (status.addresses) is not in the input;
 *                                            #   --node-cidr overrides it
 * </pre>
 * Ids may be a rule's current id or one of its {@code @aliases}.
 */
public record CheckConfig(
        Set<String> enable,
        Set<String> disable,
        Map<String, Severity> severity,
        Optional<FailOn> failOn,
        Optional<Path> baseline,
        List<PackRef> packs,
        ClusterDns.Target dns,
        Optional<NetworkPlugin> cni,
        RuleBudget budget,
        List<RuleParams.Setting> params,
        List<Cidr> podCidrs,
        List<Cidr> nodeCidrs) {

    public static final String FILE_NAME = ".netspec.yaml";
    public static final CheckConfig DEFAULTS = new CheckConfig(
            Set.of(),
            Set.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            ClusterDns.Target.DEFAULT,
            Optional.empty(),
            RuleBudget.DEFAULT,
            List.of(),
            List.of(),
            List.of());

    /** Without node ranges. */
    public CheckConfig(
            Set<String> enable,
            Set<String> disable,
            Map<String, Severity> severity,
            Optional<FailOn> failOn,
            Optional<Path> baseline,
            List<PackRef> packs,
            ClusterDns.Target dns,
            Optional<NetworkPlugin> cni,
            RuleBudget budget,
            List<RuleParams.Setting> params,
            List<Cidr> podCidrs) {
        this(enable, disable, severity, failOn, baseline, packs, dns, cni, budget, params, podCidrs, List.of());
    }

    /** Without pod ranges. */
    public CheckConfig(
            Set<String> enable,
            Set<String> disable,
            Map<String, Severity> severity,
            Optional<FailOn> failOn,
            Optional<Path> baseline,
            List<PackRef> packs,
            ClusterDns.Target dns,
            Optional<NetworkPlugin> cni,
            RuleBudget budget,
            List<RuleParams.Setting> params) {
        this(enable, disable, severity, failOn, baseline, packs, dns, cni, budget, params, List.of());
    }

    /** Without rule parameters. */
    public CheckConfig(
            Set<String> enable,
            Set<String> disable,
            Map<String, Severity> severity,
            Optional<FailOn> failOn,
            Optional<Path> baseline,
            List<PackRef> packs,
            ClusterDns.Target dns,
            Optional<NetworkPlugin> cni,
            RuleBudget budget) {
        this(enable, disable, severity, failOn, baseline, packs, dns, cni, budget, List.of());
    }

    /** Without a {@code cni} key and with the default rule budget. */
    public CheckConfig(
            Set<String> enable,
            Set<String> disable,
            Map<String, Severity> severity,
            Optional<FailOn> failOn,
            Optional<Path> baseline,
            List<PackRef> packs,
            ClusterDns.Target dns) {
        this(enable, disable, severity, failOn, baseline, packs, dns, Optional.empty(), RuleBudget.DEFAULT);
    }

    public CheckConfig {
        enable = Set.copyOf(enable);
        disable = Set.copyOf(disable);
        severity = Map.copyOf(severity);
        packs = List.copyOf(packs);
        params = params == null ? List.of() : List.copyOf(params);
        podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        nodeCidrs = nodeCidrs == null ? List.of() : List.copyOf(nodeCidrs);
    }

    /** The effective threshold. */
    public FailOn effectiveFailOn() {
        return failOn.orElse(FailOn.ERROR);
    }

    /** True when the rule runs under this config. */
    public boolean runs(RuleInfo rule) {
        boolean enabled = enable.isEmpty() || enable.stream().anyMatch(rule::answersTo);
        return enabled && disable.stream().noneMatch(rule::answersTo);
    }

    /** The rule's severity after overrides. */
    public Severity severityOf(RuleInfo rule) {
        return severity.entrySet().stream()
                .filter(e -> rule.answersTo(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(rule.severity());
    }

    /**
     * This config with the command line's choices on top: {@code --enable} replaces the list,
     * {@code --disable} adds to it, {@code --fail-on} and {@code --baseline} replace.
     */
    public CheckConfig overriddenBy(
            Set<String> enableIds, Set<String> disableIds, Optional<FailOn> failOnFlag, Optional<Path> baselineFlag) {
        Set<String> d = new LinkedHashSet<>(disable);
        d.addAll(disableIds);
        return new CheckConfig(
                enableIds.isEmpty() ? enable : enableIds,
                d,
                severity,
                failOnFlag.isPresent() ? failOnFlag : failOn,
                baselineFlag.isPresent() ? baselineFlag : baseline,
                packs,
                dns,
                cni,
                budget,
                params,
                podCidrs,
                nodeCidrs);
    }

    /** This config with another rule budget (the command line's {@code --max-rule-firings}, {@code --rule-timeout}). */
    public CheckConfig withBudget(RuleBudget b) {
        return new CheckConfig(
                enable, disable, severity, failOn, baseline, packs, dns, cni, b, params, podCidrs, nodeCidrs);
    }

    /** Every id the config names, to check against the loaded rules. */
    public Set<String> namedIds() {
        Set<String> ids = new LinkedHashSet<>(enable);
        ids.addAll(disable);
        ids.addAll(severity.keySet());
        return ids;
    }

    /** Reads a config file; every mistake is a {@link ConfigException} naming file and line. */
    public static CheckConfig load(Path file) throws ConfigException {
        String shown = file.toString();
        Node root;
        try {
            // a regular file, bounded, strictly UTF-8: the config may come from a pull request
            String text = TextFiles.readUtf8(file);
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (TextFiles.TextFileException e) {
            throw new ConfigException(shown + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        } catch (MarkedYAMLException e) {
            throw new ConfigException(shown + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ConfigException(shown + ": " + e.getMessage());
        }
        if (root == null) {
            return DEFAULTS;
        }
        Path base = file.toAbsolutePath().getParent();
        Set<String> enable = new LinkedHashSet<>();
        Set<String> disable = new LinkedHashSet<>();
        Map<String, Severity> severity = new LinkedHashMap<>();
        Optional<FailOn> failOn = Optional.empty();
        Optional<Path> baseline = Optional.empty();
        List<PackRef> packs = new ArrayList<>();
        ClusterDns.Target dns = ClusterDns.Target.DEFAULT;
        Optional<NetworkPlugin> cni = Optional.empty();
        RuleBudget budget = RuleBudget.DEFAULT;
        List<RuleParams.Setting> params = new ArrayList<>();
        List<Cidr> podCidrs = new ArrayList<>();
        List<Cidr> nodeCidrs = new ArrayList<>();
        Node dnsKey = null;
        for (NodeTuple t : mapping(root, shown, "the config").getValue()) {
            String key = scalar(t.getKeyNode(), shown, "a key");
            Node value = t.getValueNode();
            switch (key) {
                case "rules" -> {
                    for (NodeTuple r : mapping(value, shown, "rules").getValue()) {
                        String rkey = scalar(r.getKeyNode(), shown, "a key");
                        switch (rkey) {
                            case "enable" -> enable.addAll(ids(r.getValueNode(), shown, "rules.enable"));
                            case "disable" -> disable.addAll(ids(r.getValueNode(), shown, "rules.disable"));
                            case "severity" -> {
                                for (NodeTuple s : mapping(r.getValueNode(), shown, "rules.severity")
                                        .getValue()) {
                                    String id = scalar(s.getKeyNode(), shown, "a rule id");
                                    String level = scalar(s.getValueNode(), shown, "a severity");
                                    severity.put(
                                            id,
                                            Severity.parse(level)
                                                    .orElseThrow(() -> error(
                                                            shown,
                                                            s.getValueNode(),
                                                            "severity \"" + level
                                                                    + "\" must be error, warning or info")));
                                }
                            }
                            case "params" -> params.addAll(params(r.getValueNode(), shown));
                            default ->
                                throw error(
                                        shown,
                                        r.getKeyNode(),
                                        "unknown key rules." + rkey + " (expected enable, disable, severity, params)");
                        }
                    }
                }
                case "failOn" -> {
                    String text = scalar(value, shown, "failOn");
                    failOn = Optional.of(FailOn.parse(text)
                            .orElseThrow(() -> error(
                                    shown, value, "failOn \"" + text + "\" must be error, warning, info or none")));
                }
                case "baseline" -> baseline = Optional.of(base.resolve(scalar(value, shown, "baseline")));
                case "packs" -> packs.addAll(packs(value, shown, base));
                case "dns" -> {
                    dns = dns(value, shown);
                    dnsKey = t.getKeyNode();
                }
                case "operators" -> {
                    // read by the loader (OperatorTable.fromConfigFile): custom resources that make pods
                }
                case "cni" -> {
                    String text = scalar(value, shown, "cni");
                    cni = NetworkPlugin.parse(text);
                    if (cni.isEmpty()) {
                        throw error(
                                shown, value, "cni: unknown plugin " + text + " (expected auto, calico, cilium, none)");
                    }
                }
                case "limits" -> budget = budget(value, shown);
                case "podCIDRs" -> podCidrs.addAll(cidrs("podCIDRs", value, shown));
                case "nodeCIDRs" -> nodeCidrs.addAll(cidrs("nodeCIDRs", value, shown));
                default ->
                    throw error(
                            shown,
                            t.getKeyNode(),
                            "unknown key " + key
                                    + " (expected rules, failOn, baseline, packs, dns, operators, cni, limits, podCIDRs, nodeCIDRs)");
            }
        }
        if (dnsKey != null) {
            params.addAll(dnsAlias(dns, dnsKey, params, shown));
        }
        return new CheckConfig(
                enable, disable, severity, failOn, baseline, packs, dns, cni, budget, params, podCidrs, nodeCidrs);
    }

    /**
     * {@code podCIDRs:} or {@code nodeCIDRs:} ({@code key}): a list of CIDRs (one CIDR alone is accepted too); each
     * must parse, IPv4 or IPv6.
     */
    private static List<Cidr> cidrs(String key, Node node, String file) throws ConfigException {
        if (node instanceof MappingNode) {
            throw error(file, node, key + " must be a list of CIDRs");
        }
        List<Node> entries = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<Cidr> out = new ArrayList<>();
        for (Node entry : entries) {
            String text = scalar(entry, file, "a " + key + " entry");
            try {
                out.add(Cidrs.parse(text));
            } catch (IllegalArgumentException e) {
                throw error(file, entry, key + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw error(file, node, key + ": give at least one CIDR (or leave the key out)");
        }
        return out;
    }

    /**
     * {@code rules.params}: {@code RULE-ID: {NAME: VALUE}}, a value a scalar, a list of scalars or a mapping
     * of scalars; whether the rule and parameter exist and the type fits is checked against the loaded
     * rules ({@link RuleParams#problems}), each setting keeping its line for that.
     */
    private static List<RuleParams.Setting> params(Node node, String file) throws ConfigException {
        List<RuleParams.Setting> out = new ArrayList<>();
        for (NodeTuple r : mapping(node, file, "rules.params").getValue()) {
            String id = scalar(r.getKeyNode(), file, "a rule id");
            if (!id.matches(RuleInfo.ID_PATTERN)) {
                throw error(file, r.getKeyNode(), "rules.params: \"" + id + "\" is not a rule id");
            }
            for (NodeTuple p :
                    mapping(r.getValueNode(), file, "rules.params." + id).getValue()) {
                String name = scalar(p.getKeyNode(), file, "a parameter name");
                Node v = p.getValueNode();
                String what = "rules.params." + id + "." + name;
                Object value;
                if (v instanceof SequenceNode) {
                    value = list(v, file, what);
                } else if (v instanceof MappingNode m) {
                    Map<String, String> map = new LinkedHashMap<>();
                    for (NodeTuple e : m.getValue()) {
                        map.put(
                                scalar(e.getKeyNode(), file, what + " keys"),
                                scalar(e.getValueNode(), file, what + " values"));
                    }
                    value = map;
                } else {
                    value = scalar(v, file, what);
                }
                out.add(new RuleParams.Setting(
                        id,
                        name,
                        value,
                        false,
                        new SourceRef(file, p.getKeyNode().getStartMark().getLine() + 1)));
            }
        }
        return out;
    }

    /** {@code dns:} as the parameters of {@value ClusterDns#RULE_ID} it stands for; not both spellings at once. */
    private static List<RuleParams.Setting> dnsAlias(
            ClusterDns.Target dns, Node at, List<RuleParams.Setting> params, String file) throws ConfigException {
        if (params.stream().anyMatch(p -> p.ruleId().equals(ClusterDns.RULE_ID))) {
            throw error(
                    file,
                    at,
                    "dns: and rules.params." + ClusterDns.RULE_ID + " set the same parameters: keep one"
                            + " (dns: is the older spelling)");
        }
        SourceRef where = new SourceRef(file, at.getStartMark().getLine() + 1);
        return List.of(
                new RuleParams.Setting(ClusterDns.RULE_ID, "namespace", dns.namespace(), false, where),
                new RuleParams.Setting(ClusterDns.RULE_ID, "service", dns.service(), false, where),
                new RuleParams.Setting(ClusterDns.RULE_ID, "podSelector", dns.podLabels(), false, where));
    }

    /** {@code limits: {ruleFirings: N, ruleTimeoutSeconds: S}}, each key optional. */
    private static RuleBudget budget(Node node, String file) throws ConfigException {
        RuleBudget budget = RuleBudget.DEFAULT;
        for (NodeTuple t : mapping(node, file, "limits").getValue()) {
            String key = scalar(t.getKeyNode(), file, "a key");
            switch (key) {
                case "ruleFirings" -> budget = budget.withMaxFirings(positive(t.getValueNode(), file, "limits." + key));
                case "ruleTimeoutSeconds" ->
                    budget = budget.withTimeout(Duration.ofSeconds(positive(t.getValueNode(), file, "limits." + key)));
                default ->
                    throw error(
                            file,
                            t.getKeyNode(),
                            "unknown key limits." + key + " (expected ruleFirings, ruleTimeoutSeconds)");
            }
        }
        return budget;
    }

    private static long positive(Node node, String file, String what) throws ConfigException {
        String text = scalar(node, file, what);
        try {
            long n = Long.parseLong(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(file, node, what + " must be a whole number of at least 1");
    }

    /** {@code packs:} entries: a path or coordinates, or a mapping {@code {maven|path: ..., sha256: HEX}}. */
    private static List<PackRef> packs(Node node, String file, Path base) throws ConfigException {
        List<Node> entries = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<PackRef> out = new ArrayList<>();
        for (Node entry : entries) {
            String origin = file + ":" + (entry.getStartMark().getLine() + 1);
            if (entry instanceof ScalarNode) {
                for (String p : list(entry, file, "packs")) {
                    out.add(PackRef.of(p, base, Optional.empty(), origin));
                }
                continue;
            }
            String where = null;
            boolean maven = false;
            Optional<String> sha256 = Optional.empty();
            for (NodeTuple t : mapping(entry, file, "a packs entry").getValue()) {
                String key = scalar(t.getKeyNode(), file, "a key");
                String value = scalar(t.getValueNode(), file, "packs." + key);
                switch (key) {
                    case "maven", "path" -> {
                        if (where != null) {
                            throw error(file, t.getKeyNode(), "a packs entry has one of maven or path");
                        }
                        where = value;
                        maven = key.equals("maven");
                        if (maven && !PackRef.COORDINATES.matcher(value).matches()) {
                            throw error(
                                    file,
                                    t.getValueNode(),
                                    "packs.maven \"" + value + "\" is not GROUP:ARTIFACT:VERSION");
                        }
                    }
                    case "sha256" -> {
                        if (!PackRef.SHA256.matcher(value).matches()) {
                            throw error(
                                    file,
                                    t.getValueNode(),
                                    "packs.sha256 must be 64 hexadecimal digits (sha256sum of the jar)");
                        }
                        sha256 = Optional.of(value.toLowerCase(Locale.ROOT));
                    }
                    default ->
                        throw error(
                                file,
                                t.getKeyNode(),
                                "unknown key packs." + key + " (expected maven or path, and sha256)");
                }
            }
            if (where == null) {
                throw error(file, entry, "a packs entry needs maven: GROUP:ARTIFACT:VERSION or path: DIR|JAR");
            }
            out.add(
                    maven
                            ? PackRef.of(where, base, sha256, origin)
                            : new PackRef.Local(base.resolve(where), sha256, origin));
        }
        return out;
    }

    /** {@code dns: {namespace: NS, service: NAME|NS/NAME, podSelector: {key: value, ...}}}, each key optional. */
    private static ClusterDns.Target dns(Node node, String file) throws ConfigException {
        ClusterDns.Target defaults = ClusterDns.Target.DEFAULT;
        Optional<String> namespace = Optional.empty();
        String service = defaults.service();
        Optional<String> serviceNamespace = Optional.empty();
        Node serviceNode = node;
        Map<String, String> podLabels = defaults.podLabels();
        for (NodeTuple t : mapping(node, file, "dns").getValue()) {
            String key = scalar(t.getKeyNode(), file, "a key");
            Node value = t.getValueNode();
            switch (key) {
                case "namespace" -> namespace = Optional.of(scalar(value, file, "dns.namespace"));
                case "service" -> {
                    String text = scalar(value, file, "dns.service");
                    int slash = text.indexOf('/');
                    service = text.substring(slash + 1);
                    serviceNamespace = slash < 0 ? Optional.empty() : Optional.of(text.substring(0, slash));
                    serviceNode = value;
                }
                case "podSelector" -> {
                    podLabels = new LinkedHashMap<>();
                    for (NodeTuple l : mapping(value, file, "dns.podSelector").getValue()) {
                        podLabels.put(
                                scalar(l.getKeyNode(), file, "a label key"),
                                scalar(l.getValueNode(), file, "a label value"));
                    }
                }
                default ->
                    throw error(
                            file,
                            t.getKeyNode(),
                            "unknown key dns." + key + " (expected namespace, service, podSelector)");
            }
        }
        if (namespace.isPresent() && serviceNamespace.isPresent() && !namespace.equals(serviceNamespace)) {
            throw error(
                    file,
                    serviceNode,
                    "dns.service " + serviceNamespace.get() + "/" + service + " is not in dns.namespace "
                            + namespace.get());
        }
        try {
            String ns = namespace.isPresent() ? namespace.get() : serviceNamespace.orElse(defaults.namespace());
            return new ClusterDns.Target(ns, service, podLabels);
        } catch (IllegalArgumentException e) {
            throw error(file, node, "dns: " + e.getMessage());
        }
    }

    private static MappingNode mapping(Node node, String file, String what) throws ConfigException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(file, node, what + " must be a mapping");
    }

    private static String scalar(Node node, String file, String what) throws ConfigException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(file, node, what + " must be a single value");
    }

    private static List<String> list(Node node, String file, String what) throws ConfigException {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue().split("\\s*,\\s*"));
        }
        if (node instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(scalar(n, file, what + " entries"));
            }
            return out;
        }
        throw error(file, node, what + " must be a list");
    }

    private static List<String> ids(Node node, String file, String what) throws ConfigException {
        List<String> ids = list(node, file, what);
        for (String id : ids) {
            if (!id.matches(RuleInfo.ID_PATTERN)) {
                throw error(file, node, what + ": \"" + id + "\" is not a rule id");
            }
        }
        return ids;
    }

    private static ConfigException error(String file, Node node, String message) {
        return new ConfigException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    /** A bad config file or flag: one line naming file and line. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(Printable.line(message)); // quotes the config's text: one line, control characters visible
        }
    }
}
