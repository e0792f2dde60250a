package io.netspec.engine.report;

import java.nio.file.Path;

/**
 * What renderers need besides the findings: the tool version, and the working directory that
 * file names are made relative to (SARIF needs relative URIs for code review to place them).
 */
public record ReportContext(String toolVersion, Path workingDir) {

    public static ReportContext here(String toolVersion) {
        return new ReportContext(toolVersion, Path.of("").toAbsolutePath());
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
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }
}
