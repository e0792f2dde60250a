package io.netspec.rules;

import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.rules.*;
import org.junit.jupiter.api.Test;
import java.nio.file.*;
import java.util.*;

class ScratchPrintTest {
    @Test
    void print() throws Exception {
        RuleEngine engine = BuiltInPacks.engine();
        ManifestLoader loader = new ManifestLoader();
        StringBuilder sb = new StringBuilder();
        for (Pack pack : BuiltInPacks.packs()) {
            for (FixtureRunner.FixtureCase c : FixtureRunner.cases(BuiltInPacks.fixturesOf(pack))) {
                if (!c.failing()) continue;
                var cluster = loader.load(List.of(c.file())).cluster();
                try {
                    for (Finding f : engine.run(cluster, Network.of(cluster), r -> r.id().equals(c.ruleId()))) {
                        sb.append(f.source()).append(": ").append(f.severity()).append(" [").append(f.ruleId()).append("] ").append(f.message()).append("\n");
                    }
                } catch (PackException e) { sb.append(c.file()).append(": ").append(e.getMessage()).append("\n"); }
            }
        }
        Files.writeString(Path.of("/tmp/findings.txt"), sb.toString());
    }
}
