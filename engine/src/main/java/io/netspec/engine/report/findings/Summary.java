package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Severity;

/** The counts every format ends with. */
public record Summary(long errors, long warnings, long infos, long waived, int rules) {

    public static Summary of(CheckResult result) {
        return new Summary(
                result.count(Severity.ERROR),
                result.count(Severity.WARNING),
                result.count(Severity.INFO),
                result.waivedCount(),
                result.rules().size());
    }

    /** {@code 1 error, 2 warnings, 0 infos, 1 waived}. */
    @Override
    public String toString() {
        return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(infos, "info") + ", "
                + waived + " waived";
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
