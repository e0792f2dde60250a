package io.netspec.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the inventory command lands; replaced by its owner. */
@Command(name = "inventory", description = "(not yet available)")
final class InventoryCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("netspec inventory: not available in this build");
        return ExitCodes.USAGE;
    }
}
