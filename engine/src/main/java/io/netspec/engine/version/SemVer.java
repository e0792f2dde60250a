package io.netspec.engine.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version ({@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}) with the
 * spec's precedence: numeric parts, then a release above its pre-releases, pre-release
 * identifiers compared numerically or lexically; build metadata ignored. Hand-written because
 * the spec is one regular expression and one comparison, and pack versions must not pull a
 * library onto netspec's start-up path.
 */
public record SemVer(int major, int minor, int patch, String preRelease, String build) implements Comparable<SemVer> {

    /** The regular expression semver.org suggests, with named groups dropped. */
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    public SemVer {
        preRelease = preRelease == null ? "" : preRelease;
        build = build == null ? "" : build;
    }

    public static Optional<SemVer> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemVer(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                m.group(4),
                m.group(5)));
    }

    /** This version without pre-release and build parts: {@code 0.2.0-SNAPSHOT} gives {@code 0.2.0}. */
    public SemVer release() {
        return new SemVer(major, minor, patch, "", "");
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        c = c != 0 ? c : Integer.compare(patch, o.patch);
        if (c != 0 || preRelease.equals(o.preRelease)) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return preRelease.isEmpty() ? 1 : -1;
        }
        String[] a = preRelease.split("\\.");
        String[] b = o.preRelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].chars().allMatch(Character::isDigit);
            boolean bn = b[i].chars().allMatch(Character::isDigit);
            int d = an && bn
                    ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]))
                    : an != bn ? (an ? -1 : 1) : a[i].compareTo(b[i]);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }
}
