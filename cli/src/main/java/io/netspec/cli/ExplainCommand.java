package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the explain command lands; replaced by its owner. */
@Command(name = "explain", description = "(not yet available)")
final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec explain: not available in this build");
        return ExitCodes.USAGE;
    }
}
