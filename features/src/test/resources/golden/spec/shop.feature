Feature: shop isolation (golden report)

  Background:
    Given the manifests:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: web:1}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: shop}
      spec:
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: db:1, ports: [{name: pg, containerPort: 5432}]}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-web, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: pg}]
      """

  Scenario: web reaches the database
    Then deployment "web" in "shop" can reach statefulset "db" in "shop" on port 5432

  Scenario: the database is closed to web on other ports
    Then deployment "web" in "shop" cannot reach statefulset "db" in "shop" on port 22

  Scenario: a spec that fails
    Then deployment "web" in "shop" must not reach statefulset "db" in "shop"

  Scenario: a step nobody defined
    Then the moon is made of cheese
