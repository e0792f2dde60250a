/**
 * Findings (a check's result) in every report format: text, JSON, Markdown, SARIF, GitHub annotations
 * and JUnit XML ({@link io.netspec.engine.report.findings.ReportFormat}). Golden files pin each one
 * ({@code RendererGoldenTest}). Helpers shared with other result types (ANSI colour, Markdown escaping,
 * the JUnit XML writer, stable JSON) are one package up, in {@code io.netspec.engine.report}.
 */
package io.netspec.engine.report.findings;
