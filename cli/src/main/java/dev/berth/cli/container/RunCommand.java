package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import dev.berth.compose.normalize.ByteSize;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConfig;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.RestartPolicy;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.runtime.ContainerRuntime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth run IMAGE [COMMAND…]}: a container from an image, in the foreground, its output on
 * this terminal, its exit code ours. (This session: in process, no network — the daemon, {@code -d},
 * {@code -p}, {@code -v} and networks come with issues 4-6.)
 */
@Command(name = "run", description = "Create and run a new container from an image.")
public final class RunCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "Run the container in the background and print its ID.")
    boolean detach;

    @Option(names = "--name", description = "Assign a name to the container.")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set an environment variable (KEY alone: take it from this shell).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]", description = "User to run as.")
    String user;

    @Option(names = {"-h", "--hostname"}, description = "Container host name.")
    String hostname;

    @Option(names = "--entrypoint", description = "Overwrite the image's entrypoint.")
    String entrypoint;

    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes.")
    boolean init;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set metadata on the container.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, description = "Memory limit (e.g. 32m, 1g).")
    String memory;

    @Option(names = "--memory-swap", description = "Memory plus swap limit; -1 for unlimited swap.")
    String memorySwap;

    @Option(names = "--cpus", description = "Number of CPUs (e.g. 0.5).")
    Double cpus;

    @Option(names = "--cpu-shares", description = "CPU shares (relative weight).")
    long cpuShares;

    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1).")
    String cpusetCpus;

    @Option(names = "--pids-limit", description = "Tune the container's pids limit.")
    long pidsLimit;

    @Option(names = "--cap-add", description = "Add a Linux capability.")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", description = "Drop a Linux capability.")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged", description = "Give extended privileges to this container.")
    boolean privileged;

    @Option(names = "--security-opt", description = "Security options (no-new-privileges, seccomp=unconfined).")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only.")
    boolean readOnly;

    @Option(names = "--restart", description = "Restart policy (recorded; applied by berthd, which comes next).")
    String restart;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (detach && remove) {
            throw new IllegalArgumentException("--rm with -d needs berthd to remove the container when it exits: not yet");
        }
        ImageService images = images();
        Image img = images.store().resolve(image).orElse(null);
        if (img == null) {
            err().println("Unable to find image '" + image + "' locally");
            err().flush();
            img = images.pull(image, event -> { });
        }
        Containers engine = Containers.open(this);
        ContainerStore containers = engine.store();
        ContainerRuntime runtime = engine.runtime();
        Container container = containers.create(name, img.id().toString(), config(img), host());
        if (detach) {
            runtime.start(container, img);
            out().println(container.id());
            return 0;
        }
        PrintWriter out = out();
        PrintWriter err = err();
        try {
            return runtime.run(container, img, entry -> {
                PrintWriter to = entry.stream().equals("stderr") ? err : out;
                to.print(entry.log());
                to.flush();
            });
        } finally {
            if (remove) containers.remove(container.id());
        }
    }

    private ContainerConfig config(Image img) {
        var imageConfig = img.config().config();
        List<String> imageEnv = imageConfig == null || imageConfig.env() == null ? List.of() : imageConfig.env();
        Map<String, String> merged = new LinkedHashMap<>();
        for (String e : imageEnv) put(merged, e);
        if (merged.isEmpty()) merged.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String e : env) {
            if (e.contains("=")) put(merged, e);
            else if (berth().invocation().environment().containsKey(e)) merged.put(e, berth().invocation().environment().get(e));
        }
        List<String> envList = new ArrayList<>();
        merged.forEach((k, v) -> envList.add(k + "=" + v));
        List<String> ep = entrypoint != null ? (entrypoint.isEmpty() ? List.of() : List.of(entrypoint))
                : imageConfig == null || imageConfig.entrypoint() == null ? List.of() : imageConfig.entrypoint();
        List<String> cmd = !command.isEmpty() ? command
                : entrypoint != null || imageConfig == null || imageConfig.cmd() == null ? List.of() : imageConfig.cmd();
        if (ep.isEmpty() && cmd.isEmpty()) {
            throw new IllegalArgumentException("no command specified: the image has no CMD or ENTRYPOINT; give one after the image name");
        }
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            labelMap.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        String wd = workdir != null ? workdir : imageConfig == null || imageConfig.workingDir() == null ? "" : imageConfig.workingDir();
        String usr = user != null ? user : imageConfig == null || imageConfig.user() == null ? "" : imageConfig.user();
        return new ContainerConfig(image, ep, cmd, envList, wd, usr, hostname == null ? "" : hostname, "", labelMap,
                false, false, imageConfig == null ? null : imageConfig.stopSignal(), null);
    }

    private static void put(Map<String, String> env, String kv) {
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }

    private HostConfig host() {
        return new HostConfig(bytes(memory), memorySwap == null ? 0 : memorySwap.equals("-1") ? -1 : bytes(memorySwap),
                cpus == null ? 0 : Math.round(cpus * 1e9), cpuShares, cpusetCpus, pidsLimit, capAdd, capDrop, privileged,
                securityOpt, readOnly, RestartPolicy.parse(restart), init, remove, List.of(), Map.of(), "none", 0);
    }

    /** Docker's memory units are go-units' RAMInBytes, as Compose's: {@code 32m} = 33554432. */
    static long bytes(String s) {
        return s == null || s.isEmpty() ? 0 : ByteSize.parse(s.trim());
    }
}
