package io.netspec.cli.packs;

import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackProblem;
import io.netspec.engine.rules.packs.PackRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Resolves pack jars by Maven coordinates the way Maven itself would on this machine: the user's
 * {@code settings.xml} (and the installation's global one) decide the local repository, offline
 * mode, mirrors, proxies, server credentials and the repositories of active profiles; Maven
 * Central is the default remote. A version already in the local repository is not downloaded
 * again (release versions do not change), so a CI cache of {@code ~/.m2} works as it does for
 * builds.
 *
 * <p>Only this class touches Maven Resolver, and only when a pack is named by coordinates: a
 * check with path packs never loads it (start-up time).
 */
public final class MavenPacks {

    /** Overrides the user settings file (tests, or CI with a settings file elsewhere). */
    public static final String SETTINGS_PROPERTY = "netspec.maven.settings";

    public static final String SETTINGS_ENV = "NETSPEC_MAVEN_SETTINGS";

    private MavenPacks() {}

    /** The jar of {@code ref} in the local repository, downloaded first when missing. */
    public static Path resolve(PackRef.Maven ref, boolean offline) throws PackException {
        Settings settings = settings(ref);
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            Path localRepo = localRepository(settings);
            RepositorySystemSession.SessionBuilder builder = system.createSessionBuilder()
                    .withLocalRepositoryBaseDirectories(localRepo)
                    .setOffline(offline || settings.isOffline())
                    .setSystemProperties(System.getProperties())
                    .setMirrorSelector(mirrors(settings))
                    .setProxySelector(proxies(settings))
                    .setAuthenticationSelector(credentials(settings))
                    .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
            try (RepositorySystemSession.CloseableSession session = builder.build()) {
                // newResolutionRepositories applies the session's mirrors, proxies and credentials
                List<RemoteRepository> repositories = system.newResolutionRepositories(session, repositories(settings));
                ArtifactRequest request = new ArtifactRequest(
                        new DefaultArtifact(ref.groupId(), ref.artifactId(), "jar", ref.version()),
                        repositories,
                        "netspec-pack");
                ArtifactResult result = system.resolveArtifact(session, request);
                return result.getArtifact().getPath();
            }
        } catch (ArtifactResolutionException e) {
            String why = e.getResult() == null || e.getResult().getExceptions().isEmpty()
                    ? e.getMessage()
                    : e.getResult().getExceptions().get(0).getMessage();
            throw problem(
                    ref,
                    "cannot resolve " + ref.coordinates() + ": " + why
                            + (offline || settings.isOffline() ? " (offline: only the local repository is read)" : ""));
        } finally {
            system.shutdown();
        }
    }

    /** The effective settings: global then user file, as Maven merges them. */
    private static Settings settings(PackRef.Maven ref) throws PackException {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(userSettings().toFile());
        globalSettings().ifPresent(g -> request.setGlobalSettingsFile(g.toFile()));
        request.setSystemProperties(System.getProperties());
        try {
            return new DefaultSettingsBuilderFactory()
                    .newInstance()
                    .build(request)
                    .getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            SettingsProblem first = e.getProblems().get(0);
            throw problem(
                    ref,
                    "Maven settings: " + first.getSource() + ":" + first.getLineNumber() + ": " + first.getMessage());
        }
    }

    static Path userSettings() {
        String override = System.getProperty(SETTINGS_PROPERTY, System.getenv(SETTINGS_ENV));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    private static Optional<Path> globalSettings() {
        for (String env : List.of("MAVEN_HOME", "M2_HOME")) {
            String home = System.getenv(env);
            if (home != null && Files.isRegularFile(Path.of(home, "conf", "settings.xml"))) {
                return Optional.of(Path.of(home, "conf", "settings.xml"));
            }
        }
        return Optional.empty();
    }

    /** {@code -Dmaven.repo.local}, then settings' {@code localRepository}, then {@code ~/.m2/repository}. */
    private static Path localRepository(Settings settings) {
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (settings.getLocalRepository() != null
                && !settings.getLocalRepository().isBlank()) {
            return Path.of(settings.getLocalRepository());
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Maven Central, then the repositories of the profiles settings.xml activates. */
    private static List<RemoteRepository> repositories(Settings settings) {
        Map<String, RemoteRepository> out = new LinkedHashMap<>();
        out.put(
                "central",
                new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build());
        for (Profile profile : settings.getProfiles()) {
            boolean active = settings.getActiveProfiles().contains(profile.getId())
                    || profile.getActivation() != null
                            && profile.getActivation().isActiveByDefault();
            if (!active) {
                continue;
            }
            for (Repository r : profile.getRepositories()) {
                RemoteRepository.Builder b = new RemoteRepository.Builder(r.getId(), "default", r.getUrl());
                if (r.getSnapshots() != null && !r.getSnapshots().isEnabled()) {
                    b.setSnapshotPolicy(new RepositoryPolicy(false, null, null));
                }
                if (r.getReleases() != null && !r.getReleases().isEnabled()) {
                    b.setReleasePolicy(new RepositoryPolicy(false, null, null));
                }
                out.put(r.getId(), b.build());
            }
        }
        return new ArrayList<>(out.values());
    }

    private static DefaultMirrorSelector mirrors(Settings settings) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(
                    m.getId(),
                    m.getUrl(),
                    m.getLayout(),
                    false,
                    m.isBlocked(),
                    m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        return selector;
    }

    private static DefaultProxySelector proxies(Settings settings) {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                AuthenticationBuilder auth =
                        new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword());
                selector.add(
                        new org.eclipse.aether.repository.Proxy(
                                p.getProtocol(), p.getHost(), p.getPort(), auth.build()),
                        p.getNonProxyHosts());
            }
        }
        return selector;
    }

    private static DefaultAuthenticationSelector credentials(Settings settings) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            selector.add(
                    s.getId(),
                    new AuthenticationBuilder()
                            .addUsername(s.getUsername())
                            .addPassword(s.getPassword())
                            .addPrivateKey(s.getPrivateKey(), s.getPassphrase())
                            .build());
        }
        return selector;
    }

    private static PackException problem(PackRef.Maven ref, String message) {
        return new PackException(new PackProblem(ref.origin(), 0, message));
    }
}
