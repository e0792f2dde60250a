package io.netspec.maven;

import io.netspec.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals share: the manifests, the rule packs (paths, coordinates, and pack jars given as
 * plugin dependencies), the configuration file, and the mapping of netspec's exit codes onto Maven's
 * outcomes: 1 (findings at or above the gate, or failed specs) fails the build, 2 (bad input) is an
 * execution error.
 */
abstract class NetspecMojo extends AbstractMojo {

    /** Manifests to analyse: files or folders (read recursively). */
    @Parameter(property = "netspec.manifests", defaultValue = "${project.basedir}/k8s")
    List<File> manifests;

    /**
     * Extra rule packs: folders, jars, or GROUP:ARTIFACT:VERSION coordinates. Pack jars may also be
     * declared as dependencies of this plugin: every plugin dependency with a {@code pack.yaml} at its
     * root is loaded.
     */
    @Parameter(property = "netspec.rules")
    List<String> rules = new ArrayList<>();

    /** A {@code .netspec.yaml}; by default the one in the project's folder, if any. */
    @Parameter(property = "netspec.config")
    File config;

    /** Skip netspec. */
    @Parameter(property = "netspec.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** The netspec command line for this goal (without the command name's own options added here). */
    abstract List<String> arguments() throws MojoExecutionException;

    /** What exit 1 means for this goal, for the build failure message. */
    abstract String failureMessage();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("netspec: skipped");
            return;
        }
        List<String> args = arguments();
        getLog().debug("netspec " + String.join(" ", args));
        int status = runInProcess(args);
        switch (status) {
            case 0 -> {}
            case 1 -> throw new MojoFailureException("netspec: " + failureMessage() + " (see above)");
            default ->
                throw new MojoExecutionException(
                        "netspec could not read its input (exit " + status + "); the problems are listed above");
        }
    }

    /** Runs netspec with this plugin's class loader as the context loader (Drools and Cucumber look there). */
    private int runInProcess(List<String> args) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            return Main.run(args.toArray(String[]::new));
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** {@code --rules X} for each configured pack and each plugin dependency that is a pack jar. */
    List<String> packArguments() throws MojoExecutionException {
        List<String> out = new ArrayList<>();
        for (String r : rules) {
            out.add("--rules");
            out.add(r);
        }
        for (Artifact a : pluginArtifacts) {
            File file = a.getFile();
            if (file != null && file.getName().endsWith(".jar") && isPackJar(file)) {
                getLog().info("netspec: rule pack " + a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
                out.add("--rules");
                out.add(file.getPath());
            }
        }
        return out;
    }

    List<String> configArguments() {
        List<String> out = new ArrayList<>();
        if (config != null) {
            out.add("--config");
            out.add(config.getPath());
        }
        return out;
    }

    List<String> manifestPaths() throws MojoExecutionException {
        List<String> out = new ArrayList<>();
        for (File f : manifests) {
            File abs = f.isAbsolute() ? f : new File(basedir, f.getPath());
            if (!abs.exists()) {
                throw new MojoExecutionException(
                        "netspec: no such file or folder: " + abs + " (set <manifests> in the plugin's configuration)");
            }
            out.add(abs.getPath());
        }
        return out;
    }

    private static boolean isPackJar(File jar) throws MojoExecutionException {
        try (FileSystem fs = FileSystems.newFileSystem(jar.toPath(), (ClassLoader) null)) {
            return Files.isRegularFile(fs.getPath("/pack.yaml"));
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "netspec: cannot read plugin dependency " + jar + ": " + e.getMessage(), e);
        }
    }
}
