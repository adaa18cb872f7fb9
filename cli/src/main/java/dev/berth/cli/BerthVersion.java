package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The client's version, written into a resource by the Maven build. */
public final class BerthVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The version of this build, e.g. "0.1.0-SNAPSHOT"; "unknown" when run from unbuilt sources. */
    public static String version() {
        try (InputStream in = BerthVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"berth version " + version()};
    }
}
