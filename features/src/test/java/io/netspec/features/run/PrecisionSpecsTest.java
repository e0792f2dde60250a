package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec references to policies and namespaces, and a failing spec whose policy selects nothing. */
class PrecisionSpecsTest {

    private static final String CLUSTER = """
            Feature: f
              Scenario: s
                Given the manifests:
                  \"\"\"
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web, namespace: front}
                  spec:
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec: {containers: [{name: web, image: web:1}]}
                  ---
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: api, namespace: back}
                  spec:
                    selector: {matchLabels: {app: api}}
                    template:
                      metadata: {labels: {app: api}}
                      spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080}]}]}
                  ---
                  apiVersion: networking.k8s.io/v1
                  kind: NetworkPolicy
                  metadata: {name: api-deny, namespace: back}
                  spec:
                    podSelector: {matchLabels: {app: apii}}
                    policyTypes: [Ingress]
                  \"\"\"
            """;

    @Test
    void findingStepsNamePoliciesAndNamespaces(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, CLUSTER + """
                    Then rule "dangling-policy" reports networkpolicy "api-deny" in "back"
                    And rule "missing-default-deny-ingress" reports namespace "back"
                    And rule "allow-all-ingress" reports nothing on networkpolicy "api-deny" in "back"
                    And rule "unknown-namespace-label" reports nothing on namespace "back"
                """);
        assertThat(specs.out()).endsWith("1 scenario: 1 passed, 0 failed\n");
    }

    @Test
    void aPolicyThatIsNotThereIsAnErrorWithTheNearestName(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, CLUSTER + """
                    Then rule "dangling-policy" reports networkpolicy "api-dney" in "back"
                """);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains("no networkpolicy \"api-dney\" in namespace \"back\"; did you mean \"api-deny\"?");
    }

    @Test
    void aFailingDenialSaysThatThePolicySelectsNothing(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, CLUSTER + """
                    Then deployment "web" in "front" cannot reach deployment "api" in "back"
                """);
        assertThat(specs.result().exitCode()).isEqualTo(1);
        assertThat(specs.out())
                .contains("note: back/api-deny[NetworkPolicy] (")
                .contains(") selects no pod: its podSelector app=apii matches no workload in namespace back");
    }
}
