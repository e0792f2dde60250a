package io.netspec.engine.rules.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.drools.base.rule.EntryPointId;
import org.drools.core.impl.InternalRuleBase;
import org.kie.api.KieBase;

/**
 * The facts a rule base's patterns can match, read from its network: a fact whose class no object type node of the
 * default entry point accepts reaches no rule, so a session of that base need not hold it. Each lane of the built-in
 * rules reads a part of the facts only (the second lane no policy or Selects fact), and a fact left out costs no
 * handle, identity-map entry or propagation: at XL-XXL a check inserts several hundred thousand facts per lane.
 *
 * <p>Read when the unit is made, before any session: a session may add nodes for the concrete classes it is given,
 * which would only widen the answer. Every kind of node is taken as it is: an {@code Object()} pattern accepts every
 * fact, and a node of a type that is not a class (a prototype) makes every fact read.
 */
final class FactTypes {

    /** Every fact: for rule bases whose network cannot be read. */
    static final FactTypes ALL = new FactTypes(null);

    private final List<ObjectType> types;
    private final Map<Class<?>, Boolean> byClass = new ConcurrentHashMap<>();

    private FactTypes(List<ObjectType> types) {
        this.types = types;
    }

    /** The types {@code base}'s rules read from working memory. */
    static FactTypes of(KieBase base) {
        if (!(base instanceof InternalRuleBase internal)) {
            return ALL;
        }
        List<ObjectType> types = List.copyOf(
                internal.getRete().getObjectTypeNodes(EntryPointId.DEFAULT).keySet());
        return types.stream().allMatch(t -> t instanceof ClassObjectType) ? new FactTypes(types) : ALL;
    }

    /** True when some pattern of the rule base can match {@code fact}. */
    boolean reads(Object fact) {
        if (types == null) {
            return true;
        }
        Class<?> type = fact.getClass();
        Boolean known = byClass.get(type);
        if (known == null) {
            known = types.stream().anyMatch(t -> t.isAssignableFrom(type));
            byClass.put(type, known);
        }
        return known;
    }

    /** The classes of the rule base's patterns, by name (for tests and errors). */
    List<String> names() {
        return types == null
                ? List.of("*")
                : types.stream().map(ObjectType::getClassName).sorted().toList();
    }
}
