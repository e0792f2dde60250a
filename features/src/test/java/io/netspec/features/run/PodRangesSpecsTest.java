package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.Cidrs;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.report.Ansi;
import io.netspec.features.SpecRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's pod ranges ({@code --pod-cidr}, {@code podCIDRs:} of the run's config) hold for every cluster a run
 * loads, doc-string manifests included, for the reach and the finding steps alike; the run keeps what its analyses
 * could not decide, each problem once.
 */
class PodRangesSpecsTest {

    /** Pods without IPs; under Calico, web takes ingress only from addresses in 10.0.0.0/8. */
    private static final String FEATURE = """
            Feature: office block
              Background:
                Given the manifests:
                  \"\"\"
                  apiVersion: v1
                  kind: Pod
                  metadata: {name: web, namespace: shop, labels: {app: web}}
                  spec: {containers: [{name: c, image: web, ports: [{containerPort: 80}]}]}
                  ---
                  apiVersion: v1
                  kind: Pod
                  metadata: {name: client, namespace: shop, labels: {app: client}}
                  spec: {containers: [{name: c, image: client}]}
                  ---
                  apiVersion: networking.k8s.io/v1
                  kind: NetworkPolicy
                  metadata: {name: web-from-block, namespace: shop}
                  spec:
                    podSelector: {matchLabels: {app: web}}
                    policyTypes: [Ingress]
                    ingress:
                      - from:
                          - ipBlock: {cidr: 10.0.0.0/8}
                  \"\"\"

              Scenario: the client is in the block
                Then pod "client" in "shop" can reach pod "web" in "shop" on port 80
                And rule "approximated-policy" reports nothing
            """;

    private record Ran(SpecRunner.Result result, String out, SpecRun run) {}

    private static Ran run(SpecRunner.Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpecRun run = SpecRun.of(options.settings());
        SpecRunner.Result result = SpecRunner.run(
                run,
                options,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Ansi.PLAIN);
        return new Ran(result, out.toString(StandardCharsets.UTF_8), run);
    }

    @Test
    void theConfigsPodRangesDecideTheBlockForDocStringManifests(@TempDir Path dir) throws IOException {
        Path feature = Files.writeString(dir.resolve("block.feature"), FEATURE);
        SpecRunner.Options calico = SpecRunner.Options.of(List.of(feature)).withPlugin(NetworkPlugin.CALICO);

        Ran without = run(calico);
        assertThat(without.result().failed()).as(without.out()).isEqualTo(1);
        assertThat(without.run().analysisProblems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .startsWith(feature + ":")
                .contains("peer ipBlock 10.0.0.0/8 cannot be decided for");

        Path config = Files.writeString(dir.resolve(".netspec.yaml"), "podCIDRs: [10.244.0.0/16]\n");
        Ran configured = run(calico.withConfig(config));
        assertThat(configured.result().exitCode()).as(configured.out()).isZero();
        assertThat(configured.run().analysisProblems()).isEmpty();

        // the run's own ranges (--pod-cidr) win over the config's: 192.168.0.0/16 lies outside the block
        Ran flagged = run(calico.withConfig(config).withPodCidrs(List.of(Cidrs.parse("192.168.0.0/16"))));
        assertThat(flagged.result().failed()).as(flagged.out()).isEqualTo(1);
        assertThat(flagged.run().analysisProblems()).isEmpty();
    }
}
