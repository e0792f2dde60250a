package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.IgnoredObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Policy-like objects netspec does not analyse (another plugin's policies, Istio
 * AuthorizationPolicy, MultiNetworkPolicy...), from the data table {@code netspec/kinds/policy-kinds.txt}.
 * Only objects the loader left unanalysed count: once a kind has a reader it is a fact, not an
 * {@link IgnoredObject}, and drops out of this list by itself.
 */
public final class UnanalysedPolicies {

    private static final String TABLE = "/netspec/kinds/policy-kinds.txt";
    private static final Set<String> KINDS = load();

    private UnanalysedPolicies() {}

    /** The unanalysed policy-like objects of the snapshot, in input order. */
    public static List<IgnoredObject> of(Cluster cluster) {
        return cluster.ignored().stream()
                .filter(UnanalysedPolicies::isPolicyLike)
                .toList();
    }

    /** True when the object's group and kind are in the table, or it is a custom group's {@code *NetworkPolicy}. */
    public static boolean isPolicyLike(IgnoredObject o) {
        String api = o.apiVersion();
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        return KINDS.contains(group + " " + o.kind())
                || KINDS.contains(group + " *")
                || group.contains(".") && !group.endsWith("k8s.io") && o.kind().endsWith("NetworkPolicy");
    }

    /** How the object is named in messages: {@code AuthorizationPolicy shop/deny-all (security.istio.io/v1)}. */
    public static String describe(IgnoredObject o) {
        return o.kind() + " " + (o.namespace().isEmpty() ? o.name() : o.namespace() + "/" + o.name()) + " ("
                + o.apiVersion() + ")";
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = UnanalysedPolicies.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    String[] parts = l.split("\\s+");
                    out.add(parts[0] + " " + parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
