package io.netspec.engine.rules.packs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pack, one load. The same pack name from two sources (a config file and a flag, or two
 * versions) would otherwise fail with one Drools error per duplicated rule and function, or,
 * worse, run one version's rules beside the other's; instead it is one problem naming both.
 */
public final class DuplicatePacks {

    private DuplicatePacks() {}

    public static void check(List<Pack> packs) throws PackException {
        Map<String, Pack> byName = new LinkedHashMap<>();
        List<PackProblem> problems = new ArrayList<>();
        for (Pack p : packs) {
            Pack first = byName.putIfAbsent(p.name(), p);
            if (first != null) {
                problems.add(new PackProblem(
                        p.location(),
                        0,
                        "pack " + p.name() + " is loaded twice: "
                                + first.provenance() + " from " + first.location() + " and " + p.provenance() + " from "
                                + p.location() + "; keep one of them (--rules, or packs: in .netspec.yaml)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
    }
}
