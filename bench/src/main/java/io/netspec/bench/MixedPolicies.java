package io.netspec.bench;

import io.netspec.bench.ClusterPlan.AppPlan;
import io.netspec.bench.ClusterPlan.NamespacePlan;
import io.netspec.bench.PolicyMix.Layer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The policies of the other layers, as YAML documents written by plain string building (like
 * {@link ManifestWriter}), in the shapes platform teams write them: per team, cluster-admin policies
 * protecting the team's databases from dev namespaces and letting monitoring in; per application, a
 * CNI policy of the plugin's own kind. Every peer names labels the generated namespaces and pods
 * carry, so the policies select and match real workloads.
 */
final class MixedPolicies {

    /** Documents by layer, for counting. */
    record Docs(List<String> admin, List<String> calico, List<String> cilium) {
        static Docs empty() {
            return new Docs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        int size() {
            return admin.size() + calico.size() + cilium.size();
        }

        List<String> all() {
            List<String> out = new ArrayList<>(admin);
            out.addAll(calico);
            out.addAll(cilium);
            return out;
        }
    }

    private MixedPolicies() {}

    /** The cluster-scoped policies of the mix, written once for the whole cluster. */
    static Docs clusterScoped(ClusterPlan plan, PolicyMix mix) {
        Set<String> teams = new LinkedHashSet<>();
        Set<String> envs = new LinkedHashSet<>();
        for (NamespacePlan ns : plan.namespaces()) {
            if (!ns.system()) {
                teams.add(ns.team());
                envs.add(ns.env());
            }
        }
        Docs docs = Docs.empty();
        if (mix.has(Layer.ADMIN)) {
            // Calico and Cilium enforce only ClusterNetworkPolicy v1alpha2, not the v1alpha1 kinds: with a
            // plugin, the same intent is written in v1alpha2 so every generated policy takes part
            boolean v1alpha2Only = mix.hasPluginPolicies();
            int i = 0;
            for (String team : teams) {
                docs.admin().add(protectData(team, 10 + i++, v1alpha2Only));
            }
            int j = 0;
            for (String env : envs) {
                docs.admin().add(clusterNetworkPolicy(env, 500 + j++));
            }
            docs.admin().add(isolateDev(v1alpha2Only));
            docs.admin().add(BASELINE_DEV_NOT_TO_PROD);
        }
        if (mix.has(Layer.CALICO)) {
            docs.calico().add(CALICO_TIER);
            docs.calico().add(CALICO_DNS);
            int i = 0;
            for (String team : teams) {
                docs.calico().add(calicoTeam(team, 10 + i++));
            }
        }
        if (mix.has(Layer.CILIUM)) {
            for (String team : teams) {
                docs.cilium().add(ciliumTeam(team));
            }
        }
        return docs;
    }

    /** {@code count} namespaced policies of the mix's plugin for the namespace's applications, in app order. */
    static Docs namespaced(NamespacePlan ns, PolicyMix mix, int count) {
        Docs docs = Docs.empty();
        List<AppPlan> apps = ns.apps();
        for (int n = 0; n < count && !apps.isEmpty(); n++) {
            AppPlan app = apps.get(n % apps.size());
            String suffix = n < apps.size() ? "" : "-" + (n / apps.size() + 1);
            if (mix.has(Layer.CALICO)) {
                docs.calico().add(calicoApp(ns.name(), app.name(), suffix, 9000 + n % 10));
            } else if (mix.has(Layer.CILIUM)) {
                docs.cilium().add(ciliumApp(ns.name(), app.name(), suffix, 9000 + n % 10));
            }
        }
        return docs;
    }

    /**
     * Per team: the team's {@code tier=db} pods deny dev namespaces and pass the team's own on; an
     * AdminNetworkPolicy v1alpha1, or with {@code v1alpha2} the same rules as a ClusterNetworkPolicy of the
     * Admin tier.
     */
    private static String protectData(String team, int priority, boolean v1alpha2) {
        return adminHeader(v1alpha2, "AdminNetworkPolicy", "protect-data-" + team, "Admin", priority)
                + "  subject:\n    pods:\n"
                + "      namespaceSelector:\n        matchLabels:\n          team: " + team + "\n"
                + "      podSelector:\n        matchLabels:\n          tier: db\n  ingress:\n"
                + "    - name: deny-dev\n      action: Deny\n      from:\n        - namespaces:\n"
                + "            matchLabels:\n              env: dev\n"
                + "    - name: pass-own-team\n      action: Pass\n      from:\n        - namespaces:\n"
                + "            matchLabels:\n              team: " + team + "\n";
    }

    /**
     * Dev namespaces accept ingress only from dev: the BaselineAdminNetworkPolicy {@code default}
     * (v1alpha1), or with {@code v1alpha2} a ClusterNetworkPolicy of the Baseline tier.
     */
    private static String isolateDev(boolean v1alpha2) {
        return adminHeader(
                        v1alpha2,
                        "BaselineAdminNetworkPolicy",
                        v1alpha2 ? "baseline-isolate-dev" : "default",
                        "Baseline",
                        v1alpha2 ? 5 : NO_PRIORITY)
                + ISOLATE_DEV_SPEC;
    }

