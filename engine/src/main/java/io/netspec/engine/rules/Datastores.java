package io.netspec.engine.rules;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Workload;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** Well-known datastore ports and what usually listens there: which ports to protect, not evidence. */
    public static final Map<Integer, String> PORTS = Map.ofEntries(
            Map.entry(5432, "PostgreSQL"), Map.entry(3306, "MySQL"), Map.entry(1433, "SQL Server"),
            Map.entry(1521, "Oracle"), Map.entry(27017, "MongoDB"), Map.entry(6379, "Redis"),
            Map.entry(9042, "Cassandra"), Map.entry(9200, "Elasticsearch"), Map.entry(9300, "Elasticsearch"),
            Map.entry(11211, "Memcached"), Map.entry(5984, "CouchDB"), Map.entry(8123, "ClickHouse"),
            Map.entry(26257, "CockroachDB"),
            Map.entry(2379, "etcd"), Map.entry(8086, "InfluxDB"), Map.entry(28015, "RethinkDB"));

    private static final Set<String> WORDS = Set.of("db", "database", "postgres", "postgresql", "pg", "mysql",
            "mariadb", "mongo", "mongodb", "redis", "valkey", "cassandra", "scylla", "elasticsearch", "opensearch",
            "memcached", "couchdb", "clickhouse", "cockroachdb", "etcd", "influxdb", "mssql", "oracle");

    /** Tokens that make a name tooling around a datastore rather than the datastore itself. */
    private static final Set<String> TOOLING = Set.of("exporter", "operator", "backup", "admin", "ui", "web",
            "dashboard", "metrics", "migrate", "migration", "migrations", "client", "cli", "insight", "commander");

    private static final List<String> LABELS = List.of("app", "app.kubernetes.io/name", "app.kubernetes.io/component",
            "component", "role", "tier");

    private Datastores() {
    }

    public static boolean isDatastore(Workload w) {
        return !what(w).isEmpty();
    }

    /** Why the workload counts as a datastore ({@code PostgreSQL port 5432}, {@code label app=orders-db}); empty if not. */
    public static String what(Workload w) {
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
        for (String key : LABELS) {
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
     * {@link #WORDS} and none is one of {@link #TOOLING}.
     */
    private static boolean hasWord(String text) {
        boolean word = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '-' || text.charAt(i) == '_' || text.charAt(i) == '.') {
                String token = text.substring(start, i);
                if (TOOLING.contains(token)) {
                    return false;
                }
                word |= i > start && WORDS.contains(token);
                start = i + 1;
            }
        }
        return word;
    }

    /**
     * The ports to protect: the container ports on well-known datastore ports; when it has none
     * (a datastore by its labels), every declared port; when it declares none, {@code [0]} (some port).
     */
    public static List<Integer> ports(Workload w) {
        List<Integer> known = w.ports().stream().map(ContainerPort::port).filter(PORTS::containsKey).distinct().toList();
        if (!known.isEmpty()) {
            return known;
        }
        List<Integer> declared = w.ports().stream().map(ContainerPort::port).distinct().toList();
        return declared.isEmpty() ? List.of(0) : declared;
    }
}
