Feature: Traffic to and from the internet
  The ingress controller is the one public entry point. Only the worker calls out, to the payment
  provider's range 203.0.113.0/24 on 443, minus the provider's internal /28. "the internet" is any
  address outside the cluster: "can reach the internet" means some external address is reachable,
  "cannot reach the internet" means none is.

  Background:
    Given the manifests in ".."

  Scenario: the ingress controller is the only public entry point
    Then the internet can reach deployment "ingress-nginx-controller" in "ingress-nginx" on port 443
    And the internet cannot reach deployment "web" in "shop-frontend"
    And the internet must not reach deployment "api" in "shop-backend"
    And the internet cannot reach statefulset "postgres" in "shop-data"

  Scenario: only the worker calls out, to the payment provider
    Then deployment "worker" in "shop-backend" can reach the internet on port 443
    And deployment "worker" in "shop-backend" can reach cidr "203.0.113.0/25" on port 443
    And deployment "worker" in "shop-backend" must not reach cidr "203.0.113.240/28"
    And deployment "worker" in "shop-backend" cannot reach the internet on port 80
    And deployment "api" in "shop-backend" cannot reach the internet
    And statefulset "postgres" in "shop-data" cannot reach the internet
    And pods labelled "tier=frontend" in "shop-frontend" cannot reach cidr "0.0.0.0/0"
