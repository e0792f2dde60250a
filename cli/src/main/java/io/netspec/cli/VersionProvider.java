package io.netspec.cli;

import picocli.CommandLine;

/** Reads the version Maven stamped into the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"netspec " + (v == null ? "development build" : v)};
    }
}
