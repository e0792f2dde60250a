package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReachCommandTest {

    /** A namespace with a web and a db Deployment; db admits web on its named port and the internet on 443. */
    static final String SHOP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: db
              namespace: shop
            spec:
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                  - name: db
                    image: postgres
                    ports:
                    - name: pg
                      containerPort: 5432
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db-in
              namespace: shop
            spec:
              podSelector:
                matchLabels: {app: db}
              ingress:
              - from:
                - podSelector:
                    matchLabels: {app: web}
                ports:
                - port: pg
              - from:
                - ipBlock:
                    cidr: 10.0.0.0/8
                ports:
                - port: 443
            """;

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @TempDir
    Path dir;

    private Path manifests() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, SHOP);
        return file;
    }

    @Test
    void analysisErrorsAreReportedWithFileAndLineAndExitTwo() throws IOException {
        Path file = dir.resolve("anps.yaml");
        String anp = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata:
                  name: %s
                spec:
                  priority: 10
                  subject:
                    namespaces: {}
                  ingress:
                  - name: deny-all
                    action: Deny
                    from:
                    - namespaces: {}
                """;
        Files.writeString(file, SHOP + "---\n" + anp.formatted("first") + "---\n" + anp.formatted("second"));
        int code = Main.run("reach", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).contains("anps.yaml:").contains("error:").contains("priority");
        assertThat(console.out()).as("the lines are still printed").contains("shop/db[Deployment] => ");
    }

    @Test
    void policiesItDoesNotAnalyseAreNamedOnStderr() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, SHOP + """
                ---
                apiVersion: k8s.ovn.org/v1
                kind: UserDefinedNetwork
                metadata:
                  name: shop-net
                  namespace: shop
                spec:
                  topology: Layer2
                  layer2: {role: Primary, subnets: [10.100.0.0/16]}
                """);
        int code = Main.run("reach", file.toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.err())
                .isEqualTo("notice: 1 policy object that netspec does not analyse; the connections listed leave out"
                        + " their effect (rule unanalysed-policy):\n  " + file + ":61: UserDefinedNetwork"
                        + " shop/shop-net (k8s.ovn.org/v1)\n");
        assertThat(console.out()).as("the list is unchanged").contains("shop/web[Deployment] => shop/db[Deployment]");
    }

    @Test
    void listsTheCorpusLines() throws IOException {
        int code = Main.run("reach", manifests().toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo("""
                0.0.0.0-9.255.255.255[External] => shop/web[Deployment] : All Connections
                10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 443
                10.0.0.0-10.255.255.255[External] => shop/web[Deployment] : All Connections
                11.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections
                shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                shop/db[Deployment] => shop/web[Deployment] : All Connections
                shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                shop/web[Deployment] => shop/db[Deployment] : TCP 5432
                """);
    }

    @Test
    void filtersBySourceDestinationAndPort() throws IOException {
        Path m = manifests();
        assertThat(Main.run("reach", m.toString(), "--to", "shop/db")).isZero();
        assertThat(console.out()).isEqualTo("""
                10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 443
                shop/web[Deployment] => shop/db[Deployment] : TCP 5432
                """);
        console.resetOut();
        assertThat(Main.run("reach", m.toString(), "--from", "10.1.2.3", "--port", "443"))
                .isZero();
        assertThat(console.out()).isEqualTo("""
                10.1.2.3-10.1.2.3[External] => shop/db[Deployment] : TCP 443
                10.1.2.3-10.1.2.3[External] => shop/web[Deployment] : TCP 443
                """);
        console.resetOut();
        assertThat(Main.run("reach", m.toString(), "--from", "shop/web[Deployment]", "--port", "5432/UDP"))
                .isZero();
        assertThat(console.out()).isEqualTo("shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 5432\n");
    }

    @Test
    void writesOtherFormatsToAFile() throws IOException {
        Path file = dir.resolve("reach.csv");
        assertThat(Main.run(
                        "reach",
                        manifests().toString(),
                        "--format",
                        "csv",
                        "--output",
                        file.toString(),
                        "--to",
                        "shop/db"))
                .isZero();
        assertThat(console.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("""
                src,dst,conn
                10.0.0.0-10.255.255.255[External],shop/db[Deployment],TCP 443
                shop/web[Deployment],shop/db[Deployment],TCP 5432
                """);
        assertThat(Main.run("reach", manifests().toString(), "--format", "json", "--to", "shop/db"))
                .isZero();
        assertThat(console.out()).contains("\"src\" : \"shop/web[Deployment]\"", "\"TCP\" : [ \"5432\" ]");
    }

    @Test
    void markdownIsMdOrMarkdownWithShortOptions() throws IOException {
        String m = manifests().toString();
        assertThat(Main.run("reach", m, "-f", "md", "--to", "shop/db")).isZero();
        String md = console.out();
        assertThat(md).startsWith("| src | dst | conn |\n");
        console.resetOut();
        assertThat(Main.run("reach", m, "-f", "markdown", "--to", "shop/db")).isZero();
        assertThat(console.out()).isEqualTo(md);
    }

    @Test
    void anUnwritableOutputSaysWhy() throws IOException {
        Path missing = dir.resolve("no-such-folder");
        Files.writeString(missing, "a plain file where a folder should be");
        Path out = missing.resolve("reach.txt");
        assertThat(Main.run("reach", manifests().toString(), "-o", out.toString()))
                .isEqualTo(2);
        assertThat(console.err())
                .isEqualTo("netspec reach: cannot write " + out + ": cannot create folder " + missing
                        + ": Not a directory\n");
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertThat(Main.run("reach", manifests().toString(), "-o", folder.toString()))
                .isEqualTo(2);
        assertThat(console.err()).endsWith("netspec reach: cannot write " + folder + ": Is a directory\n");
    }

    @Test
    void referencesTakeDashNAndAnyCaseOfKindAndRejectBadAddressesAsSuch() throws IOException {
        String m = manifests().toString();
        assertThat(Main.run("reach", m, "-n", "shop", "--from", "web", "--to", "db[deployment]"))
                .isZero();
        assertThat(console.out()).isEqualTo("shop/web[Deployment] => shop/db[Deployment] : TCP 5432\n");
        assertThat(Main.run("reach", m, "--from", "10.0.0.0/33")).isEqualTo(2);
        assertThat(console.err()).isEqualTo("netspec reach: invalid CIDR 10.0.0.0/33: prefix 33 > 32\n");
        assertThat(Main.run("reach", m, "--from", "::1")).isEqualTo(2);
        assertThat(console.err())
                .endsWith("netspec reach: '::1' is an IPv6 address: IPv6 is not supported "
                        + "(the analysis covers IPv4 only)\n");
        assertThat(Main.run("reach", m, "--from", "web")).isEqualTo(2);
        assertThat(console.err())
                .contains("netspec reach: unknown workload 'web' in namespace default (closest: "
                        + "shop/web[Deployment]");
    }

    @Test
    void unknownReferenceIsAUsageErrorWithTheClosestNames() throws IOException {
        int code = Main.run("reach", manifests().toString(), "--from", "shop/wbe");
        assertThat(code).isEqualTo(2);
        assertThat(console.out()).isEmpty();
        assertThat(console.err())
                .startsWith("netspec reach: unknown workload 'shop/wbe' (closest: shop/web[Deployment]");
    }

    @Test
    void badFormatOrPortIsAUsageError() throws IOException {
        assertThat(Main.run("reach", manifests().toString(), "--format", "yaml"))
                .isEqualTo(2);
        assertThat(console.err())
                .contains("netspec reach: unknown --format yaml (expected: text, json, csv, markdown, dot, html)");
        assertThat(Main.run("reach", manifests().toString(), "--port", "70000")).isEqualTo(2);
        assertThat(console.err()).contains("port 70000 is outside 1-65535");
        assertThat(Main.run("reach", manifests().toString(), "--port", "53/ICMP"))
                .isEqualTo(2);
        assertThat(console.err()).contains("unknown protocol 'ICMP'");
    }

    @Test
    void missingInputIsAUsageError() {
        assertThat(Main.run("reach", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(console.err()).contains("nope.yaml");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void helpTeachesSemanticsAndExamples() {
        assertThat(Main.run("reach", "--help")).isZero();
        // picocli wraps the description at 80 columns: compare its words, not its lines
        assertThat(console.out().replaceAll("\\s+", " "))
                .contains(
                        "under every policy layer in the manifests",
                        "source's egress policies allow it",
                        "Calico nets and ipBlocks also match pod IPs (--pod-cidr",
                        "netspec reach k8s/ --to shop/db --port 5432",
                        "--format",
                        "--from",
                        "--to",
                        "--port",
                        "--output");
    }
}
