Feature: Segmentation of the shop's tiers
  Each tier talks only to the tier behind it: the ingress controller to the web frontend,
  the frontend to the api, the api to its cache and to the database. Everything else is denied
  by each namespace's default-deny policy.

  Background:
    Given the manifests in ".."

  Scenario: the request path through the tiers is open
    Then deployment "ingress-nginx-controller" in "ingress-nginx" can reach deployment "web" in "shop-frontend" on port http
    And deployment "web" in "shop-frontend" can reach deployment "api" in "shop-backend" on port 8080
    And deployment "api" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
    And deployment "api" in "shop-backend" can reach deployment "redis" in "shop-backend" on port redis

  Scenario: the frontend cannot skip the api
    Then deployment "web" in "shop-frontend" cannot reach statefulset "postgres" in "shop-data"
    And deployment "web" in "shop-frontend" must not reach deployment "redis" in "shop-backend"
    And pods labelled "app=web" in any namespace cannot reach pods labelled "tier=data" in any namespace

  Scenario: only the api reads the database
    Then deployment "worker" in "shop-backend" cannot reach statefulset "postgres" in "shop-data" on port 5432
    And workload "shop-backend/redis" must not reach workload "shop-data/postgres" on port 5432
    And pods labelled "tier=backend,app=api" in "shop-backend" can reach workload "shop-data/postgres" on port postgres

  Scenario: nothing calls back into the frontend
    Then pods labelled "team=checkout" in "shop-backend" cannot reach deployment "web" in "shop-frontend"
    And statefulset "postgres" in "shop-data" cannot reach pods labelled "tier=backend" in "shop-backend"

  Scenario: every application pod is isolated both ways
    Then pods labelled "tier=frontend" in "shop-frontend" is isolated for ingress
    And pods labelled "tier=frontend" in "shop-frontend" is isolated for egress
    And pods labelled "team=checkout" in "shop-backend" is isolated for ingress
    And statefulset "postgres" in "shop-data" is isolated for egress

  Scenario: the ingress controller is fenced in like the application
    Then deployment "ingress-nginx-controller" in "ingress-nginx" is isolated for ingress
    And deployment "ingress-nginx-controller" in "ingress-nginx" is isolated for egress
    And deployment "ingress-nginx-controller" in "ingress-nginx" can reach cidr "172.20.0.0/28" on port 6443
    And deployment "ingress-nginx-controller" in "ingress-nginx" cannot reach deployment "api" in "shop-backend"

  Scenario: kube-system belongs to the cluster operator and carries no policies
    Then deployment "coredns" in "kube-system" is not isolated for ingress
    And deployment "coredns" in "kube-system" is not isolated for egress
