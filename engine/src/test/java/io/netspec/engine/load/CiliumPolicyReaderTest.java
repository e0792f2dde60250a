package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.CiliumEntity;
import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumRule;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CiliumPolicyReaderTest {

    private static LoadResult load(String yaml) {
        return new ManifestLoader().loadString(yaml, "c.yaml");
    }

    private static List<String> errors(LoadResult r) {
        return r.errors().stream().map(LoadProblem::toString).toList();
    }

    private static List<String> messages(LoadResult r) {
        return r.problems().stream().map(LoadProblem::toString).toList();
    }

    private static CiliumPolicyFact only(LoadResult r) {
        assertThat(r.cluster().cilium().policies()).hasSize(1);
        return r.cluster().cilium().policies().get(0);
    }

    @Test
    void specAndSpecsAreReadInOrderWithEveryL3Form() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                  - fromEndpoints: [{}]
                  - fromEndpoints: []
                  - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
                  - {}
                specs:
                - endpointSelector: {}
                  egressDeny:
                  - toEntities: [world, kube-apiserver]
                  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
                    toPorts: [{ports: [{port: "1000", endPort: 2000, protocol: ANY}]}]
                  enableDefaultDeny: {egress: false}
                """);
        assertThat(errors(r)).isEmpty();
        CiliumPolicyFact p = only(r);
        assertThat(p.id()).isEqualTo("shop/p[CiliumNetworkPolicy]");
        assertThat(p.valid()).isTrue();
        assertThat(p.rules()).extracting(CiliumRule::path).containsExactly("spec", "specs[0]");
        List<CiliumPeerRule> ingress = p.rules().get(0).ingress();
        assertThat(ingress.get(0).peers())
                .isEqualTo(new CiliumPeers.Endpoints(List.of(io.netspec.engine.model.Selector.ALL)));
        assertThat(ingress.get(1).peers()).isEqualTo(new CiliumPeers.Endpoints(List.of()));
        assertThat(ingress.get(2).peers()).isInstanceOf(CiliumPeers.Unspecified.class);
        assertThat(ingress.get(2).toPorts().get(0).ports())
                .containsExactly(new CiliumPortRule.CiliumPort(PortRef.number(80), 0, Optional.of(Protocol.TCP)));
        assertThat(ingress.get(3).peers()).isInstanceOf(CiliumPeers.Unspecified.class);
        assertThat(ingress.get(3).toPorts()).isEmpty();
        assertThat(ingress.get(3).label()).isEqualTo("ingress rule 4");
        CiliumRule second = p.rules().get(1);
        assertThat(second.egressDeny().get(0).peers())
                .isEqualTo(new CiliumPeers.Entities(List.of(CiliumEntity.WORLD, CiliumEntity.KUBE_APISERVER)));
        assertThat(second.egressDeny().get(1).toPorts().get(0).ports())
                .containsExactly(new CiliumPortRule.CiliumPort(PortRef.number(1000), 2000, Optional.empty()));
        // default deny: as written, else on when the direction has rules
        assertThat(second.defaultDeny(Direction.EGRESS)).isFalse();
        assertThat(p.rules().get(0).defaultDeny(Direction.INGRESS)).isTrue();
        assertThat(p.rules().get(0).defaultDeny(Direction.EGRESS)).isFalse();
    }

    @Test
    void whatCiliumRejectsIsAnErrorAtItsLineAndThePolicyIsNotValid() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: bad, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                  - fromEndpoints: [{}]
                    fromCIDR: [10.0.0.0/8]
                  - fromEntities: [everywhere]
                  egress:
                  - toPorts: [{ports: [{protocol: TCP}]}]
                  - toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {http: [{method: GET}]}}]
                  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [192.168.0.0/16]}]
                """);
        assertThat(errors(r))
                .containsExactly(
                        "c.yaml:7: spec.ingress[0]: combining fromEndpoints and fromCIDR in one rule is not supported by"
                                + " Cilium; write one rule for each",
                        "c.yaml:9: spec.ingress[1].fromEntities[0]: unsupported entity \"everywhere\"; use one of [all,"
                                + " world, world-ipv4, world-ipv6, cluster, cluster-mesh, host, remote-node, kube-apiserver, init,"
                                + " ingress, health, unmanaged, none]",
                        "c.yaml:11: spec.egress[0].toPorts[0].ports[0]: port must be specified (use \"0\" for every port)",
                        "c.yaml:12: spec.egress[1].toPorts[0].ports[0]: L7 rules can only apply to TCP (not UDP) except"
                                + " for DNS rules",
                        "c.yaml:13: spec.egress[2].toCIDRSet[0].except[0]: 192.168.0.0/16 is not strictly inside cidr"
                                + " 10.0.0.0/8");
        assertThat(only(r).valid()).isFalse();
    }

    @Test
    void aRuleWithOnlyEmptySectionsAndScopeMistakesAreRejected() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: cw}
                spec:
                  endpointSelector: {}
                  ingress: []
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: host, namespace: shop}
                spec:
                  nodeSelector: {}
                  ingress: [{fromEntities: [world]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: empty, namespace: shop}
                """);
        assertThat(errors(r))
                .containsExactly(
                        "c.yaml:5: spec: a rule needs at least one of ingress, ingressDeny, egress, egressDeny (an empty"
                                + " list counts as none); Cilium rejects the policy",
                        "c.yaml:12: spec.nodeSelector: nodeSelector is only allowed in a CiliumClusterwideNetworkPolicy",
                        "c.yaml:15: CiliumNetworkPolicy empty has neither spec nor specs; Cilium rejects it");
        assertThat(r.cluster().cilium().policies())
                .extracting(CiliumPolicyFact::valid)
                .containsOnly(false);
        assertThat(r.cluster().cilium().policies().get(0).namespace()).isEmpty();
    }

    @Test
    void unknownFieldsAndRemovedKafkaRulesAreWarnedNotDropped() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: k, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                  - fromEndpoint: [{}]
                    toPorts:
                    - ports: [{port: "9092", protocol: TCP}]
                      rules: {kafka: [{topic: orders}]}
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(messages(r))
                .contains(
                        "c.yaml:7: warning: spec.ingress[0].fromEndpoint: unknown field (the API server drops it; Cilium never"
                                + " sees it)",
                        "c.yaml:10: warning: spec.ingress[0].toPorts[0].rules.kafka: kafka rules are not part of cilium.io/v2 in"
                                + " the pinned Cilium version; the API server drops them and the port is allowed at L4");
        CiliumPeerRule rule = only(r).rules().get(0).ingress().get(0);
        assertThat(rule.peers()).isInstanceOf(CiliumPeers.Unspecified.class);
        assertThat(rule.hasL7()).isFalse();
    }

    @Test
    void ciliumLabelSourcesAndLongNamespaceLabelKeysAreAccepted() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: s, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {"k8s:app": web}}
                  egress:
                  - toEndpoints:
                    - matchLabels:
                        "k8s:io.kubernetes.pod.namespace": kube-system
                        "any:k8s-app": kube-dns
                    - matchExpressions:
                      - {key: io.cilium.k8s.namespace.labels.team-with-a-rather-long-name-that-is-still-legal-ok, operator: Exists}
                    toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(only(r).rules().get(0).egress().get(0).hasL7()).isTrue();
    }

    @Test
    void unservedApiVersionIsAnError() {
        LoadResult r = load("""
                apiVersion: cilium.io/v1
                kind: CiliumNetworkPolicy
                metadata: {name: s, namespace: shop}
                spec: {endpointSelector: {}, ingress: [{}]}
                """);
        assertThat(errors(r))
                .containsExactly("c.yaml:1: CiliumNetworkPolicy: apiVersion cilium.io/v1 is not"
                        + " served by Cilium; use cilium.io/v2");
    }

    @Test
    void listenersAndTlsOnPortZeroOrUdpAreValidButTheirOwnMistakesAreNot() {
        // PortRule.sanitize (pkg/policy/api/rule_validation.go): port 0 and TCP-only apply to http/dns rules alone;
        // a listener on ingress, a listener with L7 rules and serverNames with http but no terminatingTLS are rejected
        LoadResult ok = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: proxy, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {kind: client}}
                  egress:
                  - toFQDNs: [{matchName: one.one.one.one}]
                    toPorts:
                    - listener: {envoyConfig: {kind: CiliumClusterwideEnvoyConfig, name: proxy}, name: l}
                      ports: [{port: "0", protocol: TCP}]
                  - toEntities: [world]
                    toPorts:
                    - serverNames: [one.one.one.one]
                      ports: [{port: "443", protocol: UDP}]
                """);
        assertThat(errors(ok)).isEmpty();
        assertThat(only(ok).valid()).isTrue();
        assertThat(only(ok).rules().get(0).egress().get(1).hasL7()).isTrue();

        LoadResult bad = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: bad, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                  - toPorts:
                    - listener: {envoyConfig: {name: proxy}, name: l}
                      ports: [{port: "80", protocol: TCP}]
                  egress:
                  - toPorts:
                    - serverNames: [a.example]
                      rules: {http: [{method: GET}]}
                      ports: [{port: "443", protocol: TCP}]
                  - toPorts:
                    - rules: {dns: [{matchPattern: "*"}]}
                      ports: [{port: "53", endPort: 54, protocol: UDP}]
                """);
        assertThat(errors(bad))
                .containsExactly(
                        "c.yaml:8: spec.ingress[0].toPorts[0].listener: a listener is not allowed on ingress",
                        "c.yaml:12: spec.egress[0].toPorts[0].serverNames: ServerNames are not allowed with L7 rules"
                                + " without TLS termination",
                        "c.yaml:17: spec.egress[1].toPorts[0].ports[0].endPort: DNS rules do not support port ranges");
        assertThat(only(bad).valid()).isFalse();
    }

    @Test
    void cidrWithCidrSetIsRejectedButAnEmptyListIsNoFieldAndSelectsNothing() {
        // IngressCommonRule.sanitize counts fromCIDR and fromCIDRSet apart, by their items; mergeEndpointSelectors
        // (pkg/policy/utils/parserules.go) turns a rule with an empty, non-nil L3 list into one that selects nothing
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: both, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                  - fromCIDR: [10.0.0.0/8]
                    fromCIDRSet: [{cidr: 192.168.0.0/16}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: empty, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                  - fromEndpoints: []
                    fromEntities: [world]
                """);
        assertThat(errors(r))
                .containsExactly("c.yaml:7: spec.ingress[0]: combining fromCIDR and fromCIDRSet in one rule is not"
                        + " supported by Cilium; write one rule for each");
        List<CiliumPolicyFact> policies = r.cluster().cilium().policies();
        assertThat(policies.get(0).valid()).isFalse();
        assertThat(policies.get(1).valid()).isTrue();
        assertThat(policies.get(1).rules().get(0).ingress().get(0).peers())
                .isEqualTo(new CiliumPeers.Endpoints(List.of()));
    }

    @Test
    void aClusterwideHostPolicyIsValidButNeverLeftOutSilently() {
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: lock-down-nodes}
                spec:
                  nodeSelector: {}
                  ingress: [{fromEntities: [remote-node]}]
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(only(r).valid()).isTrue();
        assertThat(messages(r))
                .contains("c.yaml:5: warning: spec.nodeSelector: a host policy (it applies to nodes, which netspec"
                        + " does not model); this rule is left out of connectivity, including pod traffic to and from the"
                        + " nodes it selects");
    }

    @Test
    void aPortProtocolOutsideTheCrdEnumIsRejectedAsTheApiServerDoes() {
        // pkg/policy/api/l4.go PortProtocol.Protocol:
        // +kubebuilder:validation:Enum=TCP;UDP;SCTP;VRRP;IGMP;GRE;IPIP;IPV6;
        // ESP;AH;ANY. Case-sensitive and without ICMP, so neither policy below can be created
        LoadResult r = load("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: lower, namespace: shop}
                spec:
                  endpointSelector: {}
                  egress: [{toPorts: [{ports: [{port: "53", protocol: udp}]}]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: icmp, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingressDeny: [{toPorts: [{ports: [{port: "0", protocol: ICMP}]}]}]
                """);
        assertThat(errors(r))
                .containsExactly(
                        "c.yaml:6: spec.egress[0].toPorts[0].ports[0].protocol: \"udp\" is not one of TCP, UDP, SCTP,"
                                + " VRRP, IGMP, GRE, IPIP, IPV6, ESP, AH, ANY; the API server rejects the policy (write UDP)",
                        "c.yaml:13: spec.ingressDeny[0].toPorts[0].ports[0].protocol: \"ICMP\" is not one of TCP, UDP,"
                                + " SCTP, VRRP, IGMP, GRE, IPIP, IPV6, ESP, AH, ANY; the API server rejects the policy (ICMP"
                                + " is matched with icmps, not toPorts)");
        assertThat(r.cluster().cilium().policies())
                .extracting(CiliumPolicyFact::valid)
                .containsOnly(false);
    }
}
