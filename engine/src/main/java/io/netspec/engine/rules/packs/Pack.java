package io.netspec.engine.rules.packs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A rule pack: DRL files plus {@code pack.yaml} (see {@link PackManifest}).
 *
 * @param version   a semantic version, validated when the pack was read
 *
 * @param location  how errors name the pack's files: a directory as given, {@code x.jar!}, or
 *                  {@code builtin:<name>} for packs shipped on the classpath
 * @param drlFiles  the pack's {@code .drl} files, paths relative to the pack root with {@code /}
 * @param testsDir  the pack's fixture folder ({@code <pack>/tests}) when the pack is a directory
 */
public record Pack(
        String name,
        String version,
        String description,
        String location,
        List<DrlFile> drlFiles,
        Optional<Path> testsDir) {

    public Pack {
        drlFiles = List.copyOf(drlFiles);
    }

    /** One DRL source of a pack. */
    public record DrlFile(String path, String content) {}

    /** True for the packs shipped on the classpath, which the build compiles ahead of time. */
    public boolean builtIn() {
        return location.startsWith("builtin:");
    }

    /** {@code name@version}: which pack produced a finding, in every report. */
    public String provenance() {
        return name + "@" + version;
    }

    /** How reports and errors name a file of this pack. */
    public String display(String relativePath) {
        return location + "/" + relativePath;
    }
}
