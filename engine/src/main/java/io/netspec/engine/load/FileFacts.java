package io.netspec.engine.load;

import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * What one input (a file, standard input, a string) contributed, in reading order: its problems and
 * its objects. Inputs are read in parallel, each into its own {@code FileFacts}, then merged into
 * {@link CollectedFacts} one after the other in input order, so that facts and problems come out in
 * the same order whichever thread finished first.
 *
 * <p>Holds facts and identities only, never the document nodes they were read from.
 */
final class FileFacts {

    /** Problems in the order they were found; {@link ReadContext} appends to it. */
    final List<LoadProblem> problems = new ArrayList<>();

    private final List<Added> added = new ArrayList<>();
    /** A Kubernetes object (or a list of them) was read, even one netspec does not analyse. */
    private boolean anyObject;

    /**
     * An object (or, with {@code display} null, a skipped document) and how many of this input's
     * problems were found before it, so that merging interleaves them exactly as a sequential read did.
     */
    private record Added(int problemsBefore, String identity, String display, Object fact, SourceRef source) {}

    void add(ObjectMeta meta, Object fact, SourceRef source) {
        added.add(new Added(problems.size(), meta.identity().orElse(null), meta.display(), fact, source));
    }

    /** A pod with a controlling owner: {@code w} already carries the owner's name and kind. */
    void addOwnedPod(ObjectMeta pod, Workload w, SourceRef source) {
        add(pod, new CollectedFacts.OwnedPod(w, pod.name()), source);
    }

    /** A ReplicaSet or Job whose controlling owner is {@code ownerId}: folded into it when it is in the input. */
    void addOwnedController(ObjectMeta meta, Workload w, String ownerId, SourceRef source) {
        add(meta, new CollectedFacts.OwnedController(w, ownerId), source);
    }

    void sawObject() {
        anyObject = true;
    }

    void skip(SkippedDocument document) {
        added.add(new Added(problems.size(), null, null, document, document.source()));
    }

    /** Appends this input's problems to {@code allProblems} and its objects to {@code all}, in reading order. */
    void mergeInto(CollectedFacts all, List<LoadProblem> allProblems) {
        if (anyObject) {
            all.sawObject();
        }
        int flushed = 0;
        for (Added a : added) {
            allProblems.addAll(problems.subList(flushed, a.problemsBefore()));
            flushed = a.problemsBefore();
            if (a.display() == null) {
                all.skipped.add((SkippedDocument) a.fact());
            } else {
                all.add(a.identity(), a.display(), a.fact(), a.source());
            }
        }
        allProblems.addAll(problems.subList(flushed, problems.size()));
    }
}
