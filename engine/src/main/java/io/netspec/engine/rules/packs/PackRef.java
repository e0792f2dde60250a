package io.netspec.engine.rules.packs;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pack comes from, as {@code --rules} or {@code .netspec.yaml}'s {@code packs:} name it:
 * a folder or jar on disk, or Maven coordinates {@code GROUP:ARTIFACT:VERSION} resolved from the
 * repositories the user's Maven settings configure. Either may carry a {@code sha256} pin of
 * the jar, checked on every load.
 */
public sealed interface PackRef {

    /** {@code GROUP:ARTIFACT:VERSION}; a path never matches (it has a slash, or no two colons). */
    Pattern COORDINATES = Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_.+-]+)");

    /** A SHA-256 digest in hexadecimal. */
    Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** The expected SHA-256 of the pack's jar, lower-case hexadecimal. */
    Optional<String> sha256();

    /** Where the reference was written ({@code .netspec.yaml:7}, {@code --rules}), for errors. */
    String origin();

    /** A folder or jar on disk. */
    record Local(Path path, Optional<String> sha256, String origin) implements PackRef {}

    /** A pack jar published to a Maven repository. */
    record Maven(String groupId, String artifactId, String version, Optional<String> sha256, String origin)
            implements PackRef {
        public String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        @Override
        public String toString() {
            return coordinates();
        }
    }

    /** Coordinates when {@code text} is {@code G:A:V}, else a path resolved against {@code base}. */
    static PackRef of(String text, Path base, Optional<String> sha256, String origin) {
        Matcher m = COORDINATES.matcher(text.trim());
        if (m.matches()) {
            return new Maven(m.group(1), m.group(2), m.group(3), sha256, origin);
        }
        return new Local(base.resolve(text.trim()), sha256, origin);
    }
}
