package dev.berth.cli.container;

import java.util.List;

/**
 * Everything {@code berth run} was told, however it was parsed: by picocli ({@link RunCommand})
 * or by the fast path ({@link FastRun}). Lists keep the order given; null means not given.
 */
public record RunOptions(boolean remove, boolean detach, String name, List<String> env, List<String> envFiles,
                         String workdir, String user, String hostname, String entrypoint, boolean init,
                         List<String> labels, String memory, String memorySwap, Double cpus, long cpuShares,
                         String cpusetCpus, long pidsLimit, List<String> capAdd, List<String> capDrop, boolean privileged,
                         List<String> securityOpt, boolean readOnly, String restart, String stopSignal, Integer stopTimeout,
                         List<String> volumes, List<String> tmpfs, List<String> mounts, List<String> sysctls, String network, List<String> publish,
                         boolean interactive, boolean tty, List<String> ulimits, String domainname, List<String> dns,
                         List<String> dnsSearch, List<String> dnsOptions, List<String> addHosts, List<String> networkAliases,
                         HealthOptions health, String image,
                         List<String> command) {

    public RunOptions {
        env = List.copyOf(env);
        envFiles = List.copyOf(envFiles);
        labels = List.copyOf(labels);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        securityOpt = List.copyOf(securityOpt);
        volumes = List.copyOf(volumes);
        tmpfs = List.copyOf(tmpfs);
        mounts = List.copyOf(mounts);
        sysctls = List.copyOf(sysctls);
        publish = List.copyOf(publish);
        command = List.copyOf(command);
        ulimits = List.copyOf(ulimits);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        addHosts = List.copyOf(addHosts);
        networkAliases = List.copyOf(networkAliases);
        if (health == null) health = HealthOptions.NONE;
    }
}
