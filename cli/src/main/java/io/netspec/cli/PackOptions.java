package io.netspec.cli;

import io.netspec.engine.rules.Pack;
import io.netspec.engine.rules.PackException;
import io.netspec.engine.rules.PackLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which rule packs a command uses: the built-in ones plus {@code --rules DIR|JAR}, repeatable. */
final class PackOptions {

    @Option(names = "--rules", paramLabel = "DIR|JAR",
            description = "An organisation rule pack: a folder with pack.yaml and .drl files, a folder of such "
                    + "packs, or a jar of them. Repeatable; added to the built-in packs.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave the built-in packs out (only --rules packs run).")
    boolean noBuiltin;

    List<Pack> packs(List<Path> extra) throws PackException {
        List<Pack> packs = new ArrayList<>(noBuiltin ? List.of() : PackLoader.builtIn());
        for (Path p : extra) {
            packs.addAll(PackLoader.load(p));
        }
        for (Path p : rules) {
            packs.addAll(PackLoader.load(p));
        }
        return packs;
    }
}
