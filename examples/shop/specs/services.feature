Feature: Services lead to pods that accept the traffic
  A call goes to a Service port; Kubernetes forwards it to the targetPort of the pods behind the
  Service (a named targetPort is looked up in each pod). These specs follow that path, so a
  Service whose targetPort names a port the pods do not declare fails here.

  Background:
    Given the manifests in ".."

  Scenario: the frontend calls the api through its Service
    Then deployment "web" in "shop-frontend" can reach service "api" in "shop-backend" on port 8080
    And deployment "web" in "shop-frontend" can reach service "api" in "shop-backend" on port http

  Scenario: the api and the worker use redis through its Service
    Then pods labelled "app=api" in "shop-backend" can reach service "redis" in "shop-backend"
    And deployment "worker" in "shop-backend" can reach service "redis" in "shop-backend" on port 6379

  Scenario: the database Service is for the api only
    Then deployment "api" in "shop-backend" can reach service "postgres" in "shop-data" on port 5432
    And deployment "worker" in "shop-backend" cannot reach service "postgres" in "shop-data"
    And deployment "web" in "shop-frontend" must not reach service "postgres" in "shop-data" on port postgres

  Scenario: the ingress controller reaches the web Service's pods
    Then deployment "ingress-nginx-controller" in "ingress-nginx" can reach service "web" in "shop-frontend" on port 80
