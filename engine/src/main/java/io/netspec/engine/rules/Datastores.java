package io.netspec.engine.rules;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises datastores by evidence, never by a port number alone (an HTTP probe listening on 6379
 * is not Redis): a container image whose name is a datastore's ({@code postgres:16},
 * {@code bitnami/redis}), a container port named after one ({@code postgresql}, {@code tcp-redis}),
 * or an {@code app}, {@code app.kubernetes.io/name}, {@code app.kubernetes.io/component},
 * {@code component}, {@code role} or {@code tier} label containing a database word as a
 * dash-separated token ({@code orders-db}, {@code postgresql}, {@code redis-master}). Names that
 * also hold a word of the tooling around datastores ({@code redis-exporter},
 * {@code postgres-operator}, {@code pgadmin}) are not datastores.
 */
public final class Datastores {

    /** The id of the rule whose parameters hold the vocabulary: {@code words}, {@code tooling}, {@code labels}, {@code ports}. */
    public static final String RULE_ID = "datastore-exposed";

    /** Well-known datastore ports and what usually listens there: which ports to protect, not evidence. */
    private final Map<Integer, String> ports;

    private final Set<String> words;
    /** Tokens that make a name tooling around a datastore rather than the datastore itself. */
    private final Set<String> tooling;

    private final List<String> labels;

    /**
     * {@link #hasWord} per text: the same image names, port names and label values recur across thousands of
     * workloads. Safe to share between the threads rules fire on.
     */
    private final Map<String, Boolean> hasWord = new ConcurrentHashMap<>();

    public Datastores(Set<String> words, Set<String> tooling, List<String> labels, Map<Integer, String> ports) {
        this.words = Set.copyOf(words);
        this.tooling = Set.copyOf(tooling);
        this.labels = List.copyOf(labels);
        this.ports = Map.copyOf(ports);
    }

    /**
     * The vocabulary the rule's parameters give, built once per run.
     *
     * @throws IllegalArgumentException when a key of {@code ports} is not a port number
     */
    public static Datastores of(RuleParams.Values params) {
        return params.derived("datastores", Datastores::read);
    }

    private static Datastores read(RuleParams.Values params) {
        Map<Integer, String> ports = new TreeMap<>();
        params.map("ports").forEach((port, what) -> {
            try {
                ports.put(Integer.parseInt(port), what);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "parameter ports of rule " + RULE_ID + ": \"" + port + "\" is not a port number", e);
            }
        });
        List<String> lower = params.list("words").stream()
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
        return new Datastores(Set.copyOf(lower), Set.copyOf(params.list("tooling")), params.list("labels"), ports);
    }

    /** The well-known datastore ports and what usually listens there. */
    public Map<Integer, String> wellKnownPorts() {
        return ports;
    }

    public boolean isDatastore(Workload w) {
        return !what(w).isEmpty();
    }

    /** Why the workload counts as a datastore ({@code PostgreSQL port 5432}, {@code label app=orders-db}); empty if not. */
    public String what(Workload w) {
        for (String image : w.images()) {
            if (hasWord(imageName(image))) {
                return "image " + image;
            }
        }
        for (ContainerPort p : w.ports()) {
            if (!p.name().isEmpty() && hasWord(p.name().toLowerCase(Locale.ROOT))) {
                return "port " + p.port() + " named " + p.name();
            }
        }
        for (String key : labels) {
            String value = w.podLabels().get(key);
            if (value != null) {
                if (hasWord(value.toLowerCase(Locale.ROOT))) {
                    return "label " + key + "=" + value;
                }
            }
        }
        return "";
    }

    /** The last path segment of an image reference without tag or digest: {@code docker.io/bitnami/redis:7.2} is {@code redis}. */
    static String imageName(String image) {
        String s = image.toLowerCase(Locale.ROOT);
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        s = s.substring(s.lastIndexOf('/') + 1);
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    /**
     * True when a {@code -}, {@code _} or {@code .} separated token of {@code text} is one of
     * the datastore words and none is a tooling word.
     */
    private boolean hasWord(String text) {
        return hasWord.computeIfAbsent(text, this::hasWordPlain);
    }

    private boolean hasWordPlain(String text) {
        boolean word = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '-' || text.charAt(i) == '_' || text.charAt(i) == '.') {
                String token = text.substring(start, i);
                if (tooling.contains(token)) {
                    return false;
                }
                word |= i > start && words.contains(token);
                start = i + 1;
            }
        }
        return word;
    }

    /**
     * The ports to protect: the container ports on well-known datastore ports; when it has none
     * (a datastore by its labels), every declared port; when it declares none, {@code [0]} (some port).
     */
    public List<Integer> ports(Workload w) {
        List<Integer> known = w.ports().stream()
                .map(ContainerPort::port)
                .filter(ports::containsKey)
                .distinct()
                .toList();
        if (!known.isEmpty()) {
            return known;
        }
        List<Integer> declared =
                w.ports().stream().map(ContainerPort::port).distinct().toList();
        return declared.isEmpty() ? List.of(0) : declared;
    }
}
