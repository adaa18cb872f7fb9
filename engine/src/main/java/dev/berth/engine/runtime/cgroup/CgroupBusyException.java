package dev.berth.engine.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;

/** A cgroup directory could not be removed because processes are still in it. */
public final class CgroupBusyException extends CgroupException {

    private final Path directory;
    private final List<Long> pids;

    public CgroupBusyException(Path directory, List<Long> pids) {
        super("cannot remove cgroup " + directory + ": still busy (processes " + pids
                + "); kill them first (ContainerCgroup.killAll) and retry");
        this.directory = directory;
        this.pids = List.copyOf(pids);
    }

    public Path directory() {
        return directory;
    }

    public List<Long> pids() {
        return pids;
    }
}
