package dev.berth.cli.container;

import dev.berth.cli.image.HumanUnits;
import dev.berth.engine.api.EngineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code berth info}: the engine's counts and host facts, laid out like {@code docker info}'s Server part. */
@Command(name = "info", description = "Display system-wide information.")
public final class InfoCommand extends ContainerCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        EngineInfo i = engine().info();
        PrintWriter o = out();
        o.println("Server:");
        o.println(" Containers: " + i.containers());
        o.println("  Running: " + i.containersRunning());
        o.println("  Paused: " + i.containersPaused());
        o.println("  Stopped: " + i.containersStopped());
        o.println(" Images: " + i.images());
        o.println(" Server Version: " + i.serverVersion());
        o.println(" Storage Driver: " + i.driver());
        o.println(" Logging Driver: json-file");
        o.println(" Cgroup Driver: " + i.cgroupDriver());
        o.println(" Cgroup Version: " + i.cgroupVersion());
        o.println(" Security Options:");
        i.securityOptions().forEach(s -> o.println("  " + s));
        o.println(" Kernel Version: " + i.kernelVersion());
        o.println(" Operating System: " + i.operatingSystem());
        o.println(" OSType: " + i.osType());
        o.println(" Architecture: " + i.architecture());
        o.println(" CPUs: " + i.ncpu());
        o.println(" Total Memory: " + HumanUnits.binarySize(i.memTotal()));
        o.println(" Name: " + i.name());
        o.println(" Berth Root Dir: " + i.dockerRootDir());
        return 0;
    }
}
