package io.netspec.engine.rules.packs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Verifies a pack jar's signatures when it has any. A signed jar whose content changed after
 * signing (a rule downgraded from error to info, a file added or replaced) is rejected; an
 * unsigned jar passes (pin it with {@code sha256} in {@code .netspec.yaml} instead).
 *
 * <p>The JDK does the cryptography: reading an entry of a {@code JarFile} opened with
 * {@code verify=true} checks its digest against the signed manifest and throws
 * {@link SecurityException} on a mismatch. What the JDK leaves to the caller is checked here:
 * every entry that is not signature metadata must be signed, by the same signers as the others
 * (an entry added to a signed jar has no signer at all). Who the signer is, is not judged: that
 * is a trust decision this check does not make.
 */
public final class JarSignatures {

    private JarSignatures() {}

    /** The signers' names ({@code CN=...}) when the jar is signed and intact; empty when unsigned. */
    public static List<String> verify(Path jar, String shown) throws PackException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            List<JarEntry> entries = new ArrayList<>();
            boolean signed = false;
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (isSignatureFile(entry.getName())) {
                    signed = true;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end is what makes the JDK check the entry's digest
                    }
                }
                entries.add(entry);
            }
            if (!signed) {
                return List.of();
            }
            Set<String> expected = null;
            for (JarEntry entry : entries) {
                if (isMetadata(entry.getName())) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw tampered(
                            shown,
                            entry.getName() + " is not signed, but the jar is: it was added or changed "
                                    + "after signing");
                }
                Set<String> names = names(signers);
                if (expected == null) {
                    expected = names;
                } else if (!expected.equals(names)) {
                    throw tampered(
                            shown, entry.getName() + " is signed by " + names + ", other entries by " + expected);
                }
            }
            return expected == null ? List.of() : expected.stream().sorted().toList();
        } catch (SecurityException e) {
            throw tampered(shown, e.getMessage());
        } catch (IOException e) {
            throw new PackException(new PackProblem(shown, 0, "cannot read jar: " + e.getMessage()));
        }
    }

    private static PackException tampered(String shown, String why) {
        return new PackException(new PackProblem(
                shown,
                0,
                "signed jar fails verification (" + why
                        + "); it was changed after signing: get the pack again from its publisher"));
    }

    private static Set<String> names(CodeSigner[] signers) {
        Set<String> out = new HashSet<>();
        Arrays.stream(signers)
                .forEach(s -> out.add(
                        s.getSignerCertPath().getCertificates().isEmpty()
                                ? "?"
                                : ((X509Certificate) s.getSignerCertPath()
                                                .getCertificates()
                                                .get(0))
                                        .getSubjectX500Principal()
                                        .getName()));
        return out;
    }

    /** {@code META-INF/*.SF}: present only in signed jars. */
    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0 && upper.endsWith(".SF");
    }

    /** The manifest and signature files, which are not themselves signed entries. */
    private static boolean isMetadata(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF")
                || upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".DSA")
                || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }
}
