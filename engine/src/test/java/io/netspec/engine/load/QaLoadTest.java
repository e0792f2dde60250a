package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader fixes from a new user's QA run: owner folding, other CNIs, API versions, empty inputs, I/O reasons. */
class QaLoadTest {

    @TempDir
    Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(QaLoadTest.class.getResource("/load/qa/" + name).toURI());
    }

    private static List<String> ids(LoadResult r) {
        return r.cluster().workloads().stream().map(Workload::id).toList();
    }

    private static List<String> messages(LoadResult r) {
        return r.problems().stream().map(LoadProblem::toString).toList();
    }

    // QA #1: ReplicaSets and Jobs owned by an object in the input are folded into it

    @Test
    void kubectlGetAllDumpFoldsReplicaSetsAndTheirPodsIntoTheDeployment() throws Exception {
        LoadResult r = new ManifestLoader().load(List.of(resource("all.yaml")));
        assertThat(r.errors()).isEmpty();
        assertThat(ids(r)).containsExactlyInAnyOrder("shop/api[Deployment]", "shop/db[StatefulSet]");
        Workload api = r.cluster().workloads().stream()
                .filter(w -> w.id().equals("shop/api[Deployment]"))
                .findFirst()
                .orElseThrow();
        assertThat(api.replicas()).isEqualTo(2);
        assertThat(api.ports()).extracting(p -> p.port()).containsExactly(8080);
        assertThat(messages(r)).noneMatch(m -> m.contains("has labels")); // pod-template-hash is not a mismatch
    }

    @Test
    void ownerInALaterFileReadInParallelStillFoldsItsReplicaSet() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.yaml"), """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: api-1
                  namespace: shop
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true}]
                spec:
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: api, image: a}]}
                """);
        Path b = Files.writeString(tmp.resolve("b.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: api, image: a}]}
                """);
        for (int threads : new int[] {1, 2}) {
            LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS, threads).load(List.of(a, b));
            assertThat(ids(r)).as("%d threads", threads).containsExactly("shop/api[Deployment]");
        }
    }

    @Test
    void replicaSetWithoutItsDeploymentInTheInputStaysAPeerAndKeepsItsPods() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: api-7d9c
                  namespace: shop
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true}]
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: api, image: a}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: api-7d9c-x
                  namespace: shop
                  labels: {app: api}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9c, controller: true}]
                spec: {containers: [{name: api, image: a}]}
                """, "t.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(ids(r)).containsExactly("shop/api-7d9c[ReplicaSet]");
        assertThat(r.cluster().workloads().get(0).replicas()).isEqualTo(3);
    }

    @Test
    void jobOwnedByACronJobInTheInputIsFoldedIntoIt() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: backup, namespace: ops}
                spec:
                  schedule: "@daily"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: backup}}
                        spec: {containers: [{name: b, image: b}], restartPolicy: Never}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: backup-2890
                  namespace: ops
                  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: backup, controller: true}]
                spec:
                  template:
                    metadata: {labels: {app: backup}}
                    spec: {containers: [{name: b, image: b}], restartPolicy: Never}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: backup-2890-abc
                  namespace: ops
                  labels: {app: backup, other: x}
                  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-2890, controller: true}]
                spec: {containers: [{name: b, image: b}]}
                """, "t.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(ids(r)).containsExactly("ops/backup[CronJob]");
        // the pod went through the Job to the CronJob: its labels are checked against the CronJob's template
        assertThat(messages(r))
                .anyMatch(m -> m.contains("pod ops/backup-2890-abc has labels") && m.contains("CronJob ops/backup"));
    }

    // QA #3: other CNIs' policies

    @Test
    void otherCniPoliciesGetOneWarningEachAtTheirLine() throws Exception {
        LoadResult r = new ManifestLoader().load(List.of(resource("cni.yaml")));
        Path f = resource("cni.yaml");
        List<String> cni =
                messages(r).stream().filter(m -> m.contains("is not analysed")).toList();
        // Calico policies are analysed (--cni auto makes this a Calico cluster, and says so); Cilium's are not.
        assertThat(messages(r))
                .anyMatch(m -> m.startsWith(f + ":15: warning: --cni auto: the input holds Calico objects"));
        assertThat(r.cluster().calico().policies())
                .extracting(p -> p.policyId())
                .containsExactly(
                        "prod/allow-tcp-6379[NetworkPolicy]",
                        "prod/default.deny[NetworkPolicy]",
                        "deny-all[GlobalNetworkPolicy]");
        // Calico and Cilium policies are both analysed now: neither is "not analysed"
        assertThat(cni).noneMatch(m -> m.contains("projectcalico.org") || m.contains("cilium.io"));
        // --cni auto chose Calico, so the Cilium policies are named as not enforced
        assertThat(messages(r))
                .anyMatch(m -> m.startsWith(f + ":50: warning: Cilium policy prod/l7")
                        && m.contains("is not enforced with --cni calico"));
        // Cilium policies are analysed: read into facts, no warning
        assertThat(r.cluster().cilium().policies())
                .extracting(p -> p.policyId())
                .containsExactly("prod/l7[CiliumNetworkPolicy]", "cw[CiliumClusterwideNetworkPolicy]");
    }

    @Test
    void antreaPoliciesAreWarnedButOtherAntreaKindsAreNot() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: crd.antrea.io/v1beta1
                kind: ClusterNetworkPolicy
                metadata: {name: acnp}
                ---
                apiVersion: crd.antrea.io/v1beta1
                kind: Tier
                metadata: {name: t}
                """, "t.yaml");
        assertThat(messages(r))
                .containsExactly("t.yaml:1: warning: crd.antrea.io ClusterNetworkPolicy acnp is not"
                        + " analysed: connectivity results may allow more than this policy does");
    }

    // QA #4: NetworkPolicy API versions

    @Test
    void removedAndUnknownNetworkPolicyVersions() throws Exception {
        Path f = resource("cni.yaml");
        LoadResult r = new ManifestLoader().load(List.of(f));
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly(f + ":76: NetworkPolicy apiVersion"
                        + " networking.k8s.io/v1beta1: unknown apiVersion (expected networking.k8s.io/v1)");
        assertThat(messages(r))
                .contains(f + ":82: warning: NetworkPolicy apiVersion extensions/v1beta1: removed API"
                        + " version; read as networking.k8s.io/v1");
        assertThat(r.cluster().policies()).extracting(p -> p.name()).containsExactly("ancient");
    }

    // QA #14: cluster-scoped kinds have no namespace; the apiVersion is kept

    @Test
    void clusterScopedAndUnknownScopeObjectsHaveNoNamespace() throws Exception {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader, namespace: oops}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w2, namespace: team}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                """, "t.yaml");
        assertThat(r.cluster().ignored())
                .extracting(IgnoredObject::apiVersion, IgnoredObject::namespace, IgnoredObject::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rbac.authorization.k8s.io/v1", "", "reader"),
                        org.assertj.core.groups.Tuple.tuple("example.com/v1", "", "w"),
                        org.assertj.core.groups.Tuple.tuple("example.com/v1", "team", "w2"),
                        org.assertj.core.groups.Tuple.tuple("v1", "default", "s"));
        LoadResult cni = new ManifestLoader().load(List.of(resource("cni.yaml")));
        assertThat(cni.cluster().calico().policies())
                .filteredOn(p -> p.name().equals("deny-all"))
                .extracting(p -> p.namespace())
                .containsExactly("");
        // Cilium policies are read now: the clusterwide one has no namespace
        assertThat(cni.cluster().cilium().policies())
                .filteredOn(p -> p.name().equals("cw"))
                .extracting(p -> p.namespace())
                .containsExactly("");
    }

    // QA #8: no Kubernetes object at all is an error naming the path

    @Test
    void emptyFolderOrOnlyAReadmeIsAnError() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        LoadResult r = new ManifestLoader().load(List.of(empty));
        assertThat(r.errors())
                .extracting(LoadProblem::source, LoadProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        new SourceRef(empty.toString(), 0), "no Kubernetes manifests found in " + empty));
        Path docs = Files.createDirectory(tmp.resolve("docs"));
        Files.writeString(docs.resolve("README.md"), "# hi\n");
        Path comments = Files.writeString(tmp.resolve("c.yaml"), "# only a comment\n---\n");
        LoadResult r2 = new ManifestLoader().load(List.of(docs, comments));
        assertThat(r2.errors())
                .extracting(LoadProblem::message)
                .containsExactly("no Kubernetes manifests found in " + docs + ", " + comments);
    }

    @Test
    void emptyStdinIsAnErrorButAnEmptyListOrAnyObjectIsNot() {
        LoadResult r = new ManifestLoader().load(List.of(Path.of("-")), new ByteArrayInputStream(new byte[0]));
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly("<stdin>: no Kubernetes manifests found in <stdin>");
        LoadResult list = new ManifestLoader()
                .load(
                        List.of(Path.of("-")),
                        new ByteArrayInputStream(
                                "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}".getBytes()));
        assertThat(list.errors()).isEmpty();
        LoadResult secret = new ManifestLoader()
                .load(
                        List.of(Path.of("-")),
                        new ByteArrayInputStream("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n".getBytes()));
        assertThat(secret.errors()).isEmpty();
    }

    @Test
    void anotherErrorAloneExplainsABrokenInput() throws IOException {
        Path broken = Files.writeString(tmp.resolve("b.yaml"), "a: [\n");
        LoadResult r = new ManifestLoader().load(List.of(broken));
        assertThat(r.errors()).hasSize(1).noneMatch(p -> p.message().startsWith("no Kubernetes manifests"));
    }

    // QA #15: reasons for I/O errors; no empty names

    @Test
    void reasonsAreWords() {
        assertThat(InputProblems.reason(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(InputProblems.reason(new UncheckedIOException(new AccessDeniedException("/x"))))
                .isEqualTo("permission denied");
        assertThat(InputProblems.reason(new FileSystemException("/x", null, "Is a directory")))
                .isEqualTo("is a directory");
        assertThat(InputProblems.reason(new IOException("Input/output error"))).isEqualTo("Input/output error");
    }

    @Test
    void workloadWithNoNameIsNotGivenAnEmptyName() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {namespace: default}
                spec: {}
                """, "t.yaml");
        assertThat(r.errors())
                .extracting(LoadProblem::message)
                .containsExactly("Deployment has no metadata.name", "Deployment with no name has no spec.template");
    }

    // QA #22b: '-' twice

    @Test
    void stdinGivenTwiceIsReadOnceWithAWarning() {
        LoadResult r = new ManifestLoader()
                .load(
                        List.of(Path.of("-"), Path.of("-")),
                        new ByteArrayInputStream("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n".getBytes()));
        assertThat(r.errors()).isEmpty();
        assertThat(messages(r))
                .containsExactly("<stdin>: warning: '-' is given more than once; standard input is" + " read once");
        assertThat(r.cluster().ignored()).hasSize(1);
    }
}
