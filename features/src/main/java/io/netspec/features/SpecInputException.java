package io.netspec.features;

/**
 * The spec itself is wrong, not the cluster: an unknown workload, a malformed reference, a port
 * the destination does not have, manifests that do not load. Such a scenario is an error (exit 2),
 * never a silent pass or an ordinary failure.
 */
public class SpecInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SpecInputException(String message) {
        super(message, null, false, false);
    }
}
