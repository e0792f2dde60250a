package io.netspec.engine.report.findings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What renderers need besides the findings: the tool version, the working directory that
 * file names are made relative to (SARIF needs relative URIs for code review to place them), and
 * which configuration the run used, shown in every format (a CI reviewer must see whether a
 * pull request's own {@code .netspec.yaml} was trusted).
 *
 * @param config the config file read, or {@link #NO_CONFIG}
 */
public record ReportContext(String toolVersion, Path workingDir, String config) {

    /** What {@link #config} says when no config file was read. */
    public static final String NO_CONFIG = "none";

    public ReportContext(String toolVersion, Path workingDir) {
        this(toolVersion, workingDir, NO_CONFIG);
    }

    public static ReportContext here(String toolVersion) {
        return new ReportContext(toolVersion, Path.of("").toAbsolutePath());
    }

    public ReportContext withConfig(String configUsed) {
        return new ReportContext(toolVersion, workingDir, configUsed);
    }

    /** The file as a path relative to the working directory, with {@code /}; unchanged when outside it. */
    public String relative(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            Path wd = workingDir.toAbsolutePath().normalize();
            Path n = p.normalize();
            if (n.startsWith(wd)) {
                p = wd.relativize(n);
            }
        }
        return p.toString().replace('\\', '/');
    }

    /** A URI reference for the file: relative to the working directory when inside it, else {@code file:}. */
    public String uri(String file) {
        String rel = relative(file);
        if (Path.of(rel).isAbsolute()) {
            return Path.of(rel).toUri().toString();
        }
        StringBuilder out = new StringBuilder();
        for (char c : rel.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }
}
