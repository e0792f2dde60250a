package io.netspec.engine.load.live;

import io.netspec.engine.load.LoadResult;
import java.util.List;

/**
 * A cluster read into facts.
 *
 * @param context the kubeconfig context read
 * @param load    the facts and the loader's problems, sources {@code cluster:CONTEXT/KIND/NS/NAME}
 * @param absent  APIs this cluster does not serve (CRDs not installed): nothing to read, not an error
 * @param denied  what the credentials may not read: the facts leave it out
 */
public record LiveResult(String context, LoadResult load, List<String> absent, List<Denied> denied) {

    public LiveResult {
        absent = List.copyOf(absent);
        denied = List.copyOf(denied);
    }

    /** Something could not be read, so the answers may miss objects. */
    public boolean incomplete() {
        return !denied.isEmpty();
    }
}
