package io.netspec.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words a reach step takes for its verb, in one place: the step definitions' Cucumber expressions
 * ({@code ConnectivitySteps}) and the catalogue that lists the steps and matches undefined ones against them
 * ({@code StepCatalogue}) are built from these constants, so that a synonym added here is defined, listed and
 * suggested alike.
 */
public final class Verbs {

    private Verbs() {}

    /** {@code can reach}: can, must and should say the same. A Cucumber alternation. */
    public static final String CAN = "can/must/should";

    /**
     * {@code cannot reach}, also written with an apostrophe: {@code can't}, or the typographic {@code can’t} that
     * editors and word processors put in. A Cucumber alternation.
     */
    public static final String CANNOT = "cannot/can't/can\u2019t";

    /** {@code can not reach}, {@code must not reach}, {@code should not reach}: synonyms of {@link #CANNOT}. */
    public static final String CAN_NOT = CAN + " not";

    /** Every negated form the steps take, spelt out ({@code cannot}, {@code can't}, ..., {@code should not}). */
    public static List<String> negated() {
        List<String> out = new ArrayList<>(Arrays.asList(CANNOT.split("/")));
        for (String can : CAN.split("/")) {
            out.add(can + " not");
        }
        return List.copyOf(out);
    }

    /** Every positive form the steps take ({@code can}, {@code must}, {@code should}). */
    public static List<String> positive() {
        return List.of(CAN.split("/"));
    }
}
