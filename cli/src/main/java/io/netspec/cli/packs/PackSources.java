package io.netspec.cli.packs;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.packs.PackProblem;
import io.netspec.engine.rules.packs.PackRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns pack references into packs: coordinates through {@link MavenPacks}, then the
 * {@code sha256} pin (checked on every load, not only on download: a local repository can be
 * written by anyone with access to it), then {@link PackLoader} (which verifies jar signatures).
 */
public final class PackSources {

    private PackSources() {}

    public static List<Pack> load(List<PackRef> refs, boolean offline) throws PackException {
        List<Pack> packs = new ArrayList<>();
        for (PackRef ref : refs) {
            packs.addAll(load(ref, offline));
        }
        return packs;
    }

    /** The jar or folder a reference names, resolved and checked, without reading it as a pack. */
    public static Path locate(PackRef ref, boolean offline) throws PackException {
        // MavenPacks (and Maven Resolver with it) is loaded only on this branch
        Path path =
                ref instanceof PackRef.Maven maven ? MavenPacks.resolve(maven, offline) : ((PackRef.Local) ref).path();
        if (ref.sha256().isPresent()) {
            checkSha256(path, ref);
        }
        return path;
    }

    static List<Pack> load(PackRef ref, boolean offline) throws PackException {
        Path path = locate(ref, offline);
        return PackLoader.load(path, ref instanceof PackRef.Maven m ? m.coordinates() : path.toString());
    }

    private static void checkSha256(Path path, PackRef ref) throws PackException {
        String shown = ref instanceof PackRef.Maven m ? m.coordinates() + " (" + path + ")" : path.toString();
        if (!Files.isRegularFile(path)) {
            throw new PackException(
                    new PackProblem(ref.origin(), 0, "sha256 pins a jar, and " + shown + " is not a file"));
        }
        String actual;
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new PackException(new PackProblem(ref.origin(), 0, "cannot read " + shown + ": " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equals(ref.sha256().get())) {
            throw new PackException(new PackProblem(
                    ref.origin(),
                    0,
                    "sha256 of " + shown + " is " + actual
                            + ", not the pinned " + ref.sha256().get() + "; the jar changed since it was pinned: "
                            + "do not run it, find out why"));
        }
    }
}
