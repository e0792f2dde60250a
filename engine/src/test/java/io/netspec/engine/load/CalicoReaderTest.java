package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.calico.CalicoAction;
import io.netspec.engine.model.calico.CalicoKind;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoPort;
import io.netspec.engine.model.calico.CalicoRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calico's policy kinds, tiers and service accounts read into facts; bad fields are errors at their line. */
class CalicoReaderTest {

    @Test
    void readsANetworkPolicyWithEveryKindOfMatch() {
        LoadResult r = KindsTest.load("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  tier: security
                  order: 10.5
                  selector: app == 'db' && !has(debug)
                  serviceAccountSelector: role == 'db'
                  types: [Ingress, Egress]
                  ingress:
                  - action: Deny
                    protocol: TCP
                    source:
                      nets: [10.1.0.0/16, 192.168.1.1]
                      notSelector: team in {'red'}
                      namespaceSelector: env == 'prod'
                    destination:
                      ports: [5432, '6000:6010', pg]
                      notPorts: [6005]
                  - action: Allow
                    protocol: ICMP
                    icmp: {type: 8, code: 0}
                    source:
                      serviceAccounts: {names: [api], selector: tier == 'web'}
                  - action: Pass
                    notProtocol: 136
                  egress:
                  - action: Log
                  - action: Allow
                    protocol: UDPLite
                """);
        assertThat(r.errors()).isEmpty();
        CalicoPolicyFact p = r.cluster().calico().policies().get(0);
        assertThat(p.calicoKind()).isEqualTo(CalicoKind.NETWORK_POLICY);
        assertThat(p.tier()).isEqualTo("security");
        assertThat(p.order()).hasValue(10.5);
        assertThat(p.selector().matches(Map.of("app", "db"))).isTrue();
        assertThat(p.selector().matches(Map.of("app", "db", "debug", "1"))).isFalse();
        assertThat(p.ingressType()).isTrue();
        assertThat(p.egressType()).isTrue();
        CalicoRule deny = p.ingress().get(0);
        assertThat(deny.action()).isEqualTo(CalicoAction.DENY);
        assertThat(deny.protocol())
                .hasValueSatisfying(x -> assertThat(x.number()).isEqualTo(6));
        assertThat(deny.source().nets()).extracting(Object::toString).containsExactly("10.1.0.0/16", "192.168.1.1/32");
        assertThat(deny.destination().ports())
                .containsExactly(CalicoPort.range(5432, 5432), CalicoPort.range(6000, 6010), CalicoPort.named("pg"));
        assertThat(deny.sourceRef().line()).isEqualTo(11);
        CalicoRule icmp = p.ingress().get(1);
        assertThat(icmp.icmp()).hasValueSatisfying(i -> assertThat(i.type()).hasValue(8));
        assertThat(icmp.source().serviceAccountNames()).containsExactly("api");
        assertThat(p.ingress().get(2).notProtocol())
                .hasValueSatisfying(x -> assertThat(x.number()).isEqualTo(136));
        assertThat(p.egress()).extracting(CalicoRule::action).containsExactly(CalicoAction.LOG, CalicoAction.ALLOW);
        assertThat(p.egress().get(1).protocol())
                .hasValueSatisfying(x -> assertThat(x.number()).isEqualTo(136));
    }

    @Test
    void typesDefaultAsCalicoDefaultsThem() {
        LoadResult r = KindsTest.load("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: no-rules}
                spec: {selector: all()}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: egress-only}
                spec:
                  egress: [{action: Allow}]
                ---
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata: {name: both}
                spec:
                  namespaceSelector: has(team)
                  ingress: [{action: Allow}]
                  egress: [{action: Allow}]
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().calico().policies())
                .extracting(p -> p.name() + " " + p.ingressType() + " " + p.egressType() + " "
                        + p.namespace().isEmpty())
                .containsExactly("no-rules true false true", "egress-only false true true", "both true true true");
        assertThat(r.cluster().calico().policies().get(2).namespaceSelector()).isPresent();
    }

    @Test
    void tiersAndServiceAccountsAreRead() {
        LoadResult r = KindsTest.load("""
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: security}
                spec: {order: 100, defaultAction: Pass}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: api, namespace: shop, labels: {role: api}}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().calico().tiers()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("security");
            assertThat(t.order()).hasValue(100);
            assertThat(t.passByDefault()).isTrue();
        });
        assertThat(r.cluster().calico().serviceAccounts())
                .singleElement()
                .satisfies(sa -> assertThat(sa.labels()).containsEntry("role", "api"));
    }

    @Test
    void stagedPoliciesAreReadButNeverEnforced() {
        LoadResult r = KindsTest.load("""
                apiVersion: projectcalico.org/v3
                kind: StagedGlobalNetworkPolicy
                metadata: {name: deny}
                spec: {selector: all(), types: [Ingress]}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().calico().policies()).isEmpty();
        assertThat(r.cluster().ignored()).extracting(o -> o.kind()).containsExactly("StagedGlobalNetworkPolicy");
        assertThat(r.problems())
                .anyMatch(p ->
                        p.message().contains("is staged: Calico reports what it would do but" + " never enforces it"));
    }

    @Test
    void badFieldsAreErrorsAtTheirLine() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: bad, namespace: shop}
                spec:
                  selector: app = 'x'
                  order: high
                  types: [Inbound]
                  ingress:
                  - action: Accept
                  - protocol: TCP
                  - action: Allow
                    destination: {ports: [80]}
                  - action: Allow
                    protocol: TCP
                    icmp: {type: 8}
                  - action: Allow
                    protocol: XTP
                  - action: Allow
                    protocol: ICMP
                    icmp: {code: 3}
                  - action: Allow
                    source: {notNets: [0.0.0.0/0], nets: [10.0.0.0/33]}
                  - action: Allow
                    protocol: TCP
                    destination: {ports: ['90:80', 0]}
                  - action: Allow
                    source: {selector: "has(a) &&"}
                """, "t.yaml");
        assertThat(r.errors())
                .extracting(p -> p.source().line() + ": " + p.message())
                .containsExactly(
                        "5: spec.selector: invalid selector \"app = 'x'\": column 5: expected ==",
                        "6: spec.order: expected a number, found a string (high)",
                        "9: spec.ingress[0].action: unknown action \"Accept\"; use Allow, Deny, Pass or Log",
                        "10: spec.ingress[1]: action is missing; use Allow, Deny, Pass or Log",
                        "12: spec.ingress[2].destination: port numbers need protocol TCP, UDP or SCTP (the rule has none)",
                        "15: spec.ingress[3]: icmp and notICMP need protocol ICMP or ICMPv6",
                        "17: spec.ingress[4].protocol: unknown protocol a string (XTP); use TCP, UDP, ICMP, ICMPv6, SCTP,"
                                + " UDPLite or a number 1-255",
                        "20: spec.ingress[5].icmp.code: an ICMP code needs a type",
                        "22: spec.ingress[6].source.nets[0]: invalid CIDR \"10.0.0.0/33\": prefix length 33 is out of range 0-32",
                        "22: spec.ingress[6].source.notNets[0]: Calico rejects a notNets that excludes every address (0.0.0.0/0)",
                        "25: spec.ingress[7].destination.ports[0]: \"90:80\" is not a port (1-65535), a range \"from:to\" or a"
                                + " port name",
                        "25: spec.ingress[7].destination.ports[1]: \"0\" is not a port (1-65535), a range \"from:to\" or a port"
                                + " name",
                        "27: spec.ingress[8].source.selector: invalid selector \"has(a) &&\": column 10: expected a label,"
                                + " has(), all(), global(), '!' or '(', found the end of the selector",
                        "7: spec.types[0]: unknown policy type \"Inbound\"; use Ingress or Egress");
        assertThat(r.cluster().calico().policies())
                .singleElement()
                .satisfies(p -> assertThat(p.rules(Direction.INGRESS)).isEmpty());
    }
}
