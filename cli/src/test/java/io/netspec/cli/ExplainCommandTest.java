package io.netspec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/db")).isZero();
        String text = console.out();
        assertThat(text).startsWith("shop/web[Deployment] => shop/db[Deployment]: partly allowed (TCP 5432)\n");
        assertThat(text).contains("  allowed TCP 5432\n", "egress: shop/web[Deployment] is not isolated for egress",
                "ingress: allowed by shop/db-in ingress rule 1 (" + m + ":");
        assertThat(text).contains("  denied SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535\n",
                "ingress: shop/db[Deployment] is isolated for ingress by shop/db-in (" + m + ":",
                "shop/db-in ingress rule 2 (" + m + ":", "peers [ipBlock 10.0.0.0/8] do not match shop/web[Deployment]");
    }

    @Test
    void onePortGivesTheVerdictAndItsEvidence() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "8.8.8.8", "--to", "shop/db", "--port", "443")).isZero();
        assertThat(console.out()).startsWith("8.8.8.8-8.8.8.8[External] => shop/db[Deployment] on 443/TCP: denied\n")
                .contains("peers [ipBlock 10.0.0.0/8] do not match 8.8.8.8-8.8.8.8[External]");
    }

    @Test
    void requiresBothEndsAndKnownNames() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "shop/web")).isEqualTo(2);
        assertThat(console.err()).contains("--to");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/dbb")).isEqualTo(2);
        assertThat(console.err()).contains("unknown workload 'shop/dbb' (closest: shop/db[Deployment]");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void helpTeaches() {
        assertThat(Main.run("explain", "--help")).isZero();
        assertThat(console.out()).contains("why none matched", "netspec explain k8s/ --from shop/web --to shop/db --port 5432");
    }
}
