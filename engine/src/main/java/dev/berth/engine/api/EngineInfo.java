package dev.berth.engine.api;

/** What {@code GET /info} answers, in the shape of Docker's {@code docker info}. */
public record EngineInfo(int containers, int containersRunning, int containersPaused, int containersStopped,
                         int images, String driver, String cgroupDriver, String cgroupVersion, String kernelVersion,
                         String operatingSystem, String osType, String architecture, int ncpu, long memTotal,
                         String dockerRootDir, String name, String serverVersion, java.util.List<String> securityOptions) {}
