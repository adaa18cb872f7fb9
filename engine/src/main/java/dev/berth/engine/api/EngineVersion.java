package dev.berth.engine.api;

/**
 * What {@code GET /version} answers, in the shape of Docker's (so `berth version` reads like
 * `docker version`): the daemon's version, API version, platform, kernel, and its own JVM.
 */
public record EngineVersion(String version, String apiVersion, String os, String arch, String kernelVersion,
                            String javaVersion, long pid, String root) {

    /** The API this build speaks; clients and daemons of the same build match. */
    public static final String API_VERSION = "1.0";
}
