package io.netspec.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomClusters;
import io.netspec.engine.load.ManifestLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The cheap hash codes of the facts Drools hashes ({@link PolicyFact}, {@link PolicyRule}, {@link PolicyPeer},
 * {@link ServiceFact}) stay consistent with the records' structural {@code equals}: facts built twice from the
 * same input are equal and hash alike, and facts that differ only deep inside still differ.
 */
class FactHashesTest {

    @Property(tries = 200)
    void policiesBuiltTwiceHashAlike(@ForAll long seed) {
        List<PolicyFact> first = new RandomClusters(seed).next().policies();
        List<PolicyFact> second = new RandomClusters(seed).next().policies();
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            PolicyFact a = first.get(i);
            PolicyFact b = second.get(i);
            assertThat(b).isNotSameAs(a).isEqualTo(a).hasSameHashCodeAs(a);
            for (Direction d : Direction.values()) {
                for (int r = 0; r < a.rules(d).size(); r++) {
                    PolicyRule ra = a.rules(d).get(r);
                    PolicyRule rb = b.rules(d).get(r);
                    assertThat(rb).isEqualTo(ra).hasSameHashCodeAs(ra);
                    for (int p = 0; p < ra.peers().size(); p++) {
                        assertThat(rb.peers().get(p))
                                .isEqualTo(ra.peers().get(p))
                                .hasSameHashCodeAs(ra.peers().get(p));
                    }
                }
            }
        }
    }

    @Test
    void servicesLoadedTwiceHashAlike() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: api, namespace: shop, annotations: {a: b}}
                spec:
                  selector: {app: api, tier: be}
                  ports: [{name: http, port: 80, targetPort: http}, {port: 443}]
                """;
        ServiceFact a = new ManifestLoader()
                .loadString(yaml, "s.yaml")
                .cluster()
                .services()
                .get(0);
        ServiceFact b = new ManifestLoader()
                .loadString(yaml, "s.yaml")
                .cluster()
                .services()
                .get(0);
        assertThat(b).isNotSameAs(a).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Test
    void factsThatDifferDeepInsideStillDiffer() {
        SourceRef at = new SourceRef("p.yaml", 3);
        Selector web = Selector.of(Map.of("app", "web"));
        Selector db = Selector.of(Map.of("app", "db"));
        PolicyPeer toWeb = new PolicyPeer(Optional.of(web), Optional.empty(), Optional.empty(), at);
        PolicyPeer toDb = new PolicyPeer(Optional.of(db), Optional.empty(), Optional.empty(), at);
        assertThat(toWeb).isNotEqualTo(toDb);
        PolicyRule ruleWeb = new PolicyRule(Direction.INGRESS, 0, List.of(toWeb), List.of(), at);
        PolicyRule ruleDb = new PolicyRule(Direction.INGRESS, 0, List.of(toDb), List.of(), at);
        assertThat(ruleWeb).isNotEqualTo(ruleDb);
        PolicyFact a = new PolicyFact("ns", "p", Selector.ALL, true, false, List.of(ruleWeb), List.of(), Map.of(), at);
        PolicyFact b = new PolicyFact("ns", "p", Selector.ALL, true, false, List.of(ruleDb), List.of(), Map.of(), at);
        assertThat(a).isNotEqualTo(b);
        ServiceFact s1 = new ServiceFact(
                "ns", "s", "ClusterIP", Optional.of(Map.of("app", "web")), List.of(), false, "", Map.of(), at);
        ServiceFact s2 = new ServiceFact(
                "ns", "s", "ClusterIP", Optional.of(Map.of("app", "db")), List.of(), false, "", Map.of(), at);
        assertThat(s1).isNotEqualTo(s2);
    }
}
