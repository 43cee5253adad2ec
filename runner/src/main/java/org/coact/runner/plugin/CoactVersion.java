package org.coact.runner.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner's version: the jar manifest's implementation version, else the build's
 * {@code version.properties} (classes run from {@code target/classes}), else {@code dev}.
 */
public final class CoactVersion {

    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    private CoactVersion() {
    }

    /** @return the implementation version of the runner, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String get() {
        String v = CoactVersion.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = CoactVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String built = p.getProperty("version", "");
                if (!built.isBlank() && !built.startsWith("${")) {
                    return built.strip();
                }
            }
        } catch (IOException e) {
            // fall through to dev
        }
        return "dev";
    }

    /**
     * The version plugins' {@code plugin.requires} is checked against: {@link #get()} without
     * its qualifier ({@code 0.1.0-SNAPSHOT} satisfies {@code >=0.1.0}), or {@code 0.0.0} for a
     * {@code dev} build, which PF4J treats as satisfying every constraint.
     *
     * @return {@code MAJOR.MINOR.PATCH}
     */
    public static String release() {
        Matcher m = RELEASE.matcher(get());
        return m.matches() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : "0.0.0";
    }
}
