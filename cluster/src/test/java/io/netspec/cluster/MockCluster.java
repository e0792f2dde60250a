package io.netspec.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * fabric8's Kubernetes mock server in CRUD mode, behind a dispatcher that adds what CRUD mode lacks
 * and a real API server has: {@code limit}/{@code continue} paging, and chosen paths answering 401,
 * 403 or 404 (a token that expired, RBAC, a CRD not installed). Every request path is recorded.
 * Objects are seeded from manifest files; a kubeconfig file points at the server.
 */
public final class MockCluster implements AutoCloseable {

    public static final String CONTEXT = "mock";

    /** The server logs every request at INFO through java.util.logging: kept here (strongly) and quiet. */
    private static final Logger SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        SERVER_LOG.setLevel(Level.WARNING);
    }

    private final ApiDispatcher dispatcher = new ApiDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    /** Creates every object of the files (folders read recursively) whose kind netspec reads; returns the kinds left out. */
    public List<String> seed(Path... paths) {
        List<String> left = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                for (Object doc : new Yaml().loadAll(read(file))) {
                    if (doc instanceof Map<?, ?> map && map.get("kind") != null) {
                        if (!create(map)) {
                            left.add(String.valueOf(map.get("kind")));
                        }
                    }
                }
            }
        }
        return left;
    }

    /** Creates one object given as a map; false when its kind is not one netspec reads from a cluster. */
    public boolean create(Map<?, ?> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Optional<LiveKind> live = Stream.concat(LiveKind.ALL.stream(), Stream.of(LiveKind.CONFIG_MAPS))
                .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind))
                .findFirst();
        if (live.isEmpty()) {
            return false;
        }
        GenericKubernetesResource r =
                client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        if (live.get().namespaced() && r.getMetadata().getNamespace() == null) {
            r.getMetadata().setNamespace("default");
        }
        // straight into the CRUD store: thousands of objects in a second, none of them in requests()
        LiveKind k = live.get();
        String path = (k.group().isEmpty() ? "/api/" : "/apis/" + k.group() + "/") + k.version()
                + (k.namespaced() ? "/namespaces/" + r.getMetadata().getNamespace() : "") + "/" + k.plural();
        String body = client.getKubernetesSerialization().asJson(r);
        MockResponse created = dispatcher.crud.handleCreate(new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.POST,
                path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8))));
        if (created.code() >= 300) {
            throw new IllegalStateException("cannot create " + path + ": " + created.code());
        }
        return true;
    }

    /** Requests whose path starts with {@code prefix} answer {@code code} (403, 404, ...) with a Status. */
    public MockCluster failing(String prefix, int code) {
        dispatcher.failures.put(prefix, code);
        return this;
    }

    /** Requests whose path starts with {@code prefix} answer only after {@code delay}. */
    public MockCluster slow(String prefix, Duration delay) {
        dispatcher.delays.put(prefix, delay);
        return this;
    }

    /** Every request answers 401, as for an expired token. */
    public MockCluster rejectingCredentials() {
        dispatcher.failures.put("/", 401);
        return this;
    }

    /** The requests so far: {@code METHOD PATH}, query included. */
    public List<String> requests() {
        synchronized (dispatcher.paths) {
            return List.copyOf(dispatcher.paths);
        }
    }

    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** A kubeconfig with context {@value #CONTEXT} (current) and {@code other}, both pointing here. */
    public Path writeKubeconfig(Path dir) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: tester
                  user:
                    token: secret-token
                contexts:
                - name: %s
                  context: {cluster: mock, user: tester}
                - name: other
                  context: {cluster: mock, user: tester}
                current-context: %s
                """.formatted(url(), CONTEXT, CONTEXT);
        try {
            Path file = dir.resolve("kubeconfig");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    static ResourceDefinitionContext definition(LiveKind k) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(k.group())
                .withVersion(k.version())
                .withPlural(k.plural())
                .withKind(k.kind())
                .withNamespaced(k.namespaced())
                .build();
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CRUD mode, plus paging and injected failures. */
    private static final class ApiDispatcher extends Dispatcher {
        private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        private final Map<String, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<String> paths = new ArrayList<>();
        private final Map<String, Duration> delays = Collections.synchronizedMap(new LinkedHashMap<>());
        private final ObjectMapper mapper = new ObjectMapper();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            synchronized (paths) {
                paths.add(request.getMethod() + " " + path);
            }
            synchronized (failures) {
                for (Map.Entry<String, Integer> f : failures.entrySet()) {
                    if (path.startsWith(f.getKey())) {
                        return status(f.getValue());
                    }
                }
            }
            synchronized (delays) {
                for (Map.Entry<String, Duration> d : delays.entrySet()) {
                    if (path.startsWith(d.getKey())) {
                        return crud.dispatch(request).setBodyDelay(d.getValue());
                    }
                }
            }
            Map<String, String> query = query(path);
            if ("GET".equals(request.getMethod()) && query.containsKey("limit")) {
                return page(path, query);
            }
            return crud.dispatch(request);
        }

        /** The CRUD list cut to {@code limit} items from the offset in {@code continue}. */
        private MockResponse page(String path, Map<String, String> query) {
            int q = path.indexOf('?');
            MockResponse all = crud.handleGet(path.substring(0, q));
            if (all.code() != 200) {
                return all;
            }
            try {
                ObjectNode list = (ObjectNode) mapper.readTree(all.getBody().readUtf8());
                ArrayNode items = (ArrayNode) list.withArray("items");
                int limit = Integer.parseInt(query.get("limit"));
                int from = query.containsKey("continue") ? Integer.parseInt(query.get("continue")) : 0;
                ArrayNode cut = mapper.createArrayNode();
                for (int i = from; i < Math.min(items.size(), from + limit); i++) {
                    cut.add(items.get(i));
                }
                list.set("items", cut);
                ObjectNode meta = list.with("metadata");
                if (from + limit < items.size()) {
                    meta.put("continue", String.valueOf(from + limit));
                    meta.put("remainingItemCount", items.size() - from - limit);
                } else {
                    meta.remove("continue");
                }
                return new MockResponse().setResponseCode(200).setBody(mapper.writeValueAsString(list));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, String> query(String path) {
            Map<String, String> out = new HashMap<>();
            int q = path.indexOf('?');
            if (q < 0) {
                return out;
            }
            for (String part : path.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        private static MockResponse status(int code) {
            String reason = switch (code) {
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "NotFound";
                default -> "InternalError";
            };
            String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"" + reason + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
            return new MockResponse().setResponseCode(code).setBody(body);
        }
    }
}
