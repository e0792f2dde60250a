Feature: The api uses the database through its Service
  Scenario: the api reaches the postgres Service
    Given the manifests in "manifests.yaml"
    Then deployment "api" in "shop" can reach statefulset "postgres" in "shop" on port 5432
    And deployment "api" in "shop" can reach service "postgres" in "shop" on port 5432

  Scenario: the built-in service-discovery pack flags it too
    Given the manifests in "manifests.yaml"
    Then rule "service-target-port-mismatch" reports service "postgres" in "shop"
