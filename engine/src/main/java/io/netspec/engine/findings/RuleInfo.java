package io.netspec.engine.findings;

import io.netspec.engine.model.SourceRef;
import io.netspec.engine.version.NetspecVersion;
import java.util.List;

/**
 * A check's metadata, read from the compiled DRL rule: {@code @id}, {@code @severity},
 * {@code @title}, {@code @remediation}, optional {@code @aliases}.
 *
 * @param pack     the name of the pack (from {@code pack.yaml}) the rule comes from
 * @param ruleName the DRL rule name
 * @param source   the DRL file (pack-relative, prefixed with the pack name) and the rule's line
 * @param packVersion the pack's semantic version (the netspec version for the engine's own checks)
 * @param params   the settings the rule declares ({@code @params}), in declaration order
 */
public record RuleInfo(
        String id,
        Severity severity,
        String title,
        String remediation,
        List<String> aliases,
        String pack,
        String ruleName,
        SourceRef source,
        String packVersion,
        List<RuleParam> params) {

    /** The pack name the engine's own checks ({@code waiver-without-reason}, ...) report under. */
    public static final String ENGINE_PACK = "netspec";

    /** Rule ids, aliases and pack names: kebab-case (lower-case words and digits joined by dashes). */
    public static final String ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    public RuleInfo {
        aliases = List.copyOf(aliases);
        params = params == null ? List.of() : List.copyOf(params);
        packVersion = packVersion == null || packVersion.isEmpty() && ENGINE_PACK.equals(pack)
                ? NetspecVersion.current().version().toString()
                : packVersion;
    }

    /** A rule whose pack version is not known here (the engine's own checks get netspec's version). */
    public RuleInfo(
            String id,
            Severity severity,
            String title,
            String remediation,
            List<String> aliases,
            String pack,
            String ruleName,
            SourceRef source) {
        this(id, severity, title, remediation, aliases, pack, ruleName, source, "");
    }

    /** A rule without parameters. */
    public RuleInfo(
            String id,
            Severity severity,
            String title,
            String remediation,
            List<String> aliases,
            String pack,
            String ruleName,
            SourceRef source,
            String packVersion) {
        this(id, severity, title, remediation, aliases, pack, ruleName, source, packVersion, List.of());
    }

    /** {@code pack@version}, the provenance every report shows; the pack name alone when its version is unknown. */
    public String provenance() {
        return packVersion.isEmpty() ? pack : pack + "@" + packVersion;
    }

    /** The same rule at another severity (a {@code .netspec.yaml} override). */
    public RuleInfo withSeverity(Severity newSeverity) {
        return new RuleInfo(id, newSeverity, title, remediation, aliases, pack, ruleName, source, packVersion, params);
    }

    public boolean answersTo(String idOrAlias) {
        return id.equals(idOrAlias) || aliases.contains(idOrAlias);
    }
}
