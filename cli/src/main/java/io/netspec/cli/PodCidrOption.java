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
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code --pod-cidr}, {@code --node-cidr}: the cluster's pod and node address ranges, for the commands that analyse connectivity from manifests
 * ({@link InputOptions}, {@code diff}, {@code test}). A flag wins over {@code podCIDRs:} / {@code nodeCIDRs:} of the run's config file.
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

    @Option(
            names = "--node-cidr",
            paramLabel = "CIDR",
            split = ",",
            description = "The nodes' address ranges (repeatable). Host-network pods have their node's address: "
                    + "address peers are then decided for those whose Node (status.addresses) the input lacks. "
                    + "Default: nodeCIDRs: in the config file (.netspec.yaml).")
    List<String> nodeCidr = new ArrayList<>();

    /** The node ranges to analyse with: {@code --node-cidr}, else as {@link #ranges} picks the config's. */
    List<Cidr> nodeRanges(List<Cidr> configured) throws CheckConfig.ConfigException {
        return picked("--node-cidr", nodeCidr, configured, CheckConfig::nodeCidrs);
    }

    /** The node ranges from {@code --node-cidr}, else the {@code nodeCIDRs} of {@code config}; empty when none. */
    List<Cidr> nodeRangesWithConfigFile(Optional<Path> config) throws CheckConfig.ConfigException {
        return pickedWithConfigFile("--node-cidr", nodeCidr, config, CheckConfig::nodeCidrs);
    }

    /**
     * The ranges to analyse with: {@code --pod-cidr}, else {@code configured} (the {@code podCIDRs} of a config file
     * the command was given), else those of {@code .netspec.yaml} in the working directory; empty when none.
     *
     * @throws IllegalArgumentException a flag value that is not a CIDR
     */
    List<Cidr> ranges(List<Cidr> configured) throws CheckConfig.ConfigException {
        return picked("--pod-cidr", podCidr, configured, CheckConfig::podCidrs);
    }

    /**
     * The ranges from {@code --pod-cidr}, else the {@code podCIDRs} of {@code config} (a command that chose its
     * config file itself, {@code --no-config} included, reads no other); empty when none.
     *
     * @throws IllegalArgumentException a flag value that is not a CIDR
     */
    List<Cidr> rangesWithConfigFile(Optional<Path> config) throws CheckConfig.ConfigException {
        return pickedWithConfigFile("--pod-cidr", podCidr, config, CheckConfig::podCidrs);
    }

    /** The flag's ranges, else {@code configured}, else the key of {@code .netspec.yaml} in the working directory. */
    private static List<Cidr> picked(
            String flag, List<String> given, List<Cidr> configured, Function<CheckConfig, List<Cidr>> key)
            throws CheckConfig.ConfigException {
        if (!given.isEmpty()) {
            return parsed(flag, given);
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        return pickedWithConfigFile(flag, given, Optional.of(Path.of(CheckConfig.FILE_NAME)), key);
    }

    /** The flag's ranges, else the key of {@code config} when it is a file; empty when none. */
    private static List<Cidr> pickedWithConfigFile(
            String flag, List<String> given, Optional<Path> config, Function<CheckConfig, List<Cidr>> key)
            throws CheckConfig.ConfigException {
        if (!given.isEmpty()) {
            return parsed(flag, given);
        }
        return config.isPresent() && Files.isRegularFile(config.get())
                ? key.apply(CheckConfig.load(config.get()))
                : List.of();
    }

    private static List<Cidr> parsed(String flag, List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String text : texts) {
            try {
                out.add(Cidrs.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + " " + text.trim() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code loaded} analysed with {@code ranges} as the cluster's pod ranges. */
    static LoadResult applied(LoadResult loaded, List<Cidr> ranges) {
        return ranges.isEmpty() ? loaded : new LoadResult(loaded.cluster().withPodCidrs(ranges), loaded.problems());
    }

    /** {@code loaded} analysed with {@code pods} and {@code nodes} as the cluster's pod and node ranges. */
    static LoadResult applied(LoadResult loaded, List<Cidr> pods, List<Cidr> nodes) {
        LoadResult out = applied(loaded, pods);
        return nodes.isEmpty() ? out : new LoadResult(out.cluster().withNodeCidrs(nodes), out.problems());
    }
}
