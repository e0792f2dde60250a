package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that L7 conditions also decide: a spec holds only whatever the requests are. Cilium's toPorts
 * rules restrict an allow (can reach fails with the L7 reason); a Calico http match restricts a deny
 * (cannot reach fails with the L7 reason); ports allowed at L4 alone are proven.
 */
class L7SpecsTest {

    private static final String WORKLOADS = """
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web, namespace: shop}
                  spec:
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec: {containers: [{name: web, image: web:1}]}
                  ---
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: api, namespace: shop}
                  spec:
                    selector: {matchLabels: {app: api}}
                    template:
                      metadata: {labels: {app: api}}
                      spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}
                  ---
            """;

    private static final String CILIUM = """
            Feature: f
              Background:
                Given the manifests:
                  \"\"\"
            """ + WORKLOADS + """
                  apiVersion: cilium.io/v2
                  kind: CiliumNetworkPolicy
                  metadata: {name: api, namespace: shop}
                  spec:
                    endpointSelector: {matchLabels: {app: api}}
                    ingress:
                      - fromEndpoints: [{matchLabels: {app: web}}]
                        toPorts:
                          - ports: [{port: "8080", protocol: TCP}]
                            rules:
                              http: [{method: GET, path: /status}]
                      - fromEndpoints: [{matchLabels: {app: web}}]
                        toPorts:
                          - ports: [{port: "9090", protocol: TCP}]
                  \"\"\"
            """;

    @Test
    void canReachOverAnHttpRestrictedAllowFailsWithTheL7Reason(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, CILIUM + """
              Scenario: only GET /status passes on 8080
                Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 8080
            """);
        assertThat(specs.result().exitCode()).as(specs.out()).isEqualTo(1);
        assertThat(specs.out())
                .contains("allowed at L3/L4 on TCP 8080 only by rules with L7 conditions")
                .contains("whether a request passes depends on its content")
                .contains("http rules: L7 not decided statically");
    }

    @Test
    void aPlainL4AllowIsProvenAndL7FilteredTrafficIsNotDenied(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, CILIUM + """
              Scenario: 9090 is open at L4
                Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 9090
                And deployment "web" in "shop" can reach deployment "api" in "shop"
              Scenario: 8080 is not closed: GET /status passes
                Then deployment "web" in "shop" cannot reach deployment "api" in "shop" on port 8080
            """);
        assertThat(specs.out())
                .contains("PASS   9090 is open at L4")
                .contains("FAIL   8080 is not closed: GET /status passes")
                .contains("allowed on TCP 8080");
    }

    @Test
    void cannotReachBehindAnHttpRestrictedDenyFailsWithTheL7Reason(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, """
            Feature: f
              Scenario: the deny matches POST requests only
                Given the manifests:
                  \"\"\"
            """ + WORKLOADS + """
                  apiVersion: projectcalico.org/v3
                  kind: NetworkPolicy
                  metadata: {name: api, namespace: shop}
                  spec:
                    selector: app == 'api'
                    types: [Ingress]
                    ingress:
                      - action: Deny
                        protocol: TCP
                        http: {methods: [POST]}
                        destination: {ports: [8080]}
                      - action: Allow
                  \"\"\"
                Then deployment "web" in "shop" cannot reach deployment "api" in "shop" on port 8080
            """);
        assertThat(specs.result().exitCode()).as(specs.out()).isEqualTo(1);
        assertThat(specs.out())
                .contains("denied on TCP 8080 only by rules with L7 conditions")
                .contains("requests they do not match are allowed");
    }
}
