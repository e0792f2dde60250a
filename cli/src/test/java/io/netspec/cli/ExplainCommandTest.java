package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @TempDir
    Path dir;

    private String manifests() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, ReachCommandTest.SHOP);
        return file.toString();
    }

    @Test
    void explainsAllowedAndDeniedPortsWithFileAndLine() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/db"))
                .isZero();
        String text = console.out();
        assertThat(text).startsWith("shop/web[Deployment] => shop/db[Deployment]: partly allowed (TCP 5432)\n");
        assertThat(text)
                .contains(
                        "  allowed TCP 5432\n",
                        "egress: shop/web[Deployment] is not isolated for egress",
                        "ingress: allowed by shop/db-in ingress rule 1 (" + m + ":");
        assertThat(text)
                .contains(
                        "  denied SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535,ICMP,IP\n",
                        "ingress: shop/db[Deployment] is isolated for ingress by shop/db-in (" + m + ":",
                        "shop/db-in ingress rule 2 (" + m + ":",
                        "peers [ipBlock 10.0.0.0/8] do not match shop/web[Deployment]");
    }

    @Test
    void onePortGivesTheVerdictAndItsEvidence() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "8.8.8.8", "--to", "shop/db", "--port", "443"))
                .isZero();
        assertThat(console.out())
                .startsWith("8.8.8.8-8.8.8.8[External] => shop/db[Deployment] on 443/TCP: denied\n")
                .contains("peers [ipBlock 10.0.0.0/8] do not match 8.8.8.8-8.8.8.8[External]");
    }

    @Test
    void aDeniedPortIsNamedInTheDenialNotTheWholePart() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "shop/web", "--to", "shop/db", "--port", "53/UDP"))
                .isZero();
        assertThat(console.out())
                .startsWith("shop/web[Deployment] => shop/db[Deployment] on 53/UDP: denied\n")
                .contains(
                        "shop/db-in ingress rule 1 (",
                        "ports [pg/TCP] (on this destination: TCP 5432) do not include UDP 53\n")
                .contains("shop/db-in ingress rule 2 (", "peers [ipBlock 10.0.0.0/8] do not match shop/web[Deployment]")
                .doesNotContain("do not include SCTP");
    }

    @Test
    void podSelectorPeersSayWhichNamespaceTheyMean() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "shop/db", "--to", "shop/db"))
                .isZero();
        assertThat(console.out()).contains("peers [pods app=web in namespace shop] do not match shop/db[Deployment]");
    }

    @Test
    void namesWithoutNamespaceUseDashNAndKindsIgnoreCase() throws IOException {
        assertThat(Main.run(
                        "explain",
                        manifests(),
                        "-n",
                        "shop",
                        "--from",
                        "web[deployment]",
                        "--to",
                        "db",
                        "--port",
                        "5432"))
                .isZero();
        assertThat(console.out()).startsWith("shop/web[Deployment] => shop/db[Deployment] on 5432/TCP: allowed\n");
    }

    @Test
    void badAddressesSayWhatIsWrong() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "10.0.0.0/33", "--to", "shop/db"))
                .isEqualTo(2);
        assertThat(console.err()).isEqualTo("netspec explain: invalid CIDR 10.0.0.0/33: prefix 33 > 32\n");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "fd00::1"))
                .isEqualTo(2);
        assertThat(console.err()).contains("netspec explain: 'fd00::1' is an IPv6 address: IPv6 is not supported");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void jsonGivesTheSameEvidenceWithIndexAndNumber() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "shop/web", "--to", "shop/db", "-f", "json"))
                .isZero();
        JsonNode root = new ObjectMapper().readTree(console.out());
        assertThat(root.get("source").asText()).isEqualTo("shop/web[Deployment]");
        assertThat(root.get("allowed").asText()).isEqualTo("TCP 5432");
        JsonNode allowed = root.get("parts").get(0);
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        JsonNode rule = allowed.get("ingressRules").get(0);
        assertThat(rule.get("policy").asText()).isEqualTo("shop/db-in");
        assertThat(rule.get("index").asInt()).isZero();
        assertThat(rule.get("number").asInt()).isEqualTo(1);
        assertThat(rule.get("line").asInt()).isPositive();
        assertThat(root.get("parts").get(1).get("deniedBy"))
                .extracting(JsonNode::asText)
                .containsExactly("ingress");
        console.resetOut();
        assertThat(Main.run(
                        "explain",
                        manifests(),
                        "--from",
                        "shop/web",
                        "--to",
                        "shop/db",
                        "--port",
                        "53/UDP",
                        "--format",
                        "JSON"))
                .isZero();
        JsonNode one = new ObjectMapper().readTree(console.out());
        assertThat(one.get("port").get("allowed").asBoolean()).isFalse();
        assertThat(one.get("parts")).hasSize(1);
        assertThat(one.get("parts").get(0).get("connections").asText()).isEqualTo("UDP 53");
    }

    @Test
    void outputGoesToAFileOrSaysWhyItCannot() throws IOException {
        String m = manifests();
        Path file = dir.resolve("out/why.txt");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/db", "-o", file.toString()))
                .isZero();
        assertThat(console.out()).isEmpty();
        assertThat(Files.readString(file)).startsWith("shop/web[Deployment] => shop/db[Deployment]: partly allowed");
        Path underAFile = dir.resolve("shop.yaml").resolve("why.txt");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/db", "-o", underAFile.toString()))
                .isEqualTo(2);
        assertThat(console.err())
                .isEqualTo("netspec explain: cannot write " + underAFile + ": cannot create folder "
                        + dir.resolve("shop.yaml") + ": Not a directory\n");
    }

    @Test
    void requiresBothEndsAndKnownNames() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "shop/web")).isEqualTo(2);
        assertThat(console.err()).contains("--to");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/dbb"))
                .isEqualTo(2);
        assertThat(console.err()).contains("unknown workload 'shop/dbb' (closest: shop/db[Deployment]");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void helpTeaches() {
        assertThat(Main.run("explain", "--help")).isZero();
        assertThat(console.out())
                .contains("why none matched", "netspec explain k8s/ --from shop/web --to shop/db --port 5432");
    }
}
