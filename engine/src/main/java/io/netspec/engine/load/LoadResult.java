package io.netspec.engine.load;

import io.netspec.engine.model.Cluster;
import java.util.List;

/** The facts read from the inputs and every problem found on the way. */
public record LoadResult(Cluster cluster, List<LoadProblem> problems) {

    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(LoadProblem::isError);
    }

    public List<LoadProblem> errors() {
        return problems.stream().filter(LoadProblem::isError).toList();
    }
}
