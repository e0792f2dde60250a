Feature: The shop under Calico: a global default deny, a security tier, and a Pass
  The default tier denies everything in the shop that no policy allows; the security tier
  decides scraping and cloud-metadata traffic first and passes the rest down.

  Background:
    Given the manifests in ".."

  Scenario: the intended paths are open
    Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 8080/TCP
    And deployment "api" in "shop" can reach statefulset "db" in "shop" on port 5432/TCP

  Scenario: the global default deny keeps app pods apart
    Then deployment "web" in "shop" cannot reach statefulset "db" in "shop"
    And statefulset "db" in "shop" cannot reach deployment "web" in "shop"
    And statefulset "db" in "shop" cannot reach deployment "api" in "shop"
    And deployment "api" in "shop" cannot reach deployment "web" in "shop"

  Scenario: the security tier lets monitoring scrape metrics, and nothing else
    Then deployment "prometheus" in "monitoring" can reach deployment "api" in "shop" on port 9100/TCP
    And deployment "prometheus" in "monitoring" can reach statefulset "db" in "shop" on port 9187/TCP
    And deployment "prometheus" in "monitoring" cannot reach deployment "api" in "shop" on port 8080/TCP

  Scenario: DNS stays reachable over UDP and TCP
    Then deployment "web" in "shop" can reach deployment "coredns" in "kube-system" on port 53/UDP
    And deployment "api" in "shop" can reach deployment "coredns" in "kube-system" on port 53/TCP

  Scenario: the security tier's Deny wins over every later allow
    Then deployment "coredns" in "kube-system" cannot reach deployment "prometheus" in "monitoring"
    And deployment "prometheus" in "monitoring" can reach deployment "coredns" in "kube-system"
