package io.netspec.engine.connectivity.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.RandomCiliumClusters;
import io.netspec.engine.connectivity.layer.AdminPolicyCompiler;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The indexed Cilium selectors ({@link CiliumLayerCompiler#match}: identity labels read through
 * {@link IdentityLabels}, classes narrowed by {@link SelectorScope}) against the plain ones
 * ({@link CiliumLayerCompiler#plainMatch}: the identity copied into a map, every class tested).
 */
class CiliumIndexedMatchPropertiesTest {

    private static final String NS = CiliumIdentity.NAMESPACE;
    private static final String NS_LABEL = CiliumIdentity.NAMESPACE_LABELS;
    private static final String[] KEYS = {
        "app",
        "tier",
        NS,
        NS_LABEL + "env",
        NS_LABEL + "tier",
        CiliumIdentity.SERVICE_ACCOUNT,
        CiliumIdentity.CLUSTER,
        "k8s:app",
        "any:" + NS,
        "k8s:" + NS_LABEL + "tier",
        "reserved:host"
    };
    private static final String[] VALUES = {"web", "db", "a", "b", "prod", "dev", "gold", "iron", "default", "robot"};
    private static final List<PolicyCompiler> INDEXED = List.of(new CiliumLayerCompiler(), new AdminPolicyCompiler());
    private static final List<PolicyCompiler> PLAIN =
            List.of(new CiliumLayerCompiler(false), new AdminPolicyCompiler());

    /** Every pair of a random Cilium cluster: the same connections and the same explanation both ways. */
    @Property(tries = 200)
    void indexedAnalysisAgreesWithThePlainOne(@ForAll long seed) {
        String manifests = new RandomCiliumClusters(seed, true).next();
        LoadResult loaded = new ManifestLoader().loadString(manifests, "random.yaml");
        assertThat(loaded.errors()).as("seed %d:\n%s", seed, manifests).isEmpty();
        Cluster cluster = loaded.cluster();
        ConnectivityAnalysis indexed = ConnectivityAnalysis.of(cluster, INDEXED);
        ConnectivityAnalysis plain = ConnectivityAnalysis.of(cluster, PLAIN);
        List<Endpoint> endpoints = new ArrayList<>();
        cluster.workloads().forEach(w -> endpoints.add(new Endpoint.OfWorkload(w)));
        endpoints.add(new Endpoint.External(0x0A010203L, 0x0A010203L));
        List<String> disagreements = new ArrayList<>();
        for (Endpoint s : endpoints) {
            for (Endpoint d : endpoints) {
                if (s == d || (!(s instanceof Endpoint.OfWorkload) && !(d instanceof Endpoint.OfWorkload))) {
                    continue;
                }
                if (!indexed.allowed(s, d).equals(plain.allowed(s, d))) {
                    disagreements.add(
                            s + " -> " + d + ": indexed " + indexed.allowed(s, d) + ", plain " + plain.allowed(s, d));
                } else if (!indexed.explain(s, d)
                        .toString()
                        .equals(plain.explain(s, d).toString())) {
                    disagreements.add(s + " -> " + d + ": explanations differ");
                }
            }
        }
        assertThat(disagreements).as("seed %d:\n%s", seed, manifests).isEmpty();
    }

    /**
     * On random selectors and endpoints (reserved keys in pod labels too): the identity view reads what the
     * copied identity holds, both matches agree, and the scope holds wherever the selector does.
     */
    @Property(tries = 2000)
    void scopeIsNecessaryAndTheViewIsTheIdentity(@ForAll long seed) {
        Random random = new Random(seed);
        CiliumSelector selector = selector(random);
        EndpointMatch scope = SelectorScope.of(selector);
        EndpointMatch match = CiliumLayerCompiler.match(selector);
        EndpointMatch plain = CiliumLayerCompiler.plainMatch(selector);
        for (int i = 0; i < 20; i++) {
            EndpointAttributes e = i == 0 ? EndpointAttributes.NODE_HOST : endpoint(random);
            Map<String, String> identity = IdentityLabels.materialise(e);
            IdentityLabels view = new IdentityLabels(e);
            for (String key : KEYS) {
                String bare = CiliumIdentity.bare(key);
                assertThat(view.get(bare)).as("%s of %s", bare, e).isEqualTo(identity.get(bare));
                assertThat(view.containsKey(bare)).as("%s of %s", bare, e).isEqualTo(identity.containsKey(bare));
            }
            assertThat(view).isEqualTo(identity);
            boolean selected = plain.test(e);
            assertThat(match.test(e)).as("%s on %s", selector, e).isEqualTo(selected);
            if (selected) {
                assertThat(scope.test(e))
                        .as("scope %s of %s on %s", scope, selector, e)
                        .isTrue();
            }
        }
    }

    private static CiliumSelector selector(Random random) {
        Map<String, String> match = new LinkedHashMap<>();
        List<LabelRequirement> expressions = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            if (random.nextBoolean()) {
                match.put(key, VALUES[random.nextInt(VALUES.length)]);
            } else {
                LabelRequirement.Operator op = LabelRequirement.Operator.values()[random.nextInt(4)];
                List<String> values = op == LabelRequirement.Operator.IN || op == LabelRequirement.Operator.NOT_IN
                        ? List.of(VALUES[random.nextInt(VALUES.length)], VALUES[random.nextInt(VALUES.length)])
                        : List.of();
                expressions.add(new LabelRequirement(key, op, values));
            }
        }
        CiliumSelector s = CiliumSelector.of(new Selector(match, expressions));
        return random.nextInt(3) == 0 ? s.withMatch(NS, random.nextBoolean() ? "a" : "b") : s;
    }

    private static EndpointAttributes endpoint(Random random) {
        String namespace = new String[] {"a", "b", "c"}[random.nextInt(3)];
        Map<String, String> nsLabels = new LinkedHashMap<>();
        nsLabels.put("kubernetes.io/metadata.name", namespace);
        if (random.nextBoolean()) {
            nsLabels.put("env", random.nextBoolean() ? "prod" : "dev");
        }
        if (random.nextBoolean()) {
            nsLabels.put("tier", random.nextBoolean() ? "gold" : "iron");
        }
        Map<String, String> podLabels = new LinkedHashMap<>();
        for (String key :
                new String[] {"app", "tier", NS_LABEL + "tier", NS_LABEL + "env", NS, CiliumIdentity.SERVICE_ACCOUNT}) {
            if (random.nextInt(3) == 0) {
                podLabels.put(key, VALUES[random.nextInt(VALUES.length)]);
            }
        }
        return new EndpointAttributes(
                namespace,
                nsLabels,
                podLabels,
                random.nextBoolean() ? "default" : "robot",
                Map.of(),
                List.of(),
                List.of(),
                random.nextInt(5) == 0,
                "",
                Map.of(),
                false);
    }
}
