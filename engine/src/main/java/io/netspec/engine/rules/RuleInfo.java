package io.netspec.engine.rules;

import io.netspec.engine.model.SourceRef;

import java.util.List;

/**
 * A check's metadata, read from the compiled DRL rule: {@code @id}, {@code @severity},
 * {@code @title}, {@code @remediation}, optional {@code @aliases}.
 *
 * @param pack     the name of the pack (from {@code pack.yaml}) the rule comes from
 * @param ruleName the DRL rule name
 * @param source   the DRL file (pack-relative, prefixed with the pack name) and the rule's line
 */
public record RuleInfo(String id, Severity severity, String title, String remediation, List<String> aliases,
                       String pack, String ruleName, SourceRef source) {

    public RuleInfo {
        aliases = List.copyOf(aliases);
    }

    public boolean answersTo(String idOrAlias) {
        return id.equals(idOrAlias) || aliases.contains(idOrAlias);
    }
}
