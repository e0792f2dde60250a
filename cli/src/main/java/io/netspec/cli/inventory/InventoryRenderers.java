package io.netspec.cli.inventory;

import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.model.Cluster;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The inventory (what {@code netspec inventory} found: every object by kind with file:line, and the
 * load problems) in each format the command offers. Golden files pin both: {@code InventoryRenderTest}.
 */
public final class InventoryRenderers {

    /** The {@code schema} field of the JSON form. */
    public static final String JSON_SCHEMA = InventoryJson.SCHEMA;

    private InventoryRenderers() {}

    /** A section per kind, each object with file:line, then the problems. */
    public static void text(Cluster cluster, List<LoadProblem> problems, Writer out) {
        PrintWriter printer = new PrintWriter(out);
        new InventoryText(printer).render(cluster, problems);
        printer.flush();
    }

    /** The same as JSON ({@value #JSON_SCHEMA}). */
    public static void json(Cluster cluster, List<LoadProblem> problems, Writer out) {
        PrintWriter printer = new PrintWriter(out);
        new InventoryJson(printer).render(cluster, problems);
        printer.flush();
    }
}
