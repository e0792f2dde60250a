package io.netspec.cli.packs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;

/**
 * A file-based Maven repository that test packs are published to as an organisation would:
 * {@code group/artifact/version/artifact-version.jar} with its pom and SHA-1 checksums; and the
 * jar tools a publisher (or an attacker) uses: build, sign with a throwaway key, tamper.
 */
final class PackRepository {

    static final String GROUP = "com.acme";
    static final String ARTIFACT = "acme-net-pack";

    final Path root;

    PackRepository(Path root) {
        this.root = root;
    }

    /** The acme-net pack at {@code version}: one rule, host-network, at {@code severity}. */
    static Map<String, String> pack(String version, String severity, String extraManifest) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "pack.yaml",
                "name: acme-net\nversion: " + version + "\ndescription: ACME network rules\n" + extraManifest);
        files.put("acme/net/host-network.drl", """
                package acme.net;

                import io.netspec.engine.model.*;
                import function io.netspec.engine.rules.Report.report;

                rule "acme host network"
                    @id("acme-host-network")
                    @severity("%s")
                    @title("Workload uses the host network")
                    @remediation("Remove hostNetwork: true from the pod template.")
                when
                    $w : Workload(hostNetwork)
                then
                    report(drools, $w, "workload {w} uses the host network", "w", $w.id());
                end
                """.formatted(severity));
        return files;
    }

    static byte[] jar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new JarEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Publishes {@code jar} as {@code com.acme:acme-net-pack:version}; returns the jar's path in the repository. */
    Path publish(String version, byte[] jar) throws Exception {
        Path dir = Files.createDirectories(
                root.resolve(GROUP.replace('.', '/')).resolve(ARTIFACT).resolve(version));
        String base = ARTIFACT + "-" + version;
        byte[] pom = ("<project><modelVersion>4.0.0</modelVersion><groupId>" + GROUP + "</groupId><artifactId>"
                        + ARTIFACT + "</artifactId><version>" + version + "</version></project>\n")
                .getBytes(StandardCharsets.UTF_8);
        write(dir.resolve(base + ".pom"), pom);
        return write(dir.resolve(base + ".jar"), jar);
    }

    private static Path write(Path file, byte[] content) throws Exception {
        Files.write(file, content);
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), digest("SHA-1", content));
        return file;
    }

    static String digest(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** Signs {@code jar} with a key pair made now by keytool (a throwaway keystore in {@code dir}). */
    static byte[] sign(byte[] jar, Path dir) throws Exception {
        Path keystore = dir.resolve("signing.p12");
        if (!Files.exists(keystore)) {
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-keystore",
                            keystore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            "changeit",
                            "-keypass",
                            "changeit",
                            "-alias",
                            "acme",
                            "-keyalg",
                            "EC",
                            "-dname",
                            "CN=ACME Network Team",
                            "-validity",
                            "2")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        }
        KeyStore ks = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
        KeyStore.PrivateKeyEntry key = (KeyStore.PrivateKeyEntry)
                ks.getEntry("acme", new KeyStore.PasswordProtection("changeit".toCharArray()));
        Path unsigned = Files.write(dir.resolve("unsigned-" + System.nanoTime() + ".jar"), jar);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(unsigned.toFile())) {
            new JarSigner.Builder(key).build().sign(in, signed);
        }
        return signed.toByteArray();
    }

    /** The jar with {@code entry}'s content changed by {@code edit}, everything else (signatures too) kept. */
    static byte[] tamper(byte[] jar, String entry, UnaryOperator<String> edit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    content = edit.apply(new String(content, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A settings.xml whose active profile names the repository under an id that only a mirror
     * makes reachable; the mirror also stands for Maven Central, so the test never goes online.
     */
    String settings(Path localRepository) {
        return """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>acme-mirror</id><mirrorOf>acme-releases,central</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>acme</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <repositories>
                        <repository><id>acme-releases</id><url>file:///nonexistent/acme-releases</url></repository>
                      </repositories>
                    </profile>
                  </profiles>
                </settings>
                """.formatted(localRepository, root.toUri());
    }
}
