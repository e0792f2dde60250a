package io.netspec.features.steps;

import io.cucumber.java.en.Then;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.features.Verbs;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Ports;
import io.netspec.features.reference.Reference;
import java.util.List;
import java.util.Optional;

/**
 * Who can reach whom ("can", "must" and "should" say the same; so do "cannot", "can't" (either apostrophe), "can not",
 * "must not" and "should not": the words are those of {@link Verbs}). For references that stand for several workloads, "can reach" means every
 * source workload reaches every destination and "cannot reach" means none does. {@code the internet}
 * is any address outside the cluster: as a source of "can reach" some external address must get
 * through, as a destination some external address must be reachable; for "cannot reach", no
 * external address may. Without a port, "can reach" means on some port and "cannot reach" on no
 * port and no protocol; through {@code service "X" in "NS"} the ports are the Service's, translated
 * to each pod's targetPort. On a list of ports, "can reach" holds on each and "cannot reach" on each; the
 * first port that breaks it is the one the failure names.
 */
public final class ConnectivitySteps {

    private final World world;

    public ConnectivitySteps(World world) {
        this.world = world;
    }

    @Then("{workload} " + Verbs.CAN + " reach {workload}")
    public void canReach(Reference source, Reference destination) {
        if (destination instanceof Reference.Dns) {
            canReachOnPort(source, destination, DNS_PORTS);
            return;
        }
        world.reachCheck().assertCanReach(world.source(source), world.destination(destination), Optional.empty());
    }

    /**
     * What "reach the cluster DNS" means without a port: name lookups, 53/UDP and 53/TCP (not every port of the
     * DNS Service: CoreDNS's metrics port is no part of resolving names).
     */
    static final Ports DNS_PORTS = new Ports(List.of(
            new PortSpec(ClusterDns.PORT, "", Optional.of(Protocol.UDP)),
            new PortSpec(ClusterDns.PORT, "", Optional.of(Protocol.TCP))));

    @Then("{workload} " + Verbs.CAN + " reach {workload} on {port}")
    public void canReachOnPort(Reference source, Reference destination, Ports ports) {
        for (PortSpec port : ports.each()) {
            world.reachCheck().assertCanReach(world.source(source), world.destination(destination), Optional.of(port));
        }
    }

    @Then("{workload} " + Verbs.CANNOT + " reach {workload}")
    @Then("{workload} " + Verbs.CAN_NOT + " reach {workload}")
    public void cannotReach(Reference source, Reference destination) {
        if (destination instanceof Reference.Dns) {
            cannotReachOnPort(source, destination, DNS_PORTS);
            return;
        }
        world.reachCheck().assertCannotReach(world.source(source), world.destination(destination), Optional.empty());
    }

    @Then("{workload} " + Verbs.CANNOT + " reach {workload} on {port}")
    @Then("{workload} " + Verbs.CAN_NOT + " reach {workload} on {port}")
    public void cannotReachOnPort(Reference source, Reference destination, Ports ports) {
        for (PortSpec port : ports.each()) {
            world.reachCheck()
                    .assertCannotReach(world.source(source), world.destination(destination), Optional.of(port));
        }
    }

    @Then("{workload} is isolated for {direction}")
    public void isIsolated(Reference subject, Direction direction) {
        world.reachCheck().assertIsolated(world.source(subject), direction, true);
    }

    @Then("{workload} is not isolated for {direction}")
    public void isNotIsolated(Reference subject, Direction direction) {
        world.reachCheck().assertIsolated(world.source(subject), direction, false);
    }
}
