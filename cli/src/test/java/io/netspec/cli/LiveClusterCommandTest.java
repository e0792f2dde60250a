package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.cluster.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command with {@code --cluster}, against fabric8's mock API server (CRUD mode, with paging)
 * holding the objects of examples/shop: the same answers as the files, with cluster sources in
 * place of file:line, and one-line errors when the cluster cannot be read.
 */
class LiveClusterCommandTest {

    static final Path SHOP = Path.of("..", "examples", "shop");

    @TempDir
    static Path dir;

    static MockCluster mock;
    static String kubeconfig;

    @BeforeAll
    static void start() {
        mock = new MockCluster();
        mock.seed(SHOP);
        kubeconfig = mock.writeKubeconfig(dir).toString();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static String[] live(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--cluster", "--kubeconfig", kubeconfig))
                .toArray(String[]::new);
    }

    /** rule, object and message of each finding: what must agree between files and cluster. */
    private static List<String> findings(String json) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
            JsonNode o = f.get("object");
            out.add(f.get("severity").asText() + " " + f.get("rule").asText() + " "
                    + o.get("kind").asText() + " " + o.get("namespace").asText() + "/"
                    + o.get("name").asText() + " " + f.get("message").asText());
        }
        return out;
    }

    @Test
    void checkFindsWhatTheFilesFind() throws IOException {
        MainTest.Run files = run("check", SHOP.toString(), "--format", "json");
        MainTest.Run cluster = run(live("check", "--format", "json"));

        assertThat(cluster.exit()).as(cluster.err()).isEqualTo(files.exit()).isZero();
        assertThat(findings(cluster.out())).isNotEmpty().containsExactlyInAnyOrderElementsOf(findings(files.out()));
        JsonNode worker =
                new ObjectMapper().readTree(cluster.out()).get("findings").get(0);
        assertThat(worker.get("file").asText()).isEqualTo("cluster:mock/Deployment/shop-backend/worker");
        assertThat(worker.get("line").asInt()).isZero();
    }

    @Test
    void checkTextAndSarifNameTheClusterSource() {
        MainTest.Run text = run(live("check"));
        assertThat(text.out())
                .contains("cluster:mock/Deployment/shop-backend/worker: warning [unknown-dependency]")
                .doesNotContain(".yaml");
        MainTest.Run sarif = run(live("check", "--format", "sarif"));
        assertThat(sarif.out()).contains("cluster").doesNotContain("\"startLine\"");
    }

    @Test
    void reachIsTheReachOfTheFiles() {
        MainTest.Run files = run("reach", SHOP.toString());
        MainTest.Run cluster = run(live("reach"));
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        assertThat(cluster.out()).isNotBlank().isEqualTo(files.out());
    }

    @Test
    void explainNamesTheLivePolicies() {
        MainTest.Run r = run(live("explain", "--from", "shop-frontend/web", "--to", "shop-backend/api"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("cluster:mock/NetworkPolicy/shop-backend/").doesNotContain(".yaml");
    }

    @Test
    void inventoryListsTheLiveObjects() {
        MainTest.Run r = run(live("inventory"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("shop-backend/worker").contains("cluster:mock/");
    }

    @Test
    void aNamespaceLimitsTheRead() {
        MainTest.Run r = run(live("inventory", "-n", "shop-data"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("postgres").doesNotContain("worker");
    }

    @Test
    void specsPassOnTheClusterAsOnTheFiles() throws IOException {
        Path specs = Files.createDirectories(dir.resolve("specs"));
        // the shop's specs without their Background's "Given the manifests in ..": the manifests come from outside
        for (String name : List.of(
                "segmentation.feature", "dns.feature", "internet.feature", "services.feature", "findings.feature")) {
            String text = Files.readString(SHOP.resolve("specs").resolve(name));
            Files.writeString(specs.resolve(name), text.replace("    Given the manifests in \"..\"\n", ""));
        }
        MainTest.Run files = run("test", specs.toString(), "--manifests", SHOP.toString());
        MainTest.Run cluster = run(live("test", specs.toString()));

        assertThat(files.exit()).as(files.out() + files.err()).isZero();
        assertThat(cluster.exit()).as(cluster.out() + cluster.err()).isZero();
        assertThat(scenarioLines(cluster.out())).isNotEmpty().isEqualTo(scenarioLines(files.out()));
    }

    private static List<String> scenarioLines(String out) {
        return out.lines()
                .filter(l -> l.contains("passed") || l.contains("failed") || l.contains("✓") || l.contains("✗"))
                .toList();
    }

    @Test
    void diffAgainstWhatRuns() throws IOException {
        Path change = dir.resolve("change.yaml");
        // postgres's policy lets any address in: what applying this would open
        Files.writeString(change, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: postgres
                  namespace: shop-data
                spec:
                  podSelector:
                    matchLabels: {app: postgres}
                  policyTypes: [Ingress]
                  ingress:
                    - from:
                        - ipBlock: {cidr: 0.0.0.0/0}
                      ports:
                        - {protocol: TCP, port: 5432}
                """);
        MainTest.Run same = run(live("diff", SHOP.toString()));
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).contains("0 connections added, 0 removed");

        Path copy = Files.createDirectories(dir.resolve("shop-after"));
        copyTree(SHOP, copy);
        Files.writeString(copy.resolve("policies/data.yaml"), Files.readString(change));
        MainTest.Run files = run("diff", SHOP.toString(), copy.toString());
        MainTest.Run cluster = run(live("diff", change.toString()));
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        assertThat(changeLines(cluster.out()))
                .isNotEmpty()
                .isEqualTo(changeLines(files.out()))
                .anyMatch(l -> l.startsWith("+ ") && l.contains("=> shop-data/postgres[StatefulSet]"));
    }

    private static List<String> changeLines(String out) {
        return out.lines()
                .filter(l -> l.startsWith("+ ") || l.startsWith("- "))
                .filter(l -> !l.contains(" workload "))
                .toList();
    }

    @Test
    void aKubectlDumpOfTheSameObjectsGivesTheSameAnswers() throws Exception {
        // kubectl get ... -o json: one List per kind, as the API server returns it (uid, resourceVersion, ...)
        StringBuilder dump = new StringBuilder();
        HttpClient http = HttpClient.newHttpClient();
        for (List<String> k : List.of(
                List.of("/api/v1/namespaces", "v1", "Namespace"),
                List.of("/api/v1/services", "v1", "Service"),
                List.of("/api/v1/configmaps", "v1", "ConfigMap"),
                List.of("/apis/apps/v1/deployments", "apps/v1", "Deployment"),
                List.of("/apis/apps/v1/statefulsets", "apps/v1", "StatefulSet"),
                List.of("/apis/networking.k8s.io/v1/networkpolicies", "networking.k8s.io/v1", "NetworkPolicy"),
                List.of("/apis/networking.k8s.io/v1/ingresses", "networking.k8s.io/v1", "Ingress"))) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(mock.url() + k.get(0))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode list = new ObjectMapper().readTree(r.body());
            String apiVersion = k.get(1);
            String kind = k.get(2);
            for (JsonNode item : list.get("items")) {
                ((ObjectNode) item).put("kind", kind).put("apiVersion", apiVersion);
            }
            ((ObjectNode) list).put("kind", "List").put("apiVersion", "v1");
            dump.append(list.toPrettyString()).append('\n');
        }
        Path yaml = dir.resolve("dump.yaml");
        Files.writeString(yaml, dump.toString().replace("}\n{", "}\n---\n{"));

        MainTest.Run fromDump = run("reach", yaml.toString());
        MainTest.Run cluster = run(live("reach"));
        assertThat(fromDump.exit()).as(fromDump.err()).isZero();
        assertThat(fromDump.out()).isNotBlank().isEqualTo(cluster.out());
        MainTest.Run dumpCheck = run("check", yaml.toString(), "--format", "json");
        MainTest.Run clusterCheck = run(live("check", "--format", "json"));
        assertThat(findings(dumpCheck.out())).containsExactlyInAnyOrderElementsOf(findings(clusterCheck.out()));
    }

    @Test
    void clusterOptionsNeedCluster() {
        MainTest.Run r = run("reach", SHOP.toString(), "--context", "mock");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("netspec reach: --context needs --cluster\n");
        MainTest.Run none = run("reach");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("give manifest files or folders (PATH...), - for stdin, or --cluster");
    }

    @Test
    void anUnknownContextIsOneLine() {
        MainTest.Run r = run(live("reach", "--context", "prod"));
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .isEqualTo("netspec: cluster prod: unknown context 'prod' in the kubeconfig; contexts: mock, other\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void expiredCredentialsAreOneLine() {
        try (MockCluster rejecting = new MockCluster().rejectingCredentials()) {
            String config = rejecting
                    .writeKubeconfig(Files.createDirectories(dir.resolve("401")))
                    .toString();
            MainTest.Run r = run("check", "--cluster", "--kubeconfig", config, "--request-timeout", "5");
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err())
                    .isEqualTo("netspec: cluster: the API server at " + rejecting.url()
                            + "/ rejected the credentials (401 Unauthorized): the token or certificate may have expired;"
                            + " log in again\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aForbiddenResourceIsOneLineAndTheRunIsIncomplete() throws IOException {
        try (MockCluster partial = new MockCluster()) {
            partial.seed(SHOP);
            partial.failing("/apis/networking.k8s.io/v1/ingresses", 403);
            String config = partial.writeKubeconfig(Files.createDirectories(dir.resolve("403")))
                    .toString();

            MainTest.Run r = run("reach", "--cluster", "--kubeconfig", config);
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).contains("shop-data/postgres");
            assertThat(r.err())
                    .contains("netspec: cluster mock: forbidden: cannot list ingresses.networking.k8s.io in "
                            + "all namespaces")
                    .contains("incomplete read (1 forbidden)");

            MainTest.Run accepted = run("reach", "--cluster", "--kubeconfig", config, "--partial");
            assertThat(accepted.exit()).isZero();
            assertThat(accepted.out()).isEqualTo(r.out());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }
}
