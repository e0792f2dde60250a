package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigRef;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind becomes the right fact, with Kubernetes defaults applied and lines kept. */
class KindsTest {

    static LoadResult load(String yaml) {
        LoadResult r = new ManifestLoader().loadString(yaml, "t.yaml");
        assertThat(r.errors()).as("errors").isEmpty();
        return r;
    }

    @Test
    void namespaceIsDeclaredAndCarriesItsNameLabel() {
        LoadResult r = load("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {team: a}
                """);
        NamespaceFact ns = r.cluster().namespace("shop").orElseThrow();
        assertThat(ns.declared()).isTrue();
        assertThat(ns.labels()).containsEntry("team", "a").containsEntry(NamespaceFact.NAME_LABEL, "shop");
        assertThat(ns.source()).isEqualTo(new SourceRef("t.yaml", 1));
    }

    @Test
    void deploymentBecomesAWorkloadWithTemplateFacts() {
        LoadResult r = load("""
                # Source: chart/templates/api.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: shop
                  annotations: {netspec.io/ignore: "x"}
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: api}
                    matchExpressions:
                    - {key: tier, operator: In, values: [web]}
                  template:
                    metadata:
                      labels: {app: api, tier: web}
                    spec:
                      initContainers:
                      - name: init
                        image: busybox
                        command: ["sh", "-c", "wait-for db:5432"]
                      containers:
                      - name: main
                        image: api
                        args: ["--db=postgres.shop.svc:5432"]
                        ports:
                        - {name: http, containerPort: 8080}
                        - {containerPort: 53, protocol: UDP}
                        env:
                        - {name: A, value: "http://cart:80"}
                        - name: B
                          valueFrom: {configMapKeyRef: {name: cm-env, key: b}}
                        envFrom:
                        - configMapRef: {name: cm-from}
                      volumes:
                      - name: v
                        configMap: {name: cm-vol}
                      - name: i
                        configMap: {name: cm-items, items: [{key: a.yaml, path: a.yaml}]}
                      - name: p
                        projected:
                          sources:
                          - configMap: {name: cm-proj}
                """);
        Workload w = r.cluster().workloads().get(0);
        assertThat(w.id()).isEqualTo("shop/api[Deployment]");
        assertThat(w.objectKind()).isEqualTo("Deployment");
        assertThat(w.replicas()).isEqualTo(3);
        assertThat(w.podLabels()).isEqualTo(Map.of("app", "api", "tier", "web"));
        assertThat(w.selector())
                .contains(new Selector(
                        Map.of("app", "api"),
                        List.of(new LabelRequirement("tier", LabelRequirement.Operator.IN, List.of("web")))));
        assertThat(w.ports())
                .containsExactly(
                        new ContainerPort("http", 8080, Protocol.TCP, "main"),
                        new ContainerPort("", 53, Protocol.UDP, "main"));
        assertThat(w.annotations()).containsEntry("netspec.io/ignore", "x");
        assertThat(w.configValues())
                .contains("sh", "wait-for db:5432", "--db=postgres.shop.svc:5432", "http://cart:80");
        assertThat(w.configMapRefs())
                .containsExactly(
                        new ConfigRef("cm-env", List.of("b"), ConfigRef.Use.ENV),
                        new ConfigRef("cm-from", List.of(), ConfigRef.Use.ENV),
                        new ConfigRef("cm-vol", List.of(), ConfigRef.Use.FILE),
                        new ConfigRef("cm-items", List.of("a.yaml"), ConfigRef.Use.FILE),
                        new ConfigRef("cm-proj", List.of(), ConfigRef.Use.FILE));
        assertThat(w.configMapNames()).containsExactly("cm-env", "cm-from", "cm-vol", "cm-items", "cm-proj");
        assertThat(w.source().line()).isEqualTo(2);
        assertThat(w.hostNetwork()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "StatefulSet,apps/v1",
        "DaemonSet,apps/v1",
        "ReplicaSet,apps/v1",
        "Job,batch/v1",
        "ReplicationController,v1"
    })
    void everyControllerReadsItsTemplate(String kind, String apiVersion) {
        String selector = kind.equals("ReplicationController") ? "{app: x}" : "{matchLabels: {app: x}}";
        LoadResult r = load("""
                apiVersion: %s
                kind: %s
                metadata: {name: x}
                spec:
                  serviceName: x-headless
                  selector: %s
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      hostNetwork: true
                      containers: [{name: c, ports: [{containerPort: 9000, protocol: SCTP}]}]
                """.formatted(apiVersion, kind, selector));
        Workload w = r.cluster().workloads().get(0);
        assertThat(w.id()).isEqualTo("default/x[" + kind + "]");
        assertThat(w.podLabels()).containsEntry("app", "x");
        assertThat(w.selector()).contains(Selector.of(Map.of("app", "x")));
        assertThat(w.ports()).containsExactly(new ContainerPort("", 9000, Protocol.SCTP, "c"));
        assertThat(w.hostNetwork()).isTrue();
        assertThat(w.replicas()).isEqualTo(1);
        assertThat(w.serviceName()).isEqualTo(kind.equals("StatefulSet") ? "x-headless" : "");
    }

    @Test
    void cronJobReadsTheJobTemplate() {
        LoadResult r = load("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: ops}
                spec:
                  schedule: "0 0 * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {job: nightly}}
                        spec:
                          containers: [{name: c, image: i}]
                """);
        Workload w = r.cluster().workloads().get(0);
        assertThat(w.id()).isEqualTo("ops/nightly[CronJob]");
        assertThat(w.podLabels()).containsEntry("job", "nightly");
        assertThat(w.selector()).isEmpty();
    }

    @Test
    void podsOfOneOwnerCollapseIntoOneWorkload() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-abc
                  namespace: shop
                  labels: {app: web}
                  ownerReferences:
                  - {kind: ReplicaSet, name: web-7d9c, controller: true}
                spec:
                  containers: [{name: c, ports: [{containerPort: 80}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-def
                  namespace: shop
                  labels: {app: web, extra: "1"}
                  ownerReferences:
                  - {kind: Something, name: not-the-controller}
                  - {kind: ReplicaSet, name: web-7d9c, controller: true}
                spec:
                  containers: [{name: c, ports: [{containerPort: 80}, {containerPort: 443}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: static-pod
                  namespace: kube-system
                  ownerReferences: [{kind: Node, name: node-1, controller: true}]
                spec: {containers: [{name: c}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: bare}
                spec: {containers: [{name: c}]}
                """, "pods.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().workloads())
                .extracting(Workload::id)
                .containsExactly("shop/web-7d9c[ReplicaSet]", "kube-system/static-pod[Pod]", "default/bare[Pod]");
        Workload web = r.cluster().workloads().get(0);
        assertThat(web.objectKind()).isEqualTo("Pod");
        assertThat(web.replicas()).isEqualTo(2);
        assertThat(web.podLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(web.ports()).extracting(ContainerPort::port).containsExactly(80, 443);
        assertThat(web.source()).isEqualTo(new SourceRef("pods.yaml", 1));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(LoadProblem.Severity.WARNING);
            assertThat(p.source()).isEqualTo(new SourceRef("pods.yaml", 12));
            assertThat(p.message()).contains("web-def", "web-abc", "shop/web-7d9c[ReplicaSet]");
        });
    }

    @Test
    void serviceDefaults() {
        LoadResult r = load("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: shop}
                spec:
                  selector: {app: db}
                  ports:
                  - {name: pg, port: 5432}
                  - {port: 53, protocol: UDP, targetPort: dns}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: headless, namespace: shop}
                spec:
                  type: NodePort
                  clusterIP: None
                  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ext}
                spec: {type: ExternalName, externalName: example.com}
                """);
        ServiceFact db = r.cluster().service("shop", "db").orElseThrow();
        assertThat(db.type()).isEqualTo("ClusterIP");
        assertThat(db.selector()).contains(Map.of("app", "db"));
        assertThat(db.headless()).isFalse();
        assertThat(db.ports())
                .containsExactly(
                        new ServicePort("pg", 5432, Protocol.TCP, PortRef.number(5432), 0),
                        new ServicePort("", 53, Protocol.UDP, PortRef.named("dns"), 0));
        ServiceFact headless = r.cluster().service("shop", "headless").orElseThrow();
        assertThat(headless.headless()).isTrue();
        assertThat(headless.isExternallyExposed()).isTrue();
        assertThat(headless.ports().get(0).nodePort()).isEqualTo(30080);
        assertThat(headless.ports().get(0).targetPort()).isEqualTo(PortRef.number(8080));
        ServiceFact ext = r.cluster().service("default", "ext").orElseThrow();
        assertThat(ext.selector()).isEmpty();
        assertThat(ext.externalName()).isEqualTo("example.com");
        assertThat(ext.source().line()).isEqualTo(18);
    }

    @Test
    void targetPortZeroOrEmptyMeansThePortAndNodePortZeroIsUnset() {
        // rendered charts write targetPort: 0 for "same as port"; the API server defaults it like a missing one
        LoadResult r = load("""
                apiVersion: v1
                kind: Service
                metadata: {name: agent, namespace: trace}
                spec:
                  clusterIP: None
                  selector: {app: agent}
                  ports:
                  - {name: compact, port: 6831, protocol: UDP, targetPort: 0}
                  - {name: rest, port: 5778, targetPort: ""}
                  - {name: grpc, port: 14250, targetPort: grpc-in}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: etcd, namespace: trace}
                spec:
                  type: NodePort
                  selector: {app: etcd}
                  ports:
                  - {name: client, port: 2379, nodePort: 0}
                """);
        assertThat(r.cluster().service("trace", "agent").orElseThrow().ports())
                .extracting(ServicePort::targetPort)
                .containsExactly(PortRef.number(6831), PortRef.number(5778), PortRef.named("grpc-in"));
        // nodePort 0 is unset too: the API server allocates one
        assertThat(r.cluster().service("trace", "etcd").orElseThrow().ports())
                .singleElement()
                .satisfies(p -> assertThat(p.nodePort()).isZero());
    }

    @Test
    void argoRolloutAndOpenShiftDeploymentConfigAreWorkloads() {
        LoadResult r = load("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: web:1, ports: [{name: http, containerPort: 8080}]}]
                ---
                apiVersion: apps.openshift.io/v1
                kind: DeploymentConfig
                metadata: {name: ledger, namespace: shop}
                spec:
                  selector: {app: ledger}
                  template:
                    metadata: {labels: {app: ledger, tier: back}}
                    spec:
                      containers: [{name: ledger, image: ledger:7, ports: [{containerPort: 9000}]}]
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: api, namespace: shop}
                spec:
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: api}
                """);
        assertThat(r.cluster().workloads())
                .extracting(w -> w.id() + " " + w.podLabels() + " " + w.replicas() + " " + w.selector())
                .containsExactlyInAnyOrder(
                        "shop/web[Rollout] {app=web} 3 Optional[" + Selector.of(Map.of("app", "web")) + "]",
                        "shop/ledger[DeploymentConfig] {app=ledger, tier=back} 1 Optional["
                                + Selector.of(Map.of("app", "ledger")) + "]");
        assertThat(r.cluster().workloads().get(0).ports())
                .extracting(ContainerPort::name)
                .containsExactly("http");
        // a Rollout that runs a Deployment's template (workloadRef) has no pods of its own to analyse
        assertThat(r.cluster().ignored())
                .extracting(o -> o.kind() + " " + o.namespace() + "/" + o.name() + "@"
                        + o.source().line())
                .containsExactly("Rollout shop/api@22");
    }

    @Test
    void aRolloutsPodsInAClusterDumpFoldIntoTheRollout() {
        // pods to ReplicaSet to Rollout; the hash label Argo Rollouts adds is no label mismatch
        LoadResult r = load("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: argoproj.io/v1alpha1
                  kind: Rollout
                  metadata: {name: web, namespace: shop}
                  spec:
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec: {containers: [{name: web, image: web:1}]}
                - apiVersion: apps/v1
                  kind: ReplicaSet
                  metadata:
                    name: web-6d4f
                    namespace: shop
                    ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web, controller: true}]
                  spec:
                    selector: {matchLabels: {app: web, rollouts-pod-template-hash: 6d4f}}
                    template:
                      metadata: {labels: {app: web, rollouts-pod-template-hash: 6d4f}}
                      spec: {containers: [{name: web, image: web:1}]}
                - apiVersion: v1
                  kind: Pod
                  metadata:
                    name: web-6d4f-abc
                    namespace: shop
                    labels: {app: web, rollouts-pod-template-hash: 6d4f}
                    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6d4f, controller: true}]
                  spec: {containers: [{name: web, image: web:1}]}
                """);
        assertThat(r.cluster().workloads()).extracting(Workload::id).containsExactly("shop/web[Rollout]");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void mergeKeysExpandInLabelMapsAsKubectlExpandsThem() {
        // kubectl's YAML decoder expands "<<": the mapping's own keys win, then the merged maps' in order
        LoadResult r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: shop
                  labels: &common {team: pay}
                spec:
                  selector:
                    matchLabels:
                      <<: *common
                      app: api
                  template:
                    metadata:
                      labels:
                        <<: [*common, {app: ignored, zone: a, team: ignored}]
                        app: api
                        tier: back
                    spec:
                      containers: [{name: api, image: api:1}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop}
                data:
                  <<: {DB_URL: "postgres://db:5432"}
                  PORT: "80"
                """);
        Workload api = r.cluster().workloads().get(0);
        assertThat(api.podLabels()).isEqualTo(Map.of("team", "pay", "tier", "back", "app", "api", "zone", "a"));
        assertThat(api.selector()).contains(Selector.of(Map.of("team", "pay", "app", "api")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().configMaps().get(0).data())
                .isEqualTo(Map.of("PORT", "80", "DB_URL", "postgres://db:5432"));
    }

    @Test
    void envReferencesAreExpandedAsTheKubeletExpandsThem() {
        LoadResult r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: checkout, namespace: shop}
                spec:
                  selector: {matchLabels: {app: checkout}}
                  template:
                    metadata: {labels: {app: checkout}}
                    spec:
                      containers:
                      - name: checkout
                        image: checkout:2
                        args: ["--collector=$(HOST):4317", "--later=$(LATE)"]
                        env:
                        - {name: EARLY, value: "$(LATE)"}
                        - name: NS
                          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
                        - name: SECRET
                          valueFrom: {secretKeyRef: {name: s, key: k}}
                        - {name: HOST, value: "collector.$(NS).svc"}
                        - {name: URL, value: "http://$(HOST):4318/$(SECRET)/$$(HOST)"}
                        - {name: LATE, value: "late"}
                """);
        // an env value sees only the variables before it; command and args see them all; $$ is a literal $
        assertThat(r.cluster().workloads().get(0).configValues())
                .containsExactly(
                        "--collector=collector.shop.svc:4317",
                        "--later=late",
                        "$(LATE)",
                        "collector.shop.svc",
                        "http://collector.shop.svc:4318/$(SECRET)/$(HOST)",
                        "late");
    }

    @Test
    void aJobsPodsCarryTheJobNameLabelsTheApiServerAdds() {
        LoadResult r = load("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: migrate, job-name: own}}
                    spec: {containers: [{name: m, image: m:1}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: manual, namespace: shop}
                spec:
                  manualSelector: true
                  selector: {matchLabels: {app: manual}}
                  template:
                    metadata: {labels: {app: manual}}
                    spec: {containers: [{name: m, image: m:1}]}
                """);
        // a label the template sets is kept (the API server would reject a conflicting one)
        assertThat(r.cluster().workloads())
                .extracting(Workload::podLabels)
                .containsExactly(
                        Map.of("app", "migrate", "job-name", "own", "batch.kubernetes.io/job-name", "migrate"),
                        Map.of("app", "manual"));
    }

    @Test
    void ingressV1AndV1beta1Backends() {
        LoadResult r = load("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                spec:
                  ingressClassName: nginx
                  defaultBackend:
                    service: {name: fallback, port: {number: 80}}
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - path: /api
                        pathType: Prefix
                        backend:
                          service: {name: api, port: {name: http}}
                ---
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: old, namespace: shop}
                spec:
                  rules:
                  - http:
                      paths:
                      - backend: {serviceName: legacy, servicePort: 8080}
                """);
        IngressFact web = r.cluster().ingresses().get(0);
        assertThat(web.id()).isEqualTo("shop/web[Ingress]");
        assertThat(web.ingressClassName()).isEqualTo("nginx");
        assertThat(web.backends())
                .extracting(
                        IngressBackend::serviceName, IngressBackend::port, IngressBackend::host, IngressBackend::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fallback", PortRef.number(80), "", ""),
                        org.assertj.core.groups.Tuple.tuple("api", PortRef.named("http"), "shop.example.com", "/api"));
        assertThat(web.backends().get(1).source().line()).isEqualTo(15);
        assertThat(r.cluster().ingresses().get(1).backends())
                .singleElement()
                .satisfies(b -> assertThat(b.port()).isEqualTo(PortRef.number(8080)));
    }

    @Test
    void networkPolicyRulesPeersAndPorts() {
        LoadResult r = load("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                  - from:
                    - podSelector: {matchLabels: {app: api}}
                    - namespaceSelector: {matchLabels: {team: ops}}
                      podSelector: {}
                    - ipBlock:
                        cidr: 10.0.0.0/8
                        except: [10.1.0.0/16]
                    ports:
                    - port: 5432
                    - {port: metrics, protocol: UDP}
                    - {port: 30000, endPort: 32767}
                    - protocol: SCTP
                  - {}
                  egress:
                  - to: [{ipBlock: {cidr: "2001:db8::/32"}}]
                """);
        PolicyFact p = r.cluster().policies().get(0);
        assertThat(p.id()).isEqualTo("shop/db[NetworkPolicy]");
        assertThat(p.isolatesIngress()).isTrue();
        assertThat(p.isolatesEgress()).isTrue();
        assertThat(p.ingress()).hasSize(2);
        var rule = p.ingress().get(0);
        assertThat(rule.source().line()).isEqualTo(7);
        assertThat(rule.peers())
                .extracting(PolicyPeer::source)
                .extracting(SourceRef::line)
                .containsExactly(8, 9, 11);
        assertThat(rule.peers().get(0).podSelector()).contains(Selector.of(Map.of("app", "api")));
        assertThat(rule.peers().get(0).namespaceSelector()).isEmpty();
        assertThat(rule.peers().get(1).podSelector()).contains(Selector.ALL);
        var block = rule.peers().get(2).ipBlock().orElseThrow();
        assertThat(block.cidr().first()).isEqualTo(0x0A000000L);
        assertThat(block.cidr().last()).isEqualTo(0x0AFFFFFFL);
        assertThat(block.except()).extracting(c -> c.text()).containsExactly("10.1.0.0/16");
        assertThat(rule.ports())
                .containsExactly(
                        new PolicyPort(Protocol.TCP, PortRef.number(5432), 0),
                        new PolicyPort(Protocol.UDP, PortRef.named("metrics"), 0),
                        new PolicyPort(Protocol.TCP, PortRef.number(30000), 32767),
                        new PolicyPort(Protocol.SCTP, PortRef.ANY, 0));
        assertThat(p.ingress().get(1).allPeers()).isTrue();
        assertThat(p.ingress().get(1).allPorts()).isTrue();
        var v6 = p.egress().get(0).peers().get(0).ipBlock().orElseThrow().cidr();
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.text()).isEqualTo("2001:db8::/32");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                                   | false | true  | false",
                "egress: [{}]                       | false | true  | true",
                "egress: []                         | false | true  | false",
                "policyTypes: [Egress]              | false | false | true",
                "policyTypes: [Ingress, Egress]     | false | true  | true",
                "'policyTypes: []\n  egress: [{}]'  | false | true  | true"
            })
    void effectivePolicyTypes(String extra, boolean unused, boolean ingress, boolean egress) {
        LoadResult r = load("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p}
                spec:
                  podSelector: {}
                  %s
                """.formatted(extra == null ? "" : extra));
        PolicyFact p = r.cluster().policies().get(0);
        assertThat(p.isolatesIngress()).as("ingress").isEqualTo(ingress);
        assertThat(p.isolatesEgress()).as("egress").isEqualTo(egress);
    }

    @Test
    void adminAndBaselineAdminPolicies() {
        LoadResult r = load("""
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: cluster-rules}
                spec:
                  priority: 15
                  subject:
                    pods:
                      namespaceSelector: {matchLabels: {team: a}}
                      podSelector: {matchLabels: {app: web}}
                  ingress:
                  - name: allow-monitoring
                    action: Allow
                    from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
                    ports:
                    - portNumber: {protocol: TCP, port: 9090}
                    - namedPort: metrics
                    - portRange: {protocol: UDP, start: 1000, end: 2000}
                  egress:
                  - name: deny-net
                    action: Deny
                    to:
                    - networks: [10.0.0.0/8, "::/0"]
                    - nodes: {matchLabels: {role: control}}
                    - pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}
                ---
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: default}
                spec:
                  subject: {namespaces: {}}
                  ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]
                """);
        ClusterNetworkPolicyFact anp = r.cluster().adminPolicies().get(0);
        assertThat(anp.kind()).isEqualTo("AdminNetworkPolicy");
        assertThat(anp.priority()).isEqualTo(15);
        assertThat(anp.subject().namespaceSelector()).isEqualTo(Selector.of(Map.of("team", "a")));
        assertThat(anp.subject().podSelector()).contains(Selector.of(Map.of("app", "web")));
        ClusterNetworkPolicyFact.Rule in = anp.ingress().get(0);
        assertThat(in.action()).isEqualTo("Allow");
        assertThat(in.source().line()).isEqualTo(11);
        assertThat(in.peers().get(0).namespaceSelector())
                .contains(Selector.of(Map.of("kubernetes.io/metadata.name", "monitoring")));
        assertThat(in.ports())
                .containsExactly(
                        new ClusterNetworkPolicyFact.Port(Protocol.TCP, 9090, 0, ""),
                        new ClusterNetworkPolicyFact.Port(Protocol.TCP, 0, 0, "metrics"),
                        new ClusterNetworkPolicyFact.Port(Protocol.UDP, 1000, 2000, ""));
        ClusterNetworkPolicyFact.Rule out = anp.egress().get(0);
        assertThat(out.peers().get(0).networks()).extracting(c -> c.text()).containsExactly("10.0.0.0/8", "::/0");
        assertThat(out.peers().get(1).nodeSelector()).contains(Selector.of(Map.of("role", "control")));
        assertThat(out.peers().get(2).podSelector()).contains(Selector.of(Map.of("app", "db")));
        ClusterNetworkPolicyFact banp = r.cluster().adminPolicies().get(1);
        assertThat(banp.baseline()).isTrue();
        assertThat(banp.subject().namespaceSelector()).isEqualTo(Selector.ALL);
        assertThat(banp.source().line()).isEqualTo(26);
    }

    @Test
    void configMapsAndIgnoredKinds() {
        LoadResult r = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop}
                data: {DB_URL: "postgres://db:5432", PORT: "80"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: shop}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: calico, namespace: shop}
                """);
        assertThat(r.cluster().configMaps()).singleElement().satisfies(c -> {
            assertThat(c.data()).containsEntry("DB_URL", "postgres://db:5432");
            assertThat(c.namespace()).isEqualTo("shop");
        });
        assertThat(r.cluster().policies())
                .as("a Calico NetworkPolicy is not a Kubernetes one")
                .isEmpty();
        assertThat(r.cluster().ignored())
                .extracting(o -> o.kind() + " " + o.namespace() + "/" + o.name() + "@"
                        + o.source().line())
                .containsExactly("Secret shop/s@6", "ClusterRole /reader@10");
        assertThat(r.cluster().calico().policies())
                .extracting(p -> p.policyId() + "@" + p.source().line())
                .as("a Calico NetworkPolicy is a Calico policy fact")
                .containsExactly("shop/calico[NetworkPolicy]@14");
    }

    @Test
    void usedNamespacesExistImplicitlyWithTheirNameLabel() {
        LoadResult r = load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: team-a}
                spec: {containers: [{name: c}]}
                """);
        assertThat(r.cluster().namespace("team-a")).hasValueSatisfying(ns -> {
            assertThat(ns.declared()).isFalse();
            assertThat(ns.labels()).isEqualTo(Map.of(NamespaceFact.NAME_LABEL, "team-a"));
        });
    }

    @Test
    void defaultNamespaceCanBeOverridden() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n";
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withDefaultNamespace("staging")).loadString(yaml, "x");
        assertThat(r.cluster().workloads()).extracting(Workload::id).containsExactly("staging/p[Pod]");
        assertThat(new ManifestLoader().loadString(yaml, "x").cluster().workloads())
                .extracting(Workload::id)
                .containsExactly("default/p[Pod]");
    }

    @Test
    void valuesFileIsSkippedWithAWarning() {
        LoadResult r = new ManifestLoader().loadString("replicaCount: 2\nimage: {tag: latest}\n", "values.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.source()).isEqualTo(new SourceRef("values.yaml", 1)));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.toString()).startsWith("values.yaml:1: warning: document skipped");
        });
    }

    @Test
    void selectorAbsentVersusEmpty() {
        LoadResult r = load("""
                apiVersion: v1
                kind: Service
                metadata: {name: a}
                spec: {selector: {}, ports: [{port: 80}]}
                """);
        assertThat(r.cluster().services().get(0).selector()).isEqualTo(Optional.of(Map.of()));
    }

    @Test
    void selectorThatDoesNotMatchTheTemplateIsAWarning() {
        LoadResult r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector:
                    matchLabels: {app: api}
                  template:
                    metadata: {labels: {app: web}}
                ---
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: rc}
                spec:
                  selector: {app: rc}
                  template:
                    metadata: {labels: {app: rc, extra: "1"}}
                """);
        assertThat(r.problems())
                .extracting(LoadProblem::toString)
                .containsExactly("t.yaml:6: warning: spec.selector"
                        + " app=api does not match the template's labels {app=web}; the API server rejects this Deployment"
                        + " (the analysis uses the template's labels)");
        assertThat(r.cluster().workloads().get(0).podLabels()).containsEntry("app", "web");
    }
}
