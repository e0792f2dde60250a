package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One object, one fact: an object defined twice keeps its later definition (as a second
 * {@code kubectl apply} would), and pods whose owner object is in the input are that object's peer.
 */
class ObjectIdentityTest {

    private static LoadResult load(String yaml) {
        LoadResult r = new ManifestLoader().loadString(yaml, "t.yaml");
        assertThat(r.errors()).as("errors").isEmpty();
        return r;
    }

    private static List<String> warnings(LoadResult r) {
        return r.problems().stream().map(LoadProblem::toString).toList();
    }

    @Test
    void deploymentDefinedTwiceInOneFileKeepsTheLaterDefinition() {
        LoadResult r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: api}}
                  template: {metadata: {labels: {app: api, v: "1"}}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: api}}
                  template: {metadata: {labels: {app: api, v: "2"}}}
                """);
        assertThat(warnings(r))
                .containsExactly("t.yaml:13: warning: Deployment shop/api is defined again (first at"
                        + " t.yaml:1); the later definition is used");
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.replicas()).isEqualTo(3);
            assertThat(w.podLabels()).containsEntry("v", "2");
            assertThat(w.source()).isEqualTo(new SourceRef("t.yaml", 13));
        });
    }

    @Test
    void definedAgainAcrossFilesNamesTheFirstFile(@TempDir Path dir) throws IOException {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec: {podSelector: {}, policyTypes: [%s]}
                """;
        Path a = Files.writeString(dir.resolve("a.yaml"), policy.formatted("Ingress"));
        Path b = Files.writeString(
                dir.resolve("b.yaml"), "# the same policy, now egress too\n" + policy.formatted("Ingress, Egress"));
        Path c = Files.writeString(dir.resolve("c.yaml"), policy.formatted("Egress"));
        LoadResult r = new ManifestLoader().load(List.of(a, b, c), new ByteArrayInputStream(new byte[0]));
        assertThat(warnings(r))
                .containsExactly(
                        b + ":2: warning: NetworkPolicy shop/deny is defined again (first at " + a
                                + ":1); the later definition is used",
                        c + ":1: warning: NetworkPolicy shop/deny is defined again (first at " + a
                                + ":1); the later definition is used");
        assertThat(r.cluster().policies()).singleElement().satisfies(p -> {
            assertThat(p.isolatesIngress()).isFalse();
            assertThat(p.isolatesEgress()).isTrue();
            assertThat(p.source().file()).isEqualTo(c.toString());
        });
    }

    /** Every kind netspec reads, and one it ignores, follows the same rule. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Namespace                  | v1                                    | shop        | {}                                          | Namespace shop",
                "ConfigMap                  | v1                                    | shop/cm     | {}                                          | ConfigMap shop/cm",
                "Service                    | v1                                    | shop/web    | {spec: {ports: [{port: 80}]}}               | Service shop/web",
                "Pod                        | v1                                    | shop/p      | {spec: {containers: [{name: c}]}}           | Pod shop/p",
                "StatefulSet                | apps/v1                               | shop/db     | {spec: {template: {}}}                      | StatefulSet shop/db",
                "Ingress                    | networking.k8s.io/v1                  | shop/in     | {}                                          | Ingress shop/in",
                "AdminNetworkPolicy         | policy.networking.k8s.io/v1alpha1     | anp         | {spec: {priority: 1, subject: {namespaces: {}}}} | AdminNetworkPolicy anp",
                "BaselineAdminNetworkPolicy | policy.networking.k8s.io/v1alpha1     | default     | {spec: {subject: {namespaces: {}}}}         | BaselineAdminNetworkPolicy default",
                "Route                      | route.openshift.io/v1                 | shop/r      | {spec: {to: {name: web}}}                   | Route shop/r",
                "ServiceAccount             | v1                                    | shop/sa     | {}                                          | ServiceAccount shop/sa",
            })
    void everyKindKeepsOneDefinition(String kind, String apiVersion, String ref, String body, String display) {
        String[] parts = ref.split("/");
        String metadata = parts.length == 2
                ? "{name: " + parts[1] + ", namespace: " + parts[0] + "}"
                : "{name: " + parts[0] + "}";
        String doc = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: " + metadata + "\n"
                + body.substring(1, body.length() - 1) + "\n";
        LoadResult r = load(doc + "---\n" + doc);
        assertThat(warnings(r))
                .containsExactly("t.yaml:6: warning: " + display
                        + " is defined again (first at t.yaml:1); the later definition is used");
        Cluster c = r.cluster();
        long count = c.namespaces().stream().filter(n -> n.declared()).count()
                + c.configMaps().size()
                + c.services().size()
                + c.workloads().size()
                + c.ingresses().size()
                + c.adminPolicies().size()
                + c.routes().size()
                + c.ignored().size()
                + c.calico().serviceAccounts().size();
        assertThat(count).as("one fact").isEqualTo(1L);
    }

    @Test
    void sameNameInOtherNamespacesOrKindsIsNotADuplicate() {
        LoadResult r = load("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: b}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {template: {}}
                ---
                apiVersion: example.com/v1
                kind: Deployment
                metadata: {name: web}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().services()).hasSize(3);
        assertThat(r.cluster().workloads()).hasSize(1);
        assertThat(r.cluster().ignored()).hasSize(1);
    }

    @Test
    void oldApiGroupsNameTheSameObject() {
        LoadResult r = load("""
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: in, namespace: shop}
                spec: {backend: {serviceName: old, servicePort: 80}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: in, namespace: shop}
                spec: {defaultBackend: {service: {name: new, port: {number: 80}}}}
                """);
        assertThat(warnings(r)).singleElement().asString().contains("Ingress shop/in is defined again");
        assertThat(r.cluster().ingresses())
                .singleElement()
                .satisfies(i -> assertThat(i.backends().get(0).serviceName()).isEqualTo("new"));
    }

    @Test
    void generatedNamesAreNeverDuplicates() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {generateName: worker-}
                spec: {containers: [{name: c}]}
                """;
        LoadResult r = load(pod + "---\n" + pod);
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().workloads()).hasSize(2);
    }

    private static final String OWNED_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: %s
              namespace: shop
              labels: {%s}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c, controller: true}]
            spec: {containers: [{name: c, ports: [{containerPort: %d}]}]}
            """;

    @Test
    void podsOfOneOwnerAreNotDuplicatesButAPodDefinedTwiceIs() {
        LoadResult r = load(String.join(
                "---\n",
                OWNED_POD.formatted("web-a", "app: web", 80),
                OWNED_POD.formatted("web-b", "app: web", 80),
                OWNED_POD.formatted("web-a", "app: web", 8080)));
        assertThat(warnings(r))
                .containsExactly("t.yaml:19: warning: Pod shop/web-a is defined again (first at"
                        + " t.yaml:1); the later definition is used");
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("shop/web-7d9c[ReplicaSet]");
            assertThat(w.replicas()).as("two pods, not three").isEqualTo(2);
            assertThat(w.ports()).extracting(ContainerPort::port).containsExactlyInAnyOrder(80, 8080);
        });
    }

    private static final String REPLICA_SET = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7d9c, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web, pod-template-hash: 7d9c}}
              template:
                metadata: {labels: {app: web, pod-template-hash: 7d9c}}
                spec: {containers: [{name: c, ports: [{name: http, containerPort: 80}]}]}
            """;

    @Test
    void podsOfAnOwnerInTheInputAreThatOwnersPeer() {
        // the pods come first, as in `kubectl get pods,rs -o yaml`
        LoadResult r = load(String.join(
                "---\n",
                OWNED_POD.formatted("web-7d9c-a", "app: web, pod-template-hash: 7d9c", 80),
                OWNED_POD.formatted("web-7d9c-b", "app: web, pod-template-hash: 7d9c", 80),
                REPLICA_SET));
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("shop/web-7d9c[ReplicaSet]");
            assertThat(w.objectKind()).as("the owner object's facts").isEqualTo("ReplicaSet");
            assertThat(w.source()).isEqualTo(new SourceRef("t.yaml", 19));
            assertThat(w.replicas()).isEqualTo(2);
            assertThat(w.selector()).isPresent();
            assertThat(w.ports()).extracting(ContainerPort::name).containsExactly("http");
        });
    }

    @Test
    void podLabelsThatDifferFromTheOwnersTemplateAreReported() {
        LoadResult r = load(String.join(
                "---\n",
                REPLICA_SET,
                // labels controllers add are no difference
                OWNED_POD.formatted("web-7d9c-a", "app: web, pod-template-hash: 7d9c, controller-revision-hash: x", 80),
                OWNED_POD.formatted("web-7d9c-b", "app: web, pod-template-hash: 7d9c, debug: \"on\"", 80)));
        assertThat(warnings(r))
                .containsExactly("t.yaml:20: warning: pod shop/web-7d9c-b has labels {app=web, debug=on,"
                        + " pod-template-hash=7d9c} but the template of its owner ReplicaSet shop/web-7d9c (t.yaml:1) has"
                        + " {app=web, pod-template-hash=7d9c}; the owner's template is used");
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.objectKind()).isEqualTo("ReplicaSet");
            assertThat(w.podLabels()).doesNotContainKey("debug");
        });
    }

    @Test
    void statefulSetPodsDifferOnlyInTheirPodName() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-%1$d
                  labels: {app: db, statefulset.kubernetes.io/pod-name: db-%1$d, apps.kubernetes.io/pod-index: "%1$d"}
                  ownerReferences: [{kind: StatefulSet, name: db, controller: true}]
                spec: {containers: [{name: c}]}
                """;
        LoadResult r = load(pod.formatted(0) + "---\n" + pod.formatted(1));
        assertThat(r.problems()).as("per-pod labels are by design").isEmpty();
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("default/db[StatefulSet]");
            assertThat(w.replicas()).isEqualTo(2);
            assertThat(w.podLabels()).containsEntry("statefulset.kubernetes.io/pod-name", "db-0");
        });
    }

    @Test
    void aDeploymentAndItsReplicaSetsPodsStaySeparatePeers() {
        LoadResult r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                ---
                """ + OWNED_POD.formatted("web-7d9c-a", "app: web", 80));
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().workloads())
                .extracting(Workload::id)
                .containsExactly("shop/web[Deployment]", "shop/web-7d9c[ReplicaSet]");
        assertThat(r.cluster().workloads().get(1).podLabels()).isEqualTo(Map.of("app", "web"));
    }
}
