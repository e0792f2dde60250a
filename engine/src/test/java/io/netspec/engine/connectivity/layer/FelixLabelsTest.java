package io.netspec.engine.connectivity.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.calico.CalicoSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The label views the Calico compiler matches selectors against, against the maps felix builds
 * (namespace labels under {@code pcns.}, service account labels under {@code pcsa.}, the pod's own
 * over them, felix's {@code projectcalico.org/} labels over those), built here the plain way on
 * random endpoints whose labels collide with every prefix and reserved key.
 */
class FelixLabelsTest {

    private static final String[] KEYS = {
        "app",
        "team",
        "trusted",
        "projectcalico.org/name",
        "projectcalico.org/namespace",
        "projectcalico.org/orchestrator",
        "projectcalico.org/serviceaccount",
        "pcns.team",
        "pcns.projectcalico.org/name",
        "pcsa.trusted",
        "pcsa.projectcalico.org/name",
        "pcns.",
        "pcsa.",
        "pcns.app",
        "kubernetes.io/metadata.name",
        "pcns.kubernetes.io/metadata.name"
    };
    private static final String[] VALUES = {"a", "b", "", "yes"};
    private static final String SERVICE_ACCOUNTS = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa1, namespace: ns1, labels: {trusted: 'yes', app: sa}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa2, namespace: ns2, labels: {'projectcalico.org/name': spoof}}
            """;

    @Property(tries = 300)
    void viewsAnswerEveryKeyAsTheBuiltMaps(@ForAll long seed) {
        Random r = new Random(seed);
        Cluster cluster =
                new ManifestLoader().loadString(SERVICE_ACCOUNTS, "sa.yaml").cluster();
        Map<String, Map<String, String>> accounts = Map.of(
                "ns1/sa1", Map.of("trusted", "yes", "app", "sa"), "ns2/sa2", Map.of("projectcalico.org/name", "spoof"));
        String namespace = pick(r, "ns1", "ns2", "ns3");
        EndpointAttributes e = new EndpointAttributes(
                namespace,
                labels(r),
                labels(r),
                pick(r, "sa1", "sa2", "default"),
                labels(r),
                List.of(),
                List.of(),
                false,
                "",
                Map.of(),
                false);
        CalicoCompiler.FelixLabels views = new CalicoCompiler.FelixLabels(cluster);

        Map<String, String> ns = new HashMap<>(e.namespaceLabels());
        ns.put("projectcalico.org/name", e.namespace());
        Map<String, String> sa = new HashMap<>(
                accounts.getOrDefault(e.namespace() + "/" + e.serviceAccount(), e.serviceAccountLabels()));
        sa.put("projectcalico.org/name", e.serviceAccount());
        Map<String, String> endpoint = new HashMap<>();
        ns.forEach((k, v) -> endpoint.put("pcns." + k, v));
        sa.forEach((k, v) -> endpoint.put("pcsa." + k, v));
        endpoint.putAll(e.podLabels());
        endpoint.put("projectcalico.org/namespace", e.namespace());
        endpoint.put("projectcalico.org/orchestrator", "k8s");
        endpoint.put("projectcalico.org/serviceaccount", e.serviceAccount());

        List<String> keys = new ArrayList<>(List.of(KEYS));
        endpoint.keySet().forEach(keys::add);
        for (String key : keys) {
            assertThat(views.namespace(e).get(key))
                    .as("namespace %s of %s", key, e)
                    .isEqualTo(ns.get(key));
            assertThat(views.serviceAccount(e).get(key))
                    .as("service account %s of %s", key, e)
                    .isEqualTo(sa.get(key));
            assertThat(views.endpoint(e).get(key))
                    .as("endpoint %s of %s", key, e)
                    .isEqualTo(endpoint.get(key));
            CalicoSelector has = new CalicoSelector.Has(key);
            assertThat(has.matches(views.endpoint(e)))
                    .as("has(%s) on %s", key, e)
                    .isEqualTo(has.matches(endpoint));
        }
    }

    private static Map<String, String> labels(Random r) {
        Map<String, String> out = new HashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            out.put(pick(r, KEYS), pick(r, VALUES));
        }
        return out;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
