Feature: What if a change is applied
  A what-if applies manifests on top of the shop: objects replace those of the same kind,
  namespace and name, new ones are added. The checks then run on the changed cluster.

  Background:
    Given the manifests in ".."

  Scenario: letting the worker write reports to the database takes two policies
    Given deployment "worker" in "shop-backend" cannot reach statefulset "postgres" in "shop-data"
    When these manifests are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: worker-to-postgres
        namespace: shop-backend
      spec:
        podSelector:
          matchLabels:
            app: worker
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: shop-data
                podSelector:
                  matchLabels:
                    app: postgres
            ports:
              - port: 5432
      """
    Then deployment "worker" in "shop-backend" cannot reach statefulset "postgres" in "shop-data" on port 5432
    When these manifests are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: postgres
        namespace: shop-data
      spec:
        podSelector:
          matchLabels:
            app: postgres
        policyTypes: [Ingress]
        ingress:
          - from:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: shop-backend
                podSelector:
                  matchExpressions:
                    - {key: app, operator: In, values: [api, worker]}
            ports:
              - port: postgres
      """
    Then deployment "worker" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
    And deployment "api" in "shop-backend" can reach statefulset "postgres" in "shop-data" on port 5432
    But deployment "redis" in "shop-backend" cannot reach statefulset "postgres" in "shop-data"

  Scenario: a nightly report job starts out fully isolated
    When these manifests are applied:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: nightly-report
        namespace: shop-backend
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              metadata:
                labels:
                  app: nightly-report
                  tier: backend
              spec:
                restartPolicy: OnFailure
                containers:
                  - name: report
                    image: registry.example.com/shop/report:1.0.0
      """
    Then cronjob "nightly-report" in "shop-backend" is isolated for egress
    And cronjob "nightly-report" in "shop-backend" cannot reach statefulset "postgres" in "shop-data"
    And cronjob "nightly-report" in "shop-backend" can reach service "kube-dns" in "kube-system" on port 53/UDP