    private static final int NO_PRIORITY = -1;

    /** The document up to {@code spec:}'s first field: a v1alpha1 kind, or a ClusterNetworkPolicy of {@code tier}. */
    private static String adminHeader(boolean v1alpha2, String v1alpha1Kind, String name, String tier, int priority) {
        String kind = v1alpha2
                ? "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n"
                : "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: " + v1alpha1Kind + "\n";
        return "---\n" + kind + "metadata:\n  name: " + name + "\nspec:\n" + (v1alpha2 ? "  tier: " + tier + "\n" : "")
                + (priority == NO_PRIORITY ? "" : "  priority: " + priority + "\n");
    }

    /** Under Cilium, the agent option that makes it enforce ClusterNetworkPolicy (off by default). */
    static final String CILIUM_CONFIG = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cilium-config
              namespace: kube-system
            data:
              enable-k8s-cluster-network-policy: "true"
            """;

    private static String clusterNetworkPolicy(String env, int priority) {
        return "---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n"
                + "  name: monitoring-" + env + "\nspec:\n  tier: Admin\n  priority: " + priority + "\n  subject:\n"
                + "    namespaces:\n      matchLabels:\n        env: " + env + "\n  ingress:\n"
                + "    - name: allow-prometheus\n      action: Accept\n      from:\n        - pods:\n"
                + "            namespaceSelector:\n              matchLabels:\n"
                + "                kubernetes.io/metadata.name: monitoring\n"
                + "            podSelector:\n              matchLabels:\n                app: prometheus\n";
    }

    private static final String ISOLATE_DEV_SPEC = """
              subject:
                namespaces:
                  matchLabels:
                    env: dev
              ingress:
                - name: isolate-dev
                  action: Deny
                  from:
                    - namespaces:
                        matchExpressions:
                          - key: env
                            operator: NotIn
                            values:
                              - dev
            """;

    private static final String BASELINE_DEV_NOT_TO_PROD = """
            ---
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata:
              name: baseline-dev-not-to-prod
            spec:
              tier: Baseline
              priority: 10
              subject:
                namespaces:
                  matchLabels:
                    env: dev
              egress:
                - name: deny-prod
                  action: Deny
                  to:
                    - namespaces:
                        matchLabels:
                          env: prod
            """;

    private static final String CALICO_TIER = """
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata:
              name: platform
            spec:
              order: 100
              defaultAction: Pass
            """;

    private static final String CALICO_DNS = """
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata:
              name: platform.allow-dns
            spec:
              tier: platform
              order: 1
              selector: all()
              types:
                - Egress
              egress:
                - action: Allow
                  protocol: UDP
                  destination:
                    namespaceSelector: projectcalico.org/name == 'kube-system'
                    selector: k8s-app == 'kube-dns'
                    ports:
                      - 53
                - action: Pass
            """;

    private static String calicoTeam(String team, int order) {
        return "---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: platform.team-"
                + team + "\nspec:\n  tier: platform\n  order: " + order + "\n  namespaceSelector: team == '" + team
                + "'\n  selector: tier == 'db'\n  types:\n    - Ingress\n  ingress:\n    - action: Deny\n"
                + "      source:\n        namespaceSelector: env == 'dev'\n    - action: Pass\n";
    }

    private static String calicoApp(String namespace, String app, String suffix, int port) {
        return "---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: calico-" + app + suffix
                + "\n  namespace: " + namespace + "\nspec:\n  order: 500\n  selector: app == '" + app + "'\n"
                + "  types:\n    - Ingress\n  ingress:\n    - action: Deny\n      protocol: TCP\n      source:\n"
                + "        namespaceSelector: env == 'dev'\n      destination:\n        ports:\n          - 9090\n"
                + "    - action: Allow\n      protocol: TCP\n      source:\n        selector: app == '" + app + "'\n"
                + "      destination:\n        ports:\n          - " + port + "\n";
    }

    private static String ciliumTeam(String team) {
        return "---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: team-" + team
                + "-db\nspec:\n  endpointSelector:\n    matchLabels:\n      team: " + team + "\n      tier: db\n"
                + "  ingress:\n    - fromEndpoints:\n        - matchLabels:\n            team: " + team + "\n"
                + "  ingressDeny:\n    - fromEntities:\n        - world\n";
    }

    private static String ciliumApp(String namespace, String app, String suffix, int port) {
        return "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: cilium-" + app + suffix
                + "\n  namespace: " + namespace + "\nspec:\n  endpointSelector:\n    matchLabels:\n      app: " + app
                + "\n  ingress:\n    - fromEndpoints:\n        - matchLabels:\n            app: " + app + "\n"
                + "      toPorts:\n        - ports:\n            - port: \"" + port
                + "\"\n              protocol: TCP\n";
    }
}
