Feature: What the built-in rule packs find in the shop
  The shop is clean except for one deliberate mistake: worker-config still names the
  inventory Service, which was folded into the api and no longer exists.

  Background:
    Given the manifests in ".."

  Scenario: the stale dependency is the only finding, and it is a warning
    Then rule "unknown-dependency" reports deployment "worker" in "shop-backend"
    And rule "unknown-dependency" reports nothing on deployment "api" in "shop-backend"
    And rule "service-target-port-mismatch" reports nothing
    And the checks report no errors

  Scenario: dropping the stale entry leaves no findings at all
    When these manifests are applied:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: worker-config
        namespace: shop-backend
        labels: {app: worker, team: checkout}
      data:
        REDIS_ADDR: redis.shop-backend:6379
        PAYMENT_API_URL: https://api.payments.example.net/v2
        QUEUE_NAME: orders
      """
    Then rule "unknown-dependency" reports nothing
    And the checks report no findings
