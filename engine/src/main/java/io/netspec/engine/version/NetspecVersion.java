package io.netspec.engine.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The running netspec's version and the git commit it was built from, as the build wrote them
 * to {@code netspec/build.properties} (see engine/pom.xml).
 *
 * <p>Version scheme: the Maven project version, semantic versioning. A release is
 * {@code MAJOR.MINOR.PATCH} (0.2.0); between releases the tree carries the next release's
 * {@code -SNAPSHOT}. Packs' {@code requires} ranges are checked against the {@linkplain
 * #compatibility() release} a build is heading for, so a 0.2.0-SNAPSHOT build runs packs that
 * require {@code >=0.2.0}.
 *
 * @param commit the abbreviated commit, empty when not built from a git checkout
 */
public record NetspecVersion(SemVer version, String commit) {

    static final String RESOURCE = "netspec/build.properties";
    private static final SemVer UNKNOWN = new SemVer(0, 0, 0, "unknown", "");
    private static final NetspecVersion CURRENT = read();

    public static NetspecVersion current() {
        return CURRENT;
    }

    /** The version packs' {@code requires} is checked against. */
    public SemVer compatibility() {
        return version.release();
    }

    /** {@code 0.2.0-SNAPSHOT (commit 1a2b3c4d5e6f)}, or the version alone. */
    public String describe() {
        return version + (commit.isEmpty() ? "" : " (commit " + commit + ")");
    }

    private static NetspecVersion read() {
        Properties p = new Properties();
        try (InputStream in = NetspecVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the version unknown; nothing else depends on it failing loudly
        }
        SemVer v = SemVer.parse(p.getProperty("version", "")).orElse(UNKNOWN);
        return new NetspecVersion(v, p.getProperty("commit", "").trim());
    }
}
