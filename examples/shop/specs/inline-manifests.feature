Feature: Manifests written inline
  A scenario can describe a small cluster itself, in a doc string, or add objects to files it
  loads. Useful to pin down a policy's meaning before it is rolled out.

  Scenario: a node exporter DaemonSet is scraped only by prometheus
    Given the manifests:
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: monitoring
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: node-exporter
        namespace: monitoring
      spec:
        selector:
          matchLabels: {app: node-exporter}
        template:
          metadata:
            labels: {app: node-exporter}
          spec:
            containers:
              - name: node-exporter
                image: quay.io/prometheus/node-exporter:v1.8.2
                ports:
                  - {name: metrics, containerPort: 9100}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: prometheus
        namespace: monitoring
      spec:
        serviceName: prometheus
        selector:
          matchLabels: {app: prometheus}
        template:
          metadata:
            labels: {app: prometheus}
          spec:
            containers:
              - name: prometheus
                image: quay.io/prometheus/prometheus:v2.54.1
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        namespace: monitoring
        labels: {app: debug}
      spec:
        containers:
          - name: shell
            image: busybox:1.36
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: node-exporter
        namespace: monitoring
      spec:
        podSelector:
          matchLabels: {app: node-exporter}
        ingress:
          - from:
              - podSelector:
                  matchLabels: {app: prometheus}
            ports:
              - port: metrics
      """
    Then statefulset "prometheus" in "monitoring" can reach daemonset "node-exporter" in "monitoring" on port metrics
    And pod "debug" in "monitoring" cannot reach daemonset "node-exporter" in "monitoring"
    And daemonset "node-exporter" in "monitoring" is isolated for ingress
    And daemonset "node-exporter" in "monitoring" is not isolated for egress

  Scenario: inline manifests add to files
    Given the manifests in "../namespaces.yaml"
    And the manifests in "../data.yaml"
    And the manifests:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: migrations
        namespace: shop-data
      spec:
        selector:
          matchLabels: {app: migrations}
        template:
          metadata:
            labels: {app: migrations}
          spec:
            containers:
              - name: migrate
                image: registry.example.com/shop/migrate:2.7.0
      """
    Then deployment "migrations" in "shop-data" can reach statefulset "postgres" in "shop-data" on port 5432
