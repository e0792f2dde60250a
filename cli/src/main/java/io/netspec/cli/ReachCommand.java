package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the reach command lands; replaced by its owner. */
@Command(name = "reach", description = "(not yet available)")
final class ReachCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec reach: not available in this build");
        return ExitCodes.USAGE;
    }
}
