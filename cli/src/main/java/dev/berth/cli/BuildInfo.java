package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The client's version, written into a resource by the Maven build (no picocli here: the fast run path reads it). */
public final class BuildInfo {

    private BuildInfo() {
    }

    private static final String RESOURCE = "version.properties";

    /** The version of this build, e.g. "0.1.0-SNAPSHOT"; "unknown" when run from unbuilt sources. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
