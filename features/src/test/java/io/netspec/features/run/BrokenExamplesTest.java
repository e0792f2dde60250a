package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each folder of {@code examples/broken} holds a mistake netspec exists to catch, and a spec that
 * must fail on it: exactly one failed scenario, no errors, and the explanation naming the cause.
 */
class BrokenExamplesTest {

    private static Specs run(String folder) {
        Specs specs = Specs.run(
                SpecRunner.Options.of(List.of(Specs.examples().resolve("broken").resolve(folder))));
        assertThat(specs.result().failed()).as(specs.out()).isEqualTo(1);
        assertThat(specs.result().errors() + specs.result().undefined())
                .as(specs.out())
                .isZero();
        assertThat(specs.result().exitCode()).isEqualTo(1);
        return specs;
    }

    @Test
    void dnsBlockedByDefaultDeny() {
        assertThat(run("dns-blocked-by-default-deny").out())
                .contains(
                        "expected deployment \"api\" in \"shop\" to reach service \"kube-dns\" in \"kube-system\" on port 53/UDP, but it cannot:")
                .contains("not allowed on UDP 53")
                .contains("egress: shop/api[Deployment] is isolated for egress by shop/default-deny (")
                .contains("shop/default-deny (")
                .contains("has no egress rules: it allows no egress traffic")
                .containsPattern(
                        "shop/api egress rule 1 \\(\\S*manifests.yaml:\\d+\\): peers \\[pods app=postgres in namespace shop\\] do not match kube-system/coredns\\[Deployment\\]");
    }

    @Test
    void policyCutsApiOffDatabase() {
        assertThat(run("policy-cuts-api-off-database").out())
                .contains("(line 7)")
                .contains(
                        "expected deployment \"api\" in \"shop-backend\" to reach statefulset \"postgres\" in \"shop-data\" on port 5432/TCP")
                .containsPattern(
                        "ingress: shop-data/postgres\\[StatefulSet\\] is isolated for ingress by shop-data/postgres \\(\\S*change/postgres-ingress.yaml:\\d+\\)")
                .contains("peers [pods app=api in namespace shop-data] do not match shop-backend/api[Deployment]");
    }

    @Test
    void namespaceLabelMissing() {
        assertThat(run("namespace-label-missing").out())
                .contains("peers [pods app=api in namespaces team=backend] do not match shop-backend/api[Deployment]")
                .contains(
                        "labels of shop-backend/api[Deployment]: pod {app=api}, namespace {kubernetes.io/metadata.name=shop-backend, team=checkout}");
    }

    @Test
    void namedPortUnresolved() {
        assertThat(run("named-port-unresolved").out())
                .contains("not allowed on TCP 8080")
                .contains("named port http/TCP is not a container port of shop/api[Deployment]");
    }

    @Test
    void serviceTargetPortMismatch() {
        assertThat(run("service-targetport-mismatch").out())
                .contains("(line 5)")
                .contains(
                        "shop/postgres[Service] port postgres 5432/TCP -> postgresql targets the port named postgresql, "
                                + "which shop/postgres[StatefulSet] does not declare for TCP (its ports: postgres 5432/TCP)");
    }

    @Test
    void everyBrokenExampleHasAReadmeOfTwoLines() throws IOException {
        try (var folders = Files.list(Specs.examples().resolve("broken"))) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            assertThat(all).hasSize(5);
            for (Path folder : all) {
                assertThat(Files.readAllLines(folder.resolve("README.md")))
                        .as(folder.toString())
                        .hasSize(2);
            }
        }
    }
}
