package io.netspec.cli;

import io.netspec.cli.packs.PackSources;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.packs.PackRef;
import io.netspec.engine.rules.runtime.Timing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which rule packs a command uses: the built-in ones plus {@code --rules DIR|JAR|G:A:V}, repeatable. */
final class PackOptions {

    @Option(
            names = "--rules",
            paramLabel = "DIR|JAR|G:A:V",
            description = "An organisation rule pack: a folder with pack.yaml and .drl files, a folder of such "
                    + "packs, a jar of them, or Maven coordinates GROUP:ARTIFACT:VERSION resolved through "
                    + "~/.m2/settings.xml (mirrors, credentials, offline mode, local repository). Repeatable; "
                    + "added to the built-in packs.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave the built-in packs out (only --rules packs run).")
    boolean noBuiltin;

    @Option(
            names = "--offline",
            description = "Resolve packs named by Maven coordinates from the local repository "
                    + "only (as settings.xml's <offline>true</offline> does).")
    boolean offline;

    /** The packs: built-in, then {@code config}'s, then {@code --rules}. */
    List<Pack> packs(List<PackRef> config) throws PackException {
        List<Pack> packs = new ArrayList<>(noBuiltin ? List.of() : PackLoader.builtIn());
        // the loader sits below the runtime that owns the start-up checkpoints, so its caller marks them
        Timing.mark("built-in packs read");
        packs.addAll(PackSources.load(config, offline));
        packs.addAll(PackSources.load(flagRefs(), offline));
        return packs;
    }

    /** {@code --rules} as references: coordinates or paths. */
    List<PackRef> flagRefs() {
        return rules.stream()
                .map(r -> PackRef.of(r, Path.of(""), Optional.empty(), "--rules " + r))
                .toList();
    }
}
