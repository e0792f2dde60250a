package io.netspec.cli.diff;

import io.netspec.engine.connectivity.ReachDiff;
import java.util.List;

/**
 * One line of {@code netspec diff}'s result: a changed connection and its evidence, the NEW side's
 * rules that allow it (empty unless {@code --explain} and added).
 */
public record DiffLine(ReachDiff.Line line, List<String> evidence) {

    public DiffLine {
        evidence = List.copyOf(evidence);
    }
}
