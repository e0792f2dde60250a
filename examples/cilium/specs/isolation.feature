Feature: The shop under Cilium policies
  A clusterwide default deny isolates every application pod; each tier then opens what it needs.
  Cilium's own rules decide: deny rules win over any allow, CIDR rules never match pods, and a
  selector on the service account picks the api's callers.

  Background:
    Given the manifests in ".."

  Scenario: the web tier is the only way in from the internet
    Then the world can reach deployment "web" in "shop" on port 8080/TCP
    And the world cannot reach deployment "api" in "shop" on port 9000/TCP
    And the world cannot reach deployment "web" in "shop" on port 9090/TCP

  Scenario: only the web's service account reaches the api
    Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 9000/TCP
    And deployment "legacy-batch" in "shop" cannot reach deployment "api" in "shop" on port 9000/TCP

  Scenario: the admin port is denied even to Prometheus, which the clusterwide policy allows
    Then deployment "prometheus" in "monitoring" cannot reach deployment "api" in "shop" on port 9090/TCP
    And deployment "prometheus" in "monitoring" can reach deployment "web" in "shop" on port 9090/TCP

  Scenario: the api reaches the payment network but not its sandbox
    Then deployment "api" in "shop" can reach cidr "203.0.113.10/32" on port 443/TCP
    And deployment "api" in "shop" cannot reach cidr "203.0.113.200/32" on port 443/TCP

  Scenario: the legacy batch job never reaches the world
    Then deployment "legacy-batch" in "shop" cannot reach the world on port 443/TCP
