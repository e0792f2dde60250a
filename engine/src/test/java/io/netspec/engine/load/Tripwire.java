package io.netspec.engine.load;

/** A class named by a YAML tag in a fixture: if anything ever loaded or instantiated it, a system property would say so. */
public class Tripwire {

    /** Set by this class's static initializer, so that checking it does not load the class. */
    static final String PROPERTY = "netspec.test.tripwire";

    static {
        System.setProperty("netspec.test.tripwire", "fired");
    }

    public Tripwire() {
        System.setProperty(PROPERTY, "constructed");
    }

    public void setArmed(boolean armed) {
        System.setProperty(PROPERTY, "set");
    }
}
