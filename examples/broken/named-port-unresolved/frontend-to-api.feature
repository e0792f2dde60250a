Feature: The frontend calls the api
  Scenario: web reaches the api on its serving port
    Given the manifests in "manifests.yaml"
    Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 8080
