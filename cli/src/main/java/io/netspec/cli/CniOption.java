package io.netspec.cli;

import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.rules.check.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --cni}: the CNI plugin that enforces policy, one option for every command that loads manifests
 * ({@code check}, {@code reach}, {@code explain}, {@code diff}, {@code report}, {@code inventory}, {@code test},
 * {@code rules test}). Mix it in with {@code @Mixin CniOption cni = new CniOption();}. The flag wins over the
 * {@code cni} key of the run's config file, which wins over auto.
 */
public final class CniOption {

    @Option(
            names = "--cni",
            paramLabel = "PLUGIN",
            description = "The CNI plugin that enforces policy: auto (infer it from the policy kinds present, and say "
                    + "so), calico (Calico policies and tiers, Kubernetes NetworkPolicies in Calico's default tier), "
                    + "cilium (Cilium policies, Kubernetes NetworkPolicies in Cilium's tier) or none (Kubernetes "
                    + "NetworkPolicy and admin policies only). Default: cni: in the config file (.netspec.yaml), else "
                    + "auto. Policies of a plugin the cluster does not run are reported, never applied.")
    String cni;

    /**
     * The plugin to analyse with: {@code --cni}, else {@code configured} (the {@code cni} of a config file the
     * command was given), else the {@code cni} key of {@code .netspec.yaml} in the working directory; empty
     * means auto.
     *
     * @throws IllegalArgumentException an unknown plugin name
     */
    Optional<NetworkPlugin> plugin(Optional<NetworkPlugin> configured) throws CheckConfig.ConfigException {
        Optional<NetworkPlugin> given = flagged();
        if (given.isPresent() || configured.isPresent()) {
            return given.or(() -> configured);
        }
        Path here = Path.of(CheckConfig.FILE_NAME);
        return Files.isRegularFile(here) ? CheckConfig.load(here).cni() : Optional.empty();
    }

    /**
     * The plugin from {@code --cni}, else the {@code cni} of {@code config} (a command that chose its config file
     * itself, {@code --no-config} included, reads no other); empty means auto.
     */
    Optional<NetworkPlugin> pluginWithConfigFile(Optional<Path> config) throws CheckConfig.ConfigException {
        Optional<NetworkPlugin> given = flagged();
        if (given.isPresent() || config.isEmpty() || !Files.isRegularFile(config.get())) {
            return given;
        }
        return CheckConfig.load(config.get()).cni();
    }

    private Optional<NetworkPlugin> flagged() {
        if (cni == null) {
            return Optional.empty();
        }
        return Optional.of(NetworkPlugin.parse(cni)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--cni " + cni + ": unknown plugin (expected auto, calico, cilium, none)")));
    }
}
