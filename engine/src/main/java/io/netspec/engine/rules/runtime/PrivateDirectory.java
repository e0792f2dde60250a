package io.netspec.engine.rules.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** A directory only its owner may write: where code that will run (compiled packs) is kept. */
final class PrivateDirectory {

    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateDirectory() {}

    /** Creates {@code dir} (and missing parents) with mode 0700. */
    static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // the umask may have taken bits away, never added any; set exactly
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Why {@code dir} is not private to this user (not owned by them, or writable by others), if it is not. */
    static Optional<String> problem(Path dir) {
        if (!posix()) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                return Optional.of("not a directory (a symbolic link?)");
            }
            String me = System.getProperty("user.name");
            if (!a.owner().getName().equals(me)) {
                return Optional.of("owned by " + a.owner().getName() + ", not " + me);
            }
            if (a.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
                return Optional.of("others may write to it (mode " + PosixFilePermissions.toString(a.permissions())
                        + "); make it private with chmod 700");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read its attributes: " + e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
