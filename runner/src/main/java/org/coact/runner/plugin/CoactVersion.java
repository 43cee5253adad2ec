package org.coact.runner.plugin;

/** The runner's version, read from the jar manifest (or {@code dev} when run from classes). */
public final class CoactVersion {

    private CoactVersion() {
    }

    /** @return the implementation version of the runner */
    public static String get() {
        String v = CoactVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
