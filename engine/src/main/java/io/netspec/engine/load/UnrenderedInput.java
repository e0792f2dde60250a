package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sources that are not manifests yet: a Helm chart (a folder with {@code Chart.yaml}, whose
 * templates hold {@code {{ }}}) or a kustomize tree (a folder with {@code kustomization.yaml}).
 * Reading their files as manifests would analyse a fraction of the objects, with the wrong names
 * and namespaces, or fail on template syntax; so they are an error that names the exact command
 * to render them, never a silent partial read.
 */
public final class UnrenderedInput {

    private static final Set<String> KUSTOMIZATION = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String CHART = "Chart.yaml";

    /** What a source tree is. */
    public enum Kind {
        HELM_CHART,
        KUSTOMIZE
    }

    /** A source tree rooted at {@code root}, recognised by {@code marker} (its Chart.yaml or kustomization file). */
    public record Tree(Kind kind, Path root, Path marker) {

        /** The command that renders it to a file. */
        public String command() {
            String dir = root.toString();
            return switch (kind) {
                case KUSTOMIZE -> "kubectl kustomize " + dir + " > " + rendered(root);
                case HELM_CHART -> "helm template RELEASE " + dir + " --namespace NAMESPACE > " + rendered(root);
            };
        }

        /** The error: what the folder is and how to render it. */
        public String message() {
            return switch (kind) {
                case KUSTOMIZE ->
                    "a kustomize source tree, not rendered manifests: render it first with `" + command()
                            + "` (or `kustomize build " + root + "`) and give netspec the output, or add --render to"
                            + " have netspec run kubectl kustomize";
                case HELM_CHART ->
                    "a Helm chart, not rendered manifests (its templates hold {{ }}): render it first" + " with `"
                            + command() + "` (with your values: -f values.yaml) and give netspec the output";
            };
        }
    }

    private UnrenderedInput() {}

    /** The tree that {@code file} marks (a Chart.yaml or kustomization file), if it is one. */
    public static Optional<Tree> markedBy(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        Path root = parentOf(file);
        if (KUSTOMIZATION.contains(name.toString())) {
            return Optional.of(new Tree(Kind.KUSTOMIZE, root, file));
        }
        if (name.toString().equals(CHART)) {
            return Optional.of(new Tree(Kind.HELM_CHART, root, file));
        }
        return Optional.empty();
    }

    /**
     * The outermost trees among {@code files} (a folder's files, in path order): a tree inside another
     * (a kustomize base or component, a chart a kustomization inflates) is rendered with it, so one
     * error names the command for the whole tree, not one per nested folder.
     */
    public static List<Tree> among(List<Path> files) {
        List<Tree> all = files.stream()
                .map(UnrenderedInput::markedBy)
                .flatMap(Optional::stream)
                .toList();
        return all.stream()
                .filter(t -> all.stream().noneMatch(outer -> strictlyInside(t.root(), outer.root())))
                .toList();
    }

    private static boolean strictlyInside(Path root, Path outer) {
        Path r = root.normalize();
        Path o = outer.normalize();
        return !r.equals(o) && r.startsWith(o);
    }

    /** True when {@code file} lies inside one of the trees. */
    static boolean inside(Path file, List<Tree> trees) {
        return trees.stream().anyMatch(t -> file.normalize().startsWith(t.root().normalize()));
    }

    /** The problem for one tree, at its marker file's first line. */
    static LoadProblem problem(Tree tree) {
        return LoadProblem.error(new SourceRef(tree.marker().toString(), 1), tree.message());
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static String rendered(Path root) {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return (name == null ? "manifests" : name.toString()) + ".rendered.yaml";
    }
}
