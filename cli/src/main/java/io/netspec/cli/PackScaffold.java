package io.netspec.cli;

import io.netspec.engine.version.NetspecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a new pack project ({@code netspec rules init NAME}). The project folder is itself
 * a pack (so {@code netspec rules test .} and {@code --rules .} work while writing it), and a
 * Maven project whose jar is the same pack with its fixtures (so {@code rules test x.jar} works on
 * what is published), and whose test runs the fixtures and fails when the docs are stale.
 */
final class PackScaffold {

    private PackScaffold() {}

    /** Relative path to content. {@code groupId} and {@code name} are already validated. */
    static Map<String, String> files(String name, String groupId) {
        String netspec = NetspecVersion.current().version().toString();
        String requires = ">=" + NetspecVersion.current().compatibility() + " <"
                + (NetspecVersion.current().version().major() + 1) + ".0.0";
        String pkg = groupId + "." + name.replace('-', '.');
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pack.yaml", """
                name: %s
                # keep equal to the pom's <version>: PackTest checks it
                version: 1.0.0
                description: >-
                  What this pack checks, in one paragraph: it heads the generated docs.
                requires: "%s"
                """.formatted(name, requires));
        files.put("rules/no-host-network.drl", """
                package %s;

                import io.netspec.engine.model.*;
                import function io.netspec.engine.rules.Report.report;

                // A sample rule: replace it with your own. One rule, one check; the metadata names it.
                rule "no host network"
                    @id("no-host-network")
                    @severity("warning")
                    @title("Workload uses the host network")
                    @remediation("Remove hostNetwork: true from the pod template.")
                when
                    $w : Workload(hostNetwork)
                then
                    report(drools, $w, "workload {w} uses the host network", "w", $w.id());
                end
                """.formatted(pkg));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: agent, namespace: shop}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      hostNetwork: %s
                      containers: [{name: agent, image: agent}]
                """;
        files.put(
                "tests/no-host-network/fail-host-network.yaml",
                "# expect: no-host-network\n" + deployment.formatted("true"));
        files.put("tests/no-host-network/pass-pod-network.yaml", deployment.formatted("false"));
        files.put("pom.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%1$s</groupId>
                  <artifactId>%2$s</artifactId>
                  <!-- keep equal to pack.yaml's version -->
                  <version>1.0.0</version>
                  <description>netspec rule pack %2$s</description>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <netspec.version>%3$s</netspec.version>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>io.netspec</groupId>
                        <artifactId>netspec-bom</artifactId>
                        <version>${netspec.version}</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <!-- the netspec command, in-process, for the test; the jar itself depends on nothing -->
                    <dependency>
                      <groupId>io.netspec</groupId>
                      <artifactId>netspec-cli</artifactId>
                      <version>${netspec.version}</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <!-- The jar is the pack: pack.yaml at its root, the rules, and the fixtures
                         (so that `netspec rules test %2$s-1.0.0.jar` runs them). -->
                    <resources>
                      <resource>
                        <directory>${project.basedir}</directory>
                        <includes>
                          <include>pack.yaml</include>
                          <include>rules/**</include>
                          <include>tests/**</include>
                        </includes>
                      </resource>
                    </resources>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                        <configuration>
                          <systemPropertyVariables>
                            <pack.version>${project.version}</pack.version>
                          </systemPropertyVariables>
                        </configuration>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>3.4.2</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(groupId, name, netspec));
        files.put("src/test/java/" + pkg.replace('.', '/') + "/PackTest.java", """
                package %1$s;

                import io.netspec.cli.Main;
                import org.junit.jupiter.api.Test;

                import java.nio.file.Files;
                import java.nio.file.Path;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                /** The pack's own checks: its fixtures pass, its docs are current, its versions agree. */
                class PackTest {

                    @Test
                    void fixturesPass() {
                        assertEquals(0, Main.run("rules", "test", "."), "netspec rules test . failed (see above)");
                    }

                    @Test
                    void docsAreCurrent() throws Exception {
                        Path fresh = Path.of("target/docs");
                        assertEquals(0, Main.run("rules", "list", "--no-builtin", "--rules", ".", "--format", "markdown",
                                "--output-dir", fresh.toString()));
                        assertEquals(Files.readString(fresh.resolve("%2$s.md")), Files.readString(Path.of("docs/%2$s.md")),
                                "docs/%2$s.md is stale: regenerate it with netspec rules list --no-builtin --rules . "
                                        + "--format markdown --output-dir docs");
                    }

                    @Test
                    void packVersionIsTheProjectVersion() throws Exception {
                        String yaml = Files.readString(Path.of("pack.yaml"));
                        String version = yaml.lines().filter(l -> l.startsWith("version:")).findFirst().orElse("")
                                .substring("version:".length()).trim();
                        assertEquals(System.getProperty("pack.version"), version, "pack.yaml's version and the pom's differ");
                    }
                }
                """.formatted(pkg, name));
        files.put("README.md", """
                # %1$s: a netspec rule pack

                - `netspec rules test .`: run the fixtures under `tests/<rule-id>/`.
                - `netspec check k8s/ --rules .`: try the pack on manifests.
                - `netspec rules list --no-builtin --rules . --format markdown --output-dir docs`: regenerate
                  the docs (the build fails while they are stale).
                - `mvn verify`: the same checks, and `target/%1$s-VERSION.jar`, the pack to publish
                  (`mvn deploy` to your organisation's repository; sign it with `jarsigner` if you like:
                  netspec verifies signed jars).
                - Consumers: `--rules %2$s:%1$s:VERSION`, or in `.netspec.yaml`:
                  `packs: [{maven: "%2$s:%1$s:VERSION", sha256: HEX}]`.

                Releasing: raise `version` in `pack.yaml` and `pom.xml` together (semantic versioning: a new
                rule or a stricter severity is a minor or major change for the teams that pin you), and
                `requires` when the rules use something a newer netspec brings.
                """.formatted(name, groupId));
        return files;
    }

    static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
