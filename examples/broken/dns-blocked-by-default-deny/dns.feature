Feature: The api resolves Service names
  Scenario: the api reaches its database and cluster DNS
    Given the manifests in "manifests.yaml"
    Then deployment "api" in "shop" can reach statefulset "postgres" in "shop" on port 5432
    And deployment "api" in "shop" can reach service "kube-dns" in "kube-system" on port 53/UDP

  Scenario: the built-in service-discovery pack flags it too
    Given the manifests in "manifests.yaml"
    Then rule "dns-egress-blocked" reports deployment "api" in "shop"
