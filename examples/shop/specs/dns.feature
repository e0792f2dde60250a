Feature: Cluster DNS stays reachable
  Every namespace denies egress by default, so each one needs an explicit rule to the CoreDNS
  pods in kube-system on port 53, over UDP and TCP. Without it every Service name fails to resolve.

  Background:
    Given the manifests in ".."

  Scenario Outline: <tier> pods resolve names over UDP and TCP
    Then pods labelled "tier=<tier>" in "<namespace>" can reach service "kube-dns" in "kube-system" on port 53/UDP
    And pods labelled "tier=<tier>" in "<namespace>" can reach service "kube-dns" in "kube-system" on port dns-tcp

    Examples:
      | tier     | namespace     |
      | frontend | shop-frontend |
      | backend  | shop-backend  |
      | cache    | shop-backend  |
      | data     | shop-data     |

  Scenario: the ingress controller resolves names too
    Then pods labelled "app.kubernetes.io/name=ingress-nginx" in "ingress-nginx" can reach service "kube-dns" in "kube-system" on port dns

  Scenario: DNS is the only way into kube-system
    Then deployment "api" in "shop-backend" can reach deployment "coredns" in "kube-system" on port dns/UDP
    And deployment "api" in "shop-backend" cannot reach deployment "coredns" in "kube-system" on port metrics
    And deployment "api" in "shop-backend" cannot reach deployment "coredns" in "kube-system" on port 9153/TCP
