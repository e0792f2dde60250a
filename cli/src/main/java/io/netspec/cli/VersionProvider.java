package io.netspec.cli;

import io.netspec.engine.version.NetspecVersion;
import picocli.CommandLine;

/** {@code netspec 0.2.0 (commit 1a2b3c4d5e6f)}: the version and commit the build stamped (see {@link NetspecVersion}). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"netspec " + NetspecVersion.current().describe()};
    }
}
