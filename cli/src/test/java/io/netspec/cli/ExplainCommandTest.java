package io.netspec.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String manifests() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, ReachCommandTest.SHOP);
        return file.toString();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void explainsAllowedAndDeniedPortsWithFileAndLine() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/db")).isZero();
        String text = stdout();
        assertThat(text).startsWith("shop/web[Deployment] => shop/db[Deployment]: partly allowed (TCP 5432)\n");
        assertThat(text).contains("  allowed TCP 5432\n", "egress: shop/web[Deployment] is not isolated for egress",
                "ingress: allowed by shop/db-in ingress rule #0 (" + m + ":");
        assertThat(text).contains("  denied SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535\n",
                "ingress: shop/db[Deployment] is isolated for ingress by shop/db-in (" + m + ":",
                "shop/db-in ingress rule #1 (" + m + ":", "peers [ipBlock 10.0.0.0/8] do not match shop/web[Deployment]");
    }

    @Test
    void onePortGivesTheVerdictAndItsEvidence() throws IOException {
        assertThat(Main.run("explain", manifests(), "--from", "8.8.8.8", "--to", "shop/db", "--port", "443")).isZero();
        assertThat(stdout()).startsWith("8.8.8.8-8.8.8.8[External] => shop/db[Deployment] on 443/TCP: denied\n")
                .contains("peers [ipBlock 10.0.0.0/8] do not match 8.8.8.8-8.8.8.8[External]");
    }

    @Test
    void requiresBothEndsAndKnownNames() throws IOException {
        String m = manifests();
        assertThat(Main.run("explain", m, "--from", "shop/web")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--to");
        assertThat(Main.run("explain", m, "--from", "shop/web", "--to", "shop/dbb")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown workload 'shop/dbb' (closest: shop/db[Deployment]");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void helpTeaches() {
        assertThat(Main.run("explain", "--help")).isZero();
        assertThat(stdout()).contains("why none matched", "netspec explain k8s/ --from shop/web --to shop/db --port 5432");
    }
}
