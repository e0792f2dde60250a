package io.netspec.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code netspec check}: runs the built-in and configured rule packs over the manifests and fails the
 * build on findings at or above {@code failOn}. Bound to {@code verify} when the plugin is configured
 * with this goal.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = false, requiresProject = true)
public class CheckMojo extends NetspecMojo {

    /** Lowest severity that fails the build: error, warning or info. */
    @Parameter(property = "netspec.failOn")
    String failOn;

    /** Report format: text, json, junit, sarif, github or markdown. */
    @Parameter(property = "netspec.format", defaultValue = "text")
    String format;

    /** Write the report to this file instead of the build log. */
    @Parameter(property = "netspec.output")
    File output;

    /** A baseline file: only findings not in it count. */
    @Parameter(property = "netspec.baseline")
    File baseline;

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(manifestPaths());
        if (failOn != null) {
            args.add("--fail-on");
            args.add(failOn);
        }
        args.add("--format");
        args.add(format);
        if (output != null) {
            args.add("--output");
            args.add(output.getPath());
        }
        if (baseline != null) {
            args.add("--baseline");
            args.add(baseline.getPath());
        }
        args.addAll(packArguments());
        args.addAll(configArguments());
        return args;
    }

    @Override
    String failureMessage() {
        return "findings at or above the gate" + (failOn == null ? "" : " (" + failOn + ")");
    }
}
