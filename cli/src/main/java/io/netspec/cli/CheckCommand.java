package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the check command lands; replaced by its owner. */
@Command(name = "check", description = "(not yet available)")
final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec check: not available in this build");
        return ExitCodes.USAGE;
    }
}
