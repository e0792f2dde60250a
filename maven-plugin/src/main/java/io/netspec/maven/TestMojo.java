package io.netspec.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code netspec test}: runs Gherkin connectivity specs against the manifests and fails the build when
 * a scenario fails. Writes a JUnit XML report that CI servers pick up like surefire's.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = false, requiresProject = true)
public class TestMojo extends NetspecMojo {

    /** Feature files or folders (read recursively). */
    @Parameter(property = "netspec.specs", defaultValue = "${project.basedir}/specs")
    List<File> specs;

    /** The JUnit XML report (one test case per scenario). */
    @Parameter(property = "netspec.junit", defaultValue = "${project.build.directory}/netspec-junit.xml")
    File junit;

    /** Load the manifests given in {@code <manifests>} for every feature, besides their own Given steps. */
    @Parameter(property = "netspec.useManifests", defaultValue = "false")
    boolean useManifests;

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("test"));
        for (File f : specs) {
            File abs = f.isAbsolute() ? f : new File(basedir, f.getPath());
            if (!abs.exists()) {
                throw new MojoExecutionException("netspec: no such spec file or folder: " + abs
                        + " (set <specs> in the plugin's configuration)");
            }
            args.add(abs.getPath());
        }
        if (useManifests) {
            for (String m : manifestPaths()) {
                args.add("--manifests");
                args.add(m);
            }
        }
        junit.getAbsoluteFile().getParentFile().mkdirs();
        args.add("--junit");
        args.add(junit.getPath());
        args.addAll(packArguments());
        return args;
    }

    @Override
    String failureMessage() {
        return "connectivity specs failed";
    }
}
