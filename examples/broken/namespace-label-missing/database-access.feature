Feature: The backend reads the database
  Scenario: the api reaches postgres
    Given the manifests in "manifests.yaml"
    Then deployment "api" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
