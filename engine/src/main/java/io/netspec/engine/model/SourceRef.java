package io.netspec.engine.model;

/** Where a fact came from: a file (or {@code <stdin>}) and a 1-based line. */
public record SourceRef(String file, int line) {

    public static final SourceRef UNKNOWN = new SourceRef("<unknown>", 0);

    public SourceRef {
        file = file == null ? "<unknown>" : file;
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
