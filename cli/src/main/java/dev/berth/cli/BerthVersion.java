package dev.berth.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's view of the client's version ({@link BuildInfo}). */
public final class BerthVersion implements IVersionProvider {

    public static String version() {
        return BuildInfo.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"berth version " + version()};
    }
}
