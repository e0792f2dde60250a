package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomCalicoClusters;
import io.netspec.engine.connectivity.layer.CalicoCompiler;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoSelector;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link CalicoChecks#selectsNothing}, which looks for a namespaced policy's workloads in its own
 * namespace only, against asking every workload of the cluster, on random Calico clusters.
 */
class CalicoChecksPropertiesTest {

    @Property(tries = 200)
    void selectsNothingAgreesWithAskingEveryWorkload(@ForAll long seed) {
        Random r = new Random(seed);
        String yaml = RandomCalicoClusters.cluster(r, 1 + r.nextInt(2));
        LoadResult loaded = new ManifestLoader().loadString(yaml, "random.yaml");
        assertThat(loaded.errors()).as(yaml).isEmpty();
        Cluster cluster = loaded.cluster();
        for (CalicoPolicyFact p : cluster.calico().policies()) {
            boolean narrowed = !(p.selector() instanceof CalicoSelector.All)
                    || p.namespaceSelector().isPresent()
                    || p.serviceAccountSelector().isPresent();
            boolean expected = narrowed
                    && !p.hostOnly()
                    && cluster.workloads().stream().noneMatch(w -> CalicoCompiler.selects(cluster, p, w));
            assertThat(CalicoChecks.selectsNothing(cluster, p))
                    .as("%s, seed %d:%n%s", p.policyId(), seed, yaml)
                    .isEqualTo(expected);
        }
    }
}
