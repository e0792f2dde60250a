package io.netspec.engine.rules.packs;

import java.util.List;
import java.util.stream.Collectors;

/** A pack could not be read or compiled, or a rule broke at run time. The CLI prints each problem and exits 2. */
public final class PackException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PackProblem> problems;

    public PackException(List<PackProblem> problems) {
        super(problems.stream().map(PackProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public PackException(PackProblem problem) {
        this(List.of(problem));
    }

    public List<PackProblem> problems() {
        return problems;
    }
}
