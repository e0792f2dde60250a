Feature: Specs as a platform engineer writes them after reading the README
  Each line is a phrasing a new user wrote without knowing netspec's grammar; every one of them
  must run (none undefined) and pass on this small shop.

  Background:
    Given the manifests in "cluster.yaml"

  Scenario: the issue's example and its synonyms
    Then deployment "frontend" in "shop" must not reach statefulset "postgres" in "shop"
    And deployment "frontend" in "shop" should not reach statefulset "postgres" in "shop"
    And deployment "frontend" in "shop" can not reach statefulset "postgres" in "shop"
    But deployment "frontend" in "shop" should reach deployment "api" in "shop"
    And deployment "api" in "shop" must reach statefulset "postgres" in "shop" on port 5432

  Scenario: protocols written before the port, after it, or as "over"
    Then deployment "api" in "shop" can reach statefulset "postgres" in "shop" on TCP port 5432
    And deployment "api" in "shop" can reach service "kube-dns" in "kube-system" on UDP port 53
    And deployment "api" in "shop" can reach service "kube-dns" in "kube-system" on TCP port 53
    And deployment "api" in "shop" can reach deployment "coredns" in "kube-system" on port 53/udp
    And deployment "api" in "shop" can reach service "kube-dns" in "kube-system" on port 53 over UDP
    And deployment "api" in "shop" cannot reach deployment "coredns" in "kube-system" on TCP port 9153

  Scenario: named ports, quoted or not
    Then deployment "frontend" in "shop" can reach deployment "api" in "shop" on port "http"
    And deployment "frontend" in "shop" can reach deployment "api" in "shop" on port http
    And deployment "frontend" in "shop" can reach service "api" in "shop" on port http
    And deployment "frontend" in "shop" can reach service "api" in "shop" on port 80
    And deployment "frontend" in "shop" cannot reach deployment "api" in "shop" on port "grpc"

  Scenario: lists of ports
    Then deployment "api" in "shop" can reach the internet on ports 443 and 8080
    But deployment "frontend" in "shop" cannot reach deployment "api" in "shop" on ports 9001, 22 and 8080
    And deployment "api" in "shop" can reach service "kube-dns" in "kube-system" on ports 53 over UDP

  Scenario: port ranges
    Then deployment "api" in "shop" can reach the internet on ports 8000-8100
    And deployment "api" in "shop" can reach the internet on port range 8000-8100
    And deployment "api" in "shop" cannot reach the internet on ports 8101-8200
    And deployment "api" in "shop" must not reach cidr "10.0.0.0/8" on TCP ports 1-65535

  Scenario: references written the Kubernetes way
    Then Deployment "frontend" in "shop" cannot reach StatefulSet "postgres" in "shop"
    And deployment "frontend" in namespace "shop" cannot reach statefulset "postgres" in namespace "shop"
    And pods labelled app=web in "shop" cannot reach pods labelled app=postgres in "shop"
    And pods labeled "app=web" in namespace "shop" cannot reach pods labeled "app=postgres" in "shop"
    And namespace "shop" cannot reach the internet on port 80
    And the Internet cannot reach deployment "api" in "shop"

  Scenario: names without a namespace, where only one namespace has them
    Then deployment "frontend" must not reach statefulset "postgres"
    And deployment "api" can reach service "kube-dns" on UDP port 53
    And pods labelled app=web cannot reach pods labelled app=postgres
    And all pods in "shop" can reach service "kube-dns" in "kube-system" on port 53/UDP

  Scenario: cluster DNS by name
    Then deployment "frontend" in "shop" can reach the cluster DNS
    And pods labelled app=web can reach kube-dns on UDP port 53
    And namespace "shop" can reach DNS on ports 53 over UDP
    And daemonset "node-agent" in "kube-system" can reach the cluster DNS on port dns-tcp

  Scenario: can't, with a typewriter or a typographic apostrophe
    Then deployment "frontend" in "shop" can't reach statefulset "postgres" in "shop"
    And deployment "frontend" in "shop" can’t reach statefulset "postgres" in "shop"
    And deployment "frontend" in "shop" can't reach deployment "api" in "shop" on port 9001
    And deployment "frontend" in "shop" can’t reach deployment "api" in "shop" on ports 9001 and 22

  Scenario: every workload kind
    Then daemonset "node-agent" in "kube-system" cannot reach statefulset "postgres" in "shop"
    And pod "debug" in "shop" cannot reach statefulset "postgres" in "shop"
    And cronjob "backup" in "shop" cannot reach statefulset "postgres" in "shop"
    And job "migrate" in "shop" can reach service "kube-dns" in "kube-system" on UDP port 53

  Scenario: isolation, with or without "traffic"
    Then statefulset "postgres" in "shop" is isolated for ingress
    And statefulset "postgres" in "shop" is isolated for ingress traffic
    And deployment "coredns" in "kube-system" is not isolated for egress traffic

  Scenario: findings
    Then there are no errors
    And the checks report no errors
    And rule "unknown-dependency" reports nothing
    And rule "missing-default-deny-ingress" reports nothing on namespace "shop"

  Scenario Outline: <source> and postgres on <port>
    Then deployment "<source>" in "shop" <verb> statefulset "postgres" in "shop" on <port>

    Examples:
      | source   | verb         | port          |
      | api      | can reach    | port 5432     |
      | api      | must reach   | TCP port 5432 |
      | frontend | cannot reach | port 5432/TCP |
      | api      | cannot reach | port 22       |
