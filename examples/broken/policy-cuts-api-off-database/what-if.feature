Feature: Locking down the database keeps the api connected
  Scenario: the new postgres policy still lets the api in
    Given the manifests in "manifests"
    And deployment "api" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
    When the manifests in "change/postgres-ingress.yaml" are applied
    Then statefulset "postgres" in "shop-data" is isolated for ingress
    And deployment "api" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
