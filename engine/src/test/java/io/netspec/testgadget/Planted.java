package io.netspec.testgadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * Stands for a deserialization gadget planted in a pack cache entry: a serializable class outside
 * the cache's allow-list whose {@code readObject} would run code. {@link #ran} says whether it did.
 */
public final class Planted implements Serializable {

    private static final long serialVersionUID = 1L;

    public static volatile boolean ran;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        ran = true;
    }
}
