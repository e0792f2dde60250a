package io.netspec.engine.load;

/** What the parser already knows about a document's nodes, so that {@link DocumentChecks} does only what is left. */
enum NodeShape {
    /**
     * Composed by {@link BlockYaml} from a slice without duplicate keys or non-standard tags: a tree with nothing
     * for {@link DocumentChecks} to find, so it is not walked again.
     */
    CHECKED_TREE,
    /** No aliases: a tree, each node in it once; tags and keys still to check. */
    TREE,
    /** The document uses aliases: nodes may be shared, so their expansion is bounded too. */
    SHARED
}
