package io.netspec.engine.rules.packs;

import io.netspec.engine.model.Printable;

/** Something wrong with a rule pack, as a value: {@code file:line: message} (line 0: unknown). */
public record PackProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return Printable.line(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }
}
