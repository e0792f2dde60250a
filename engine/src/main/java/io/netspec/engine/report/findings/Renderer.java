package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;

/** Turns one check's result into one output format. */
public interface Renderer {

    String render(CheckResult result, ReportContext context);
}
