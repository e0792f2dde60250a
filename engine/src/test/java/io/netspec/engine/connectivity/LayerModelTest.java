package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.Facts.cluster;
import static io.netspec.engine.connectivity.Facts.namespace;
import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.pods;
import static io.netspec.engine.connectivity.Facts.policy;
import static io.netspec.engine.connectivity.Facts.tcp;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.NetworkPolicyCompiler;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.connectivity.layer.PortMatch;
import io.netspec.engine.connectivity.layer.Precedence;
import io.netspec.engine.connectivity.layer.ReferenceEvaluator;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layer-model contract as a new policy kind sees it: a compiler of its own (here a made-up
 * CNI tier before the NetworkPolicies, with Log, Deny, Pass and a tier that passes by default),
 * evaluated by the analysis exactly as the plain {@link ReferenceEvaluator} reads the model.
 */
class LayerModelTest {

    /** A policy object of a made-up kind. */
    private record Custom(String name) implements PolicyObject {
        @Override
        public String kind() {
            return "CustomPolicy";
        }

        @Override
        public String namespace() {
            return "";
        }

        @Override
        public SourceRef source() {
            return new SourceRef("custom.yaml", 1);
        }
    }

    private static final Tier CUSTOM = new Tier("custom", 50, TierEnd.PASS);

    /** db pods: log everything, deny TCP 22 from anywhere, pass TCP 5432 from web, allow UDP 53 from all. */
    private static final PolicyCompiler CUSTOM_COMPILER = (cluster, out) -> {
        Custom p = new Custom("guard");
        EndpointMatch db = new EndpointMatch.Pods(
                new EndpointMatch.Labelled(LabelMatcher.ALL), LabelMatcher.of(Facts.sel("app=db")), true);
        EndpointMatch web = new EndpointMatch.Where(
                "app=web", Set.of(), e -> "web".equals(e.podLabels().get("app")));
        SourceRef at = new SourceRef("custom.yaml", 5);
        out.select(new Selection(CUSTOM, p, Direction.INGRESS, db));
        out.rule(rule(p, 0, Action.LOG, db, Peer.any(at), PortMatch.ALL));
        out.rule(rule(p, 1, Action.DENY, db, Peer.any(at), ports(ConnectionSet.single(TCP, 22))));
        out.rule(rule(
                p,
                2,
                Action.PASS,
                db,
                new Peer(web, IpRanges.EMPTY, "web", at),
                ports(ConnectionSet.single(TCP, 5432))));
        out.rule(rule(p, 3, Action.ALLOW, db, Peer.any(at), ports(ConnectionSet.single(UDP, 53))));
    };

    private static LayerRule rule(Custom p, int i, Action action, EndpointMatch subject, Peer peer, PortMatch ports) {
        return new LayerRule(
                CUSTOM,
                new Precedence(1, p.name(), i),
                p,
                Direction.INGRESS,
                i,
                "r" + i,
                action,
                subject,
                List.of(peer),
                ports,
                new SourceRef("custom.yaml", 10 + i));
    }

    private static PortMatch ports(ConnectionSet set) {
        return PortMatch.of(set, List.of(), set.toString());
    }

    @Test
    void aNewKindIsACompilerAndTheAnalysisAgreesWithTheReference() {
        Workload web = pod("a", "web", "app=web");
        Workload other = pod("a", "other", "app=other");
        Workload db = pod("a", "db", "app=db");
        Cluster cluster = cluster(
                List.of(namespace("a", "")),
                List.of(web, other, db),
                List.of(policy("a", "db-in", "app=db")
                        .ingress(List.of(pods("app=web")), tcp(5432), tcp(22))
                        .build()));
        List<PolicyCompiler> compilers = List.of(CUSTOM_COMPILER, new NetworkPolicyCompiler());
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, compilers);
        LayerModel model = analysis.model();
        assertThat(model.tiers()).containsExactly(CUSTOM, Tier.NETWORK_POLICY);

        // web -> db: 22 denied by the custom tier before the NetworkPolicy allows it; 5432 passed, then
        // allowed by the NetworkPolicy; UDP 53 allowed by the custom tier though the NetworkPolicy isolates db.
        ConnectionSet webToDb = analysis.allowed(web, db);
        assertThat(webToDb.contains(TCP, 22)).isFalse();
        assertThat(webToDb.contains(TCP, 5432)).isTrue();
        assertThat(webToDb.contains(UDP, 53)).isTrue();
        assertThat(webToDb.contains(TCP, 80)).isFalse();
        // other -> db: 5432 not passed, so the custom tier's default (pass) hands it to the NetworkPolicy, which
        // denies.
        assertThat(analysis.allowed(other, db).contains(TCP, 5432)).isFalse();
        assertThat(analysis.allowed(other, db).contains(UDP, 53)).isTrue();

        ClassKeys keys = ClassKeys.of(model, cluster);
        for (Workload s : List.of(web, other, db)) {
            for (Workload d : List.of(web, other, db)) {
                if (s == d) {
                    continue;
                }
                EndpointAttributes source = keys.attributes(s);
                EndpointAttributes destination = keys.attributes(d);
                ConnectionSet reference = ReferenceEvaluator.side(
                                model,
                                source,
                                Direction.EGRESS,
                                new ReferenceEvaluator.InCluster(destination),
                                destination.namedPorts())
                        .intersect(ReferenceEvaluator.side(
                                model,
                                destination,
                                Direction.INGRESS,
                                new ReferenceEvaluator.InCluster(source),
                                destination.namedPorts()));
                assertThat(analysis.allowed(s, d)).as(s + " -> " + d).isEqualTo(reference);
            }
        }
    }

    @Test
    void addressMatchesReadPodIpsAndNameWhatTheInputCannotDecide() {
        Workload known = pod("a", "known", "app=x").withPlacement(List.of("10.0.0.5"), "", "");
        Workload unknown = pod("a", "unknown", "app=x");
        Workload client = pod("a", "client", "app=client");
        Custom p = new Custom("cidr");
        IpRanges ranges = IpRanges.of(Facts.cidr("10.0.0.0/24"));
        PolicyCompiler denyCidr = (c, out) -> out.rule(new LayerRule(
                Tier.ADMIN,
                new Precedence(1, "cidr", 0),
                p,
                Direction.EGRESS,
                0,
                "",
                Action.DENY,
                EndpointMatch.ALL,
                List.of(new Peer(
                        new EndpointMatch.Addresses(ranges, "10.0.0.0/24"),
                        ranges,
                        "networks [10.0.0.0/24]",
                        new SourceRef("custom.yaml", 3))),
                PortMatch.ALL,
                new SourceRef("custom.yaml", 3)));
        Cluster cluster = cluster(List.of(namespace("a", "")), List.of(known, unknown, client), List.of());
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, List.of(denyCidr));
        assertThat(analysis.allowed(client, known).isEmpty()).isTrue();
        assertThat(analysis.allowed(client, unknown).isAll()).isTrue();
        assertThat(analysis.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("peer networks [10.0.0.0/24] cannot be decided for 2 workload(s)")
                .contains("a/client[Pod], a/unknown[Pod]");
    }
}
