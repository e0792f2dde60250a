package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.runtime.Waivers;
import java.nio.file.Path;
import java.util.List;

/** One check result exercising every case a renderer meets: all severities, both waiver kinds, characters to escape. */
final class ReportFixtures {

    static final Path WORKING_DIR = Path.of("/work/repo");
    static final ReportContext CONTEXT = new ReportContext("1.2.3", WORKING_DIR);

    private ReportFixtures() {}

    static RuleInfo rule(String id, Severity severity, String title, String remediation) {
        return new RuleInfo(
                id,
                severity,
                title,
                remediation,
                List.of(),
                "segmentation",
                id,
                new SourceRef("builtin:segmentation/" + id + ".drl", 3),
                "1.4.0");
    }

    /** The engine's own check, at the fixture's netspec version so the golden files do not follow the build's. */
    static RuleInfo engineRule() {
        RuleInfo w = Waivers.WITHOUT_REASON;
        return new RuleInfo(
                w.id(),
                w.severity(),
                w.title(),
                w.remediation(),
                w.aliases(),
                w.pack(),
                w.ruleName(),
                w.source(),
                "1.2.3");
    }

    static CheckResult result() {
        RuleInfo deny = rule(
                "missing-default-deny-ingress",
                Severity.ERROR,
                "Namespace has no default-deny ingress policy",
                "Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress] to the namespace.");
        RuleInfo host = rule(
                "host-network",
                Severity.WARNING,
                "Workload uses the host network",
                "Remove hostNetwork: true from the pod template.");
        RuleInfo dangling = rule(
                "dangling-service",
                Severity.INFO,
                "Service selects no workload",
                "Fix the Service selector or remove the Service.");
        RuleInfo clean = rule(
                "unresolved-named-port",
                Severity.WARNING,
                "Named port resolves nowhere",
                "Name a port the target pods declare.");
        RuleInfo owner = new RuleInfo(
                "namespace-owner",
                Severity.WARNING,
                "Namespace names no owning team",
                "Add the team label to the namespace.",
                List.of(),
                "acme",
                "namespace-owner",
                new SourceRef("org-pack/owner.drl", 7),
                "2.3.0");
        return new CheckResult(
                List.of(
                        new Finding(
                                deny.id(),
                                Severity.ERROR,
                                deny.title(),
                                "namespace shop has no default-deny ingress policy",
                                deny.remediation(),
                                "Namespace",
                                "",
                                "shop",
                                new SourceRef("examples/shop/namespace.yaml", 1),
                                false,
                                "",
                                "segmentation@1.4.0"),
                        new Finding(
                                host.id(),
                                Severity.WARNING,
                                host.title(),
                                "workload shop/web[Deployment] uses the host network: ports <80|443>, \"all\"",
                                host.remediation(),
                                "Deployment",
                                "shop",
                                "web",
                                new SourceRef("examples/shop/web.yaml", 42),
                                false,
                                "",
                                "segmentation@1.4.0"),
                        new Finding(
                                host.id(),
                                Severity.WARNING,
                                host.title(),
                                "workload shop/web[Deployment] uses the host network " + "in its second pod template",
                                host.remediation(),
                                "Deployment",
                                "shop",
                                "web",
                                new SourceRef("examples/shop/web.yaml", 90),
                                false,
                                "",
                                "segmentation@1.4.0"),
                        new Finding(
                                host.id(),
                                Severity.WARNING,
                                host.title(),
                                "workload shop/proxy[Deployment] uses the host network",
                                host.remediation(),
                                "Deployment",
                                "shop",
                                "proxy",
                                new SourceRef("examples/shop/proxy.yaml", 5),
                                false,
                                "",
                                "segmentation@1.4.0"),
                        new Finding(
                                host.id(),
                                Severity.WARNING,
                                host.title(),
                                "workload shop/agent[DaemonSet] uses the host network",
                                host.remediation(),
                                "DaemonSet",
                                "shop",
                                "agent",
                                new SourceRef("examples/shop/agent.yaml", 7),
                                true,
                                "node agent needs the host's interfaces",
                                "segmentation@1.4.0"),
                        new Finding(
                                dangling.id(),
                                Severity.INFO,
                                dangling.title(),
                                "service legacy selects no workload",
                                dangling.remediation(),
                                "Service",
                                "shop",
                                "legacy",
                                new SourceRef("examples/shop/legacy svc.yaml", 3),
                                false,
                                "",
                                "segmentation@1.4.0"),
                        new Finding(
                                dangling.id(),
                                Severity.INFO,
                                dangling.title(),
                                "service old selects no workload",
                                dangling.remediation(),
                                "Service",
                                "shop",
                                "old",
                                new SourceRef("examples/shop/old.yaml", 0),
                                true,
                                "baseline",
                                "segmentation@1.4.0"),
                        new Finding(
                                owner.id(),
                                Severity.WARNING,
                                owner.title(),
                                "namespace shop names no owning team",
                                owner.remediation(),
                                "Namespace",
                                "",
                                "shop",
                                new SourceRef("examples/shop/namespace.yaml", 1),
                                false,
                                "",
                                owner.provenance()),
                        new Finding(
                                Waivers.WITHOUT_REASON.id(),
                                Severity.WARNING,
                                Waivers.WITHOUT_REASON.title(),
                                "annotation netspec.io/ignore.host-network on Deployment shop/web waives nothing: it has no reason",
                                Waivers.WITHOUT_REASON.remediation(),
                                "Deployment",
                                "shop",
                                "web",
                                new SourceRef("examples/shop/web.yaml", 40),
                                false,
                                "",
                                "netspec@1.2.3")),
                List.of(dangling, host, deny, clean, owner, engineRule()));
    }
}
