package io.netspec.cli;

import io.netspec.engine.load.Cidrs;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.rules.check.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --pod-cidr}: the cluster's pod address ranges, for the commands that analyse connectivity from manifests
 * ({@link InputOptions}, {@code diff}, {@code test}). The flag wins over {@code podCIDRs:} of the run's config file.
 */
public final class PodCidrOption {

    @Option(
            names = "--pod-cidr",
            paramLabel = "CIDR",
            split = ",",
            description = "The cluster's pod address ranges (repeatable; IPv4 and IPv6). Address peers (ipBlock, "
                    + "Calico nets, ClusterNetworkPolicy networks) are then decided for pods whose IP the input "
                    + "lacks: a peer holding the pods' whole range matches them, one outside it does not. Node "
                    + "objects' spec.podCIDRs narrow it per node. Default: podCIDRs: in the config file "
                    + "(.netspec.yaml).")
    List<String> podCidr = new ArrayList<>();

    /**
     * The ranges to analyse with: {@code --pod-cidr}, else {@code configured} (the {@code podCIDRs} of a config file
     * the command was given), else those of {@code .netspec.yaml} in the working directory; empty when none.
     *
     * @throws IllegalArgumentException a flag value that is not a CIDR
     */
    List<Cidr> ranges(List<Cidr> configured) throws CheckConfig.ConfigException {
        if (!podCidr.isEmpty()) {
            return flagged();
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        Path here = Path.of(CheckConfig.FILE_NAME);
        return Files.isRegularFile(here) ? CheckConfig.load(here).podCidrs() : List.of();
    }

    /**
     * The ranges from {@code --pod-cidr}, else the {@code podCIDRs} of {@code config} (a command that chose its
     * config file itself, {@code --no-config} included, reads no other); empty when none.
     *
     * @throws IllegalArgumentException a flag value that is not a CIDR
     */
    List<Cidr> rangesWithConfigFile(Optional<Path> config) throws CheckConfig.ConfigException {
        if (!podCidr.isEmpty()) {
            return flagged();
        }
        return config.isPresent() && Files.isRegularFile(config.get())
                ? CheckConfig.load(config.get()).podCidrs()
                : List.of();
    }

    private List<Cidr> flagged() {
        List<Cidr> out = new ArrayList<>();
        for (String text : podCidr) {
            try {
                out.add(Cidrs.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--pod-cidr " + text.trim() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code loaded} analysed with {@code ranges} as the cluster's pod ranges. */
    static LoadResult applied(LoadResult loaded, List<Cidr> ranges) {
        return ranges.isEmpty() ? loaded : new LoadResult(loaded.cluster().withPodCidrs(ranges), loaded.problems());
    }
}
