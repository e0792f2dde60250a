package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the rules command lands; replaced by its owner. */
@Command(name = "rules", description = "(not yet available)")
final class RulesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec rules: not available in this build");
        return ExitCodes.USAGE;
    }
}
