package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cilium endpoint selector over identity labels, with source prefixes resolved: keys that test pod labels
 * ({@code k8s:}, {@code any:} or none) are kept bare; a key of another source ({@code reserved:host},
 * {@code cidr:...}) can never hold for a pod, so such a selector selects no pod.
 */
public record CiliumSelector(Selector labels, boolean otherSources) {

    public static CiliumSelector of(Selector written) {
        Map<String, String> match = new LinkedHashMap<>();
        List<LabelRequirement> expressions = new ArrayList<>();
        boolean other = false;
        for (Map.Entry<String, String> e : written.matchLabels().entrySet()) {
            if (CiliumIdentity.testsPodLabels(e.getKey())) {
                match.put(CiliumIdentity.bare(e.getKey()), e.getValue());
            } else {
                other = true;
            }
        }
        for (LabelRequirement r : written.matchExpressions()) {
            if (CiliumIdentity.testsPodLabels(r.key())) {
                expressions.add(new LabelRequirement(CiliumIdentity.bare(r.key()), r.operator(), r.values()));
            } else if (r.operator() == LabelRequirement.Operator.IN
                    || r.operator() == LabelRequirement.Operator.EXISTS) {
                other = true; // requires a label no pod has
            }
        }
        return new CiliumSelector(new Selector(match, expressions), other);
    }

    /** The reserved entity a selector such as {@code reserved:world} names, when it names exactly one. */
    public static Optional<String> reservedEntity(Selector written) {
        if (written.matchLabels().size() == 1 && written.matchExpressions().isEmpty()) {
            String key = written.matchLabels().keySet().iterator().next();
            if (CiliumIdentity.source(key).equals("reserved")) {
                return Optional.of(CiliumIdentity.bare(key));
            }
        }
        return Optional.empty();
    }

    /** True when written with a source Cilium keeps apart from pod labels ({@code reserved:}...). */
    public static boolean namesReserved(Selector written) {
        return written.keys().stream().anyMatch(k -> CiliumIdentity.source(k).equals("reserved"));
    }

    public boolean hasKey(String bareKey) {
        return labels.keys().contains(bareKey);
    }

    public boolean hasKeyPrefix(String prefix) {
        return labels.keys().stream().anyMatch(k -> k.startsWith(prefix));
    }

    public CiliumSelector withMatch(String key, String value) {
        Map<String, String> match = new LinkedHashMap<>(labels.matchLabels());
        match.put(key, value);
        return new CiliumSelector(new Selector(match, labels.matchExpressions()), otherSources);
    }

    public CiliumSelector withExists(String key) {
        List<LabelRequirement> expressions = new ArrayList<>(labels.matchExpressions());
        expressions.add(new LabelRequirement(key, LabelRequirement.Operator.EXISTS, List.of()));
        return new CiliumSelector(new Selector(labels.matchLabels(), expressions), otherSources);
    }

    public boolean matchesPod(Map<String, String> identity) {
        return !otherSources && labels.matches(identity);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
