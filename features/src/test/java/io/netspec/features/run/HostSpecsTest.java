package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code the host}: the node a pod runs on, as each plugin decides traffic between them. */
class HostSpecsTest {

    private static final String WORKLOADS = """
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web, namespace: shop}
                  spec:
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]}
                  ---
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: api, namespace: shop}
                  spec:
                    selector: {matchLabels: {app: api}}
                    template:
                      metadata: {labels: {app: api}}
                      spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080}]}]}
                  ---
            """;

    private static String feature(String policies, String steps) {
        return """
                Feature: f
                  Scenario: the host
                    Given the manifests:
                      \"\"\"
                """ + WORKLOADS + policies + """
                      \"\"\"
                """ + steps;
    }

    @Test
    void ciliumDecidesEgressToTheHostByPolicyAndLetsTheHostInUnlessADenyMatchesIt(@TempDir Path dir)
            throws IOException {
        Specs specs = Specs.feature(dir, feature("""
                      apiVersion: cilium.io/v2
                      kind: CiliumNetworkPolicy
                      metadata: {name: api, namespace: shop}
                      spec:
                        endpointSelector: {matchLabels: {app: api}}
                        ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]
                        egress: [{toEndpoints: [{matchLabels: {app: web}}]}]
                      ---
                      apiVersion: cilium.io/v2
                      kind: CiliumNetworkPolicy
                      metadata: {name: web, namespace: shop}
                      spec:
                        endpointSelector: {matchLabels: {app: web}}
                        egress:
                          - toEntities: [host]
                            toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
                        ingressDeny: [{fromEntities: [host]}]
                """, """
                    Then the host can reach deployment "api" in "shop" on port 8080
                    And the host cannot reach deployment "web" in "shop"
                    And deployment "web" in "shop" can reach the host on port 10250
                    And deployment "web" in "shop" cannot reach the host on port 22
                    And deployment "api" in "shop" cannot reach the host
                """));
        assertThat(specs.out()).as(specs.out() + specs.err()).contains("1 scenario: 1 passed, 0 failed");
    }

    @Test
    void aFailingHostSpecSaysWhy(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("""
                      apiVersion: cilium.io/v2
                      kind: CiliumNetworkPolicy
                      metadata: {name: api, namespace: shop}
                      spec:
                        endpointSelector: {matchLabels: {app: api}}
                        egress: [{toEndpoints: [{matchLabels: {app: web}}]}]
                """, """
                    Then deployment "api" in "shop" can reach the host on port 10250
                """));
        assertThat(specs.result().exitCode()).isEqualTo(1);
        assertThat(specs.out())
                .contains("not allowed on TCP 10250")
                .contains("the egress of shop/api[Deployment] to its host, as its policies decide");
    }

    @Test
    void networkPolicyNeverBlocksTheNode(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("""
                      apiVersion: networking.k8s.io/v1
                      kind: NetworkPolicy
                      metadata: {name: deny-all, namespace: shop}
                      spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """, """
                    Then the host can reach deployment "api" in "shop" on port 8080
                    And deployment "api" in "shop" can reach the host
                """));
        assertThat(specs.out()).as(specs.out()).contains("1 scenario: 1 passed, 0 failed");
    }

    @Test
    void underCalicoItIsNotDecided(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("""
                      apiVersion: projectcalico.org/v3
                      kind: GlobalNetworkPolicy
                      metadata: {name: deny-all}
                      spec: {selector: all(), types: [Ingress, Egress]}
                """, """
                    Then the host cannot reach deployment "api" in "shop"
                """));
        assertThat(specs.result().exitCode()).isEqualTo(1);
        assertThat(specs.out()).contains("not decided from the manifests: under Calico");
    }
}
