package io.netspec.engine.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of fact a {@link Cluster} holds, as registered in {@link ObjectKinds}: everything the
 * engine needs to handle its facts without naming the kind.
 *
 * @param name             plural, camelCase: the inventory's section ({@code workloads}, {@code routes})
 * @param type             the fact's record type; a fact belongs to the kind registered for its exact class
 * @param key              what makes two facts the same object, so that a what-if replaces one by the other
 * @param ruleFact         inserted into the rule session (and its objects' waiver annotations checked)
 * @param impliesNamespace a fact's namespace exists even when no Namespace object declares it
 */
public record ObjectKind<T extends ObjectFact>(
        String name, Class<T> type, Function<? super T, String> key, boolean ruleFact, boolean impliesNamespace) {

    public ObjectKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    /** A kind whose facts are the same object when their {@link ObjectFact#id} agrees. */
    public static <T extends ObjectFact> ObjectKind<T> of(
            String name, Class<T> type, boolean ruleFact, boolean impliesNamespace) {
        return new ObjectKind<>(name, type, ObjectFact::id, ruleFact, impliesNamespace);
    }

    /** {@code fact}'s identity within this kind. */
    public String keyOf(ObjectFact fact) {
        return key.apply(type.cast(fact));
    }

    /** Kinds are compared by name and type: the key function has no useful equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectKind<?> k && k.name.equals(name) && k.type.equals(type);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
