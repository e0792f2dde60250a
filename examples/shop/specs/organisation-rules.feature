Feature: ACME's own conventions run beside the built-in packs
  An organisation pack (examples/acme-pack) adds ACME's rules: every namespace names its
  team, and every Deployment behind a Service is isolated for egress too.

  Background:
    Given the manifests in ".."
    And the rule pack in "../../acme-pack"

  Scenario: CoreDNS serves a Service but is not isolated for egress
    Then rule "exposed-deployment-egress" reports deployment "coredns" in "kube-system"
    But rule "exposed-deployment-egress" reports nothing on deployment "api" in "shop-backend"
    And rule "exposed-deployment-egress" reports nothing on service "web" in "shop-frontend"
    And rule "namespace-team-label" reports nothing

  Scenario: an egress policy for CoreDNS settles it
    When these manifests are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: coredns-egress
        namespace: kube-system
      spec:
        podSelector:
          matchLabels: {k8s-app: kube-dns}
        policyTypes: [Egress]
        egress:
          - ports:
              - {protocol: UDP, port: 53}
              - {protocol: TCP, port: 53}
      """
    Then rule "exposed-deployment-egress" reports nothing
    And deployment "coredns" in "kube-system" is isolated for egress
