package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the test command lands; replaced by its owner. */
@Command(name = "test", description = "(not yet available)")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec test: not available in this build");
        return ExitCodes.USAGE;
    }
}
