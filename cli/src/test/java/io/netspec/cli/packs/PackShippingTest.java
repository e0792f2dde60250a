package io.netspec.cli.packs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.cli.Main;
import io.netspec.engine.version.NetspecVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when", end to end through the CLI: an organisation publishes its pack at
 * 1.0.0 and 1.1.0 to a (file-based) Maven repository; a project pins it by coordinates in
 * {@code .netspec.yaml}; {@code check} reports pack@version in every format; going back a
 * version really runs the older rules; a wrong sha256, a tampered signed jar and a pack
 * needing a newer netspec are refused with exit 2 and one line.
 */
class PackShippingTest {

    static final String COORDINATES = PackRepository.GROUP + ":" + PackRepository.ARTIFACT + ":";
    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: agent, namespace: shop}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: a, image: a}]
            """;

    @TempDir
    Path dir;

    PackRepository repository;
    Path project;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;
    byte[] v100;
    byte[] v110;

    @BeforeEach
    void publish() throws Exception {
        repository = new PackRepository(Files.createDirectories(dir.resolve("repo")));
        v100 = PackRepository.jar(PackRepository.pack("1.0.0", "warning", ""));
        v110 = PackRepository.jar(PackRepository.pack("1.1.0", "error", "requires: \">=0.2.0 <1.0.0\"\n"));
        repository.publish("1.0.0", v100);
        repository.publish("1.1.0", v110);
        Path settings = Files.writeString(dir.resolve("settings.xml"), repository.settings(dir.resolve("local-repo")));
        System.setProperty(MavenPacks.SETTINGS_PROPERTY, settings.toString());
        project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("app.yaml"), MANIFESTS);
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.clearProperty(MavenPacks.SETTINGS_PROPERTY);
    }

    /** {@code check} of the project with its config; stdout and stderr from this run only. */
    int check(String... more) {
        out.reset();
        err.reset();
        String[] args = new String[4 + more.length];
        args[0] = "check";
        args[1] = project.resolve("app.yaml").toString();
        args[2] = "--config";
        args[3] = project.resolve(".netspec.yaml").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return Main.run(args);
    }

    void pin(String version, String sha256) throws Exception {
        Files.writeString(
                project.resolve(".netspec.yaml"),
                "packs:\n  - maven: " + COORDINATES + version + "\n"
                        + (sha256 == null ? "" : "    sha256: " + sha256 + "\n"));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPinnedPackReportsItsVersionInEveryFormatAndADowngradeDowngrades() throws Exception {
        pin("1.1.0", PackRepository.digest("SHA-256", v110));
        assertThat(check("--no-builtin")).as(err()).isEqualTo(1);
        assertThat(out())
                .contains("error [acme-host-network] workload shop/agent[Deployment] uses the host network")
                .contains("packs: acme-net@1.1.0, netspec@"
                        + NetspecVersion.current().version());

        assertThat(check("--no-builtin", "--format", "json")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.at("/findings/0/pack").asText()).isEqualTo("acme-net@1.1.0");
        assertThat(json.at("/packs/0/name").asText()).isEqualTo("acme-net");
        assertThat(json.at("/packs/0/version").asText()).isEqualTo("1.1.0");

        assertThat(check("--no-builtin", "--format", "sarif")).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(out()).at("/runs/0");
        assertThat(sarif.at("/tool/extensions/0/name").asText()).isEqualTo("acme-net");
        assertThat(sarif.at("/tool/extensions/0/version").asText()).isEqualTo("1.1.0");
        assertThat(sarif.at("/tool/extensions/0/rules/0/id").asText()).isEqualTo("acme-host-network");
        assertThat(sarif.at("/results/0/rule/toolComponent/index").asInt()).isZero();
        assertThat(sarif.at("/results/0/properties/pack").asText()).isEqualTo("acme-net@1.1.0");

        assertThat(check("--no-builtin", "--format", "junit")).isEqualTo(1);
        assertThat(out()).contains("<property name=\"pack\" value=\"acme-net@1.1.0\"/>", "pack: acme-net@1.1.0");
        assertThat(check("--no-builtin", "--format", "markdown")).isEqualTo(1);
        assertThat(out()).contains("| `acme-net@1.1.0` |", "Packs: `acme-net@1.1.0`");
        assertThat(check("--no-builtin", "--format", "github")).isEqualTo(1);
        assertThat(out()).contains("(acme-net@1.1.0)");

        // back to 1.0.0: its rule is a warning, so the default gate passes
        pin("1.0.0", null);
        assertThat(check("--no-builtin")).as(err()).isZero();
        assertThat(out())
                .contains("warning [acme-host-network]")
                .contains("packs: acme-net@1.0.0")
                .doesNotContain("1.1.0");
    }

    @Test
    void theFlagTakesCoordinatesAndResolvesOfflineFromTheLocalRepository() throws Exception {
        Files.writeString(project.resolve(".netspec.yaml"), "failOn: none\n");
        assertThat(check("--no-builtin", "--rules", COORDINATES + "1.0.0"))
                .as(err())
                .isZero();
        assertThat(out()).contains("packs: acme-net@1.0.0");
        // now in the local repository: offline works; a version never downloaded does not
        Files.delete(repository.root.resolve("com/acme/acme-net-pack/1.0.0/acme-net-pack-1.0.0.jar"));
        assertThat(check("--no-builtin", "--offline", "--rules", COORDINATES + "1.0.0"))
                .as(err())
                .isZero();
        assertThat(check("--no-builtin", "--offline", "--rules", COORDINATES + "1.1.0"))
                .isEqualTo(2);
        assertThat(err())
                .startsWith("--rules " + COORDINATES + "1.1.0: cannot resolve " + COORDINATES + "1.1.0: ")
                .contains("offline");
        assertThat(check("--no-builtin", "--rules", COORDINATES + "9.9.9")).isEqualTo(2);
        assertThat(err()).contains("cannot resolve " + COORDINATES + "9.9.9").doesNotContain("Exception\n\tat");
    }

    @Test
    void aWrongSha256IsRefused() throws Exception {
        pin("1.1.0", PackRepository.digest("SHA-256", v100));
        assertThat(check()).isEqualTo(2);
        assertThat(err())
                .startsWith(project.resolve(".netspec.yaml") + ":2: sha256 of " + COORDINATES + "1.1.0 (")
                .contains("is " + PackRepository.digest("SHA-256", v110) + ", not the pinned "
                        + PackRepository.digest("SHA-256", v100))
                .contains("nothing was checked");
    }

    @Test
    void aTamperedSignedJarIsRefusedAndAnIntactOneLoads() throws Exception {
        byte[] signed = PackRepository.sign(PackRepository.jar(PackRepository.pack("1.2.0", "error", "")), dir);
        repository.publish("1.2.0", signed);
        pin("1.2.0", null);
        assertThat(check("--no-builtin")).as(err()).isEqualTo(1);
        assertThat(out()).contains("error [acme-host-network]");

        // the attacker downgrades the rule and republishes, checksums and all; no sha256 pin here
        byte[] tampered = PackRepository.tamper(
                signed, "acme/net/host-network.drl", drl -> drl.replace("@severity(\"error\")", "@severity(\"info\")"));
        repository.publish("1.2.1", tampered);
        pin("1.2.1", null);
        assertThat(check("--no-builtin")).isEqualTo(2);
        assertThat(err().lines().toList()).hasSize(2);
        assertThat(err())
                .startsWith(COORDINATES + "1.2.1: signed jar fails verification (")
                .contains("acme/net/host-network.drl");

        // an entry added to a signed jar carries no signature
        byte[] added = PackRepository.tamper(signed, "pack.yaml", yaml -> yaml);
        Map<String, String> extra = PackRepository.pack("1.2.2", "info", "");
        extra.remove("pack.yaml");
        extra.put(
                "acme/net/extra.drl",
                extra.remove("acme/net/host-network.drl")
                        .replace("acme host network", "extra")
                        .replace("acme-host-network", "acme-extra"));
        repository.publish("1.2.2", appended(added, extra));
        pin("1.2.2", null);
        assertThat(check("--no-builtin")).isEqualTo(2);
        assertThat(err()).contains("acme/net/extra.drl is not signed, but the jar is");
    }

    @Test
    void aPackNeedingANewerNetspecIsRefusedInOneLine() throws Exception {
        repository.publish(
                "2.0.0", PackRepository.jar(PackRepository.pack("2.0.0", "error", "requires: \">=99.0.0\"\n")));
        pin("2.0.0", null);
        assertThat(check()).isEqualTo(2);
        assertThat(err())
                .isEqualTo(COORDINATES + "2.0.0!/pack.yaml:4: pack acme-net@2.0.0 requires netspec >=99.0.0, "
                        + "but this is netspec " + NetspecVersion.current().version()
                        + "; upgrade netspec or pin an older version of the pack\n"
                        + "netspec: 1 rule pack problem; nothing was checked\n");
    }

    @Test
    void theSamePackFromConfigAndFlagIsOneError() throws Exception {
        pin("1.1.0", null);
        Path local = Files.createDirectories(dir.resolve("local-pack"));
        PackRepository.pack("1.0.0", "warning", "").forEach((name, text) -> {
            try {
                Files.createDirectories(local.resolve(name).getParent());
                Files.writeString(local.resolve(name), text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(check("--rules", local.toString())).isEqualTo(2);
        assertThat(err())
                .isEqualTo(local + ": pack acme-net is loaded twice: acme-net@1.1.0 from " + COORDINATES
                        + "1.1.0! and acme-net@1.0.0 from " + local
                        + "; keep one of them (--rules, or packs: in .netspec.yaml)\n"
                        + "netspec: 1 rule pack problem; nothing was checked\n");
    }

    @Test
    void rulesTestRunsTheFixturesAJarCarries() throws Exception {
        Map<String, String> files = PackRepository.pack("1.0.0", "warning", "");
        files.put("tests/acme-host-network/fail-host.yaml", "# expect: acme-host-network\n" + MANIFESTS);
        files.put(
                "tests/acme-host-network/pass-pod-network.yaml",
                MANIFESTS.replace("hostNetwork: true", "hostNetwork: false"));
        Path jar = Files.write(dir.resolve("acme-net-pack-1.0.0.jar"), PackRepository.jar(files));
        assertThat(Main.run("rules", "test", jar.toString())).as(out() + err()).isZero();
        assertThat(out())
                .contains(
                        "ok   acme-net/acme-host-network/fail-host.yaml",
                        "ok   acme-net/acme-host-network/pass-pod-network.yaml")
                .endsWith("2 passed, 0 failed\n");
        out.reset();
        files.put("tests/acme-host-network/pass-pod-network.yaml", MANIFESTS);
        Path broken = Files.write(dir.resolve("broken.jar"), PackRepository.jar(files));
        assertThat(Main.run("rules", "test", broken.toString())).isEqualTo(1);
        assertThat(out()).contains("FAIL acme-net/acme-host-network/pass-pod-network.yaml");
    }

    @Test
    void netspecTestUsesTheConfigsPacksAndRuleSettings() throws Exception {
        Path feature = Files.writeString(dir.resolve("acme.feature"), """
                Feature: acme conventions
                  Scenario: the agent is flagged
                    Then rule "acme-host-network" reports deployment "agent" in "shop"
                """);
        String[] args = {
            "test",
            "--config",
            project.resolve(".netspec.yaml").toString(),
            "--manifests",
            project.resolve("app.yaml").toString(),
            feature.toString()
        };
        pin("1.1.0", PackRepository.digest("SHA-256", v110));
        assertThat(Main.run(args)).as(out() + err()).isZero();
        Files.writeString(
                project.resolve(".netspec.yaml"), "rules: {disable: [acme-host-network]}\n", StandardOpenOption.APPEND);
        out.reset();
        assertThat(Main.run(args)).as(out() + err()).isEqualTo(2);
        assertThat(out())
                .contains("rule \"acme-host-network\" does not run: the config (" + project.resolve(".netspec.yaml")
                        + ") disables it");
        pin("1.1.0", PackRepository.digest("SHA-256", v100));
        assertThat(Main.run(args)).isEqualTo(2);
        assertThat(err()).contains("sha256 of " + COORDINATES + "1.1.0");
    }

    /** {@code jar} with {@code files} appended as new, unsigned entries. */
    static byte[] appended(byte[] jar, Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(in.readAllBytes());
                zip.closeEntry();
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
