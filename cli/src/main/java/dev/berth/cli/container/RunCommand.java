package dev.berth.cli.container;

import java.util.ArrayList;
import java.util.List;
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
public final class RunCommand extends ContainerCommand implements Callable<Integer> {

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

    @Option(names = {"-u", "--user"}, paramLabel = "NAME|UID[:GROUP|GID]", description = "User to run as (names from the image's /etc/passwd).")
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

    @Option(names = "--restart", description = "Restart policy: no, always, unless-stopped, on-failure[:N].")
    String restart;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Option(names = "--env-file", description = "Read in a file of environment variables.")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--stop-signal", description = "Signal to stop the container (default SIGTERM).")
    String stopSignal;

    @Option(names = "--stop-timeout", description = "Timeout (in seconds) to stop a container.")
    Integer stopTimeout;

    @Option(names = {"-v", "--volume"}, paramLabel = "[SOURCE:]/CONTAINER[:OPTIONS]",
            description = "Bind mount a host path, or mount a named (or with no SOURCE an anonymous) volume; OPTIONS: ro, nocopy, rprivate…")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "type=bind|volume|tmpfs,…", description = "Attach a filesystem mount (Docker's --mount).")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--sysctl", paramLabel = "KEY=VALUE", description = "Set a namespaced kernel parameter (net.*, kernel.shm*, fs.mqueue.*…).")
    List<String> sysctls = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "/PATH[:OPTIONS]", description = "Mount a tmpfs (size=64m,mode=1777…).")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = {"--network", "--net"}, description = "Connect a container to a network: bridge (the default), a network's name, none, host.")
    String network = "bridge";

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:]HOST:CONTAINER", description = "Publish a container's port (not yet: needs bridge networks).")
    List<String> publish = new ArrayList<>();

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Ulimit options (nofile=1024:2048).")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--domainname", description = "Container NIS domain name.")
    String domainname;

    @Option(names = "--dns", description = "Set custom DNS servers.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", description = "Set custom DNS search domains.")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-option", description = "Set DNS options.")
    List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a custom host-to-IP mapping.")
    List<String> addHosts = new ArrayList<>();

    @Option(names = {"--network-alias", "--net-alias"}, description = "Add a network-scoped alias for the container.")
    List<String> networkAliases = new ArrayList<>();

    @Option(names = "--health-cmd", description = "Command to run to check health (with /bin/sh -c).")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between running the check (ms|s|m|h) (default 30s).")
    String healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Maximum time to allow one check to run (ms|s|m|h) (default 30s).")
    String healthTimeout;

    @Option(names = "--health-retries", description = "Consecutive failures needed to report unhealthy (default 3).")
    int healthRetries;

    @Option(names = "--health-start-period", paramLabel = "DURATION",
            description = "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h) (default 0s).")
    String healthStartPeriod;

    @Option(names = "--health-start-interval", paramLabel = "DURATION",
            description = "Time between running the check during the start period (ms|s|m|h) (default 5s).")
    String healthStartInterval;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK.")
    boolean noHealthcheck;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    @Override
    public Integer call() throws Exception {
        return ContainerRun.run(options(), berth().invocation(), out(), err());
    }

    /** What was given, for {@link ContainerRun} (and to hold the fast path to the same reading). */
    RunOptions options() {
        return new RunOptions(remove, detach, name, env, envFiles, workdir, user, hostname, entrypoint, init, labels, memory,
                memorySwap, cpus, cpuShares, cpusetCpus, pidsLimit, capAdd, capDrop, privileged, securityOpt, readOnly, restart,
                stopSignal, stopTimeout, volumes, tmpfs, mounts, sysctls, network, publish, interactive, tty, ulimits, domainname, dns, dnsSearch,
                dnsOptions, addHosts, networkAliases, new HealthOptions(healthCmd, healthInterval, healthTimeout, healthRetries,
                        healthStartPeriod, healthStartInterval, noHealthcheck), image, command);
    }
}
