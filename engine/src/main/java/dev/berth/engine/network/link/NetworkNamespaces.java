package dev.berth.engine.network.link;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.MountTable;
import dev.berth.engine.sys.SyscallException;
import dev.berth.engine.sys.Syscalls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Persistent, named network namespaces, as {@code ip netns add|delete} makes them: a namespace is
 * kept alive by a bind mount of {@code /proc/thread-self/ns/net} onto the empty file
 * {@code DIR/NAME}, so it outlives every process in it; containers join it by that path (the shim's
 * {@code net PATH}) and {@link NetNs#run} enters it.
 *
 * <p>The directory is made a PRIVATE mount point of its own (bound onto itself, then made private;
 * skipped when it is a mount point already). iproute2 makes {@code /run/netns} shared instead, so
 * that its unmount on {@code ip netns delete} propagates to the copies held by mount namespaces
 * created later. Berth does not need that: {@link #delete} also unlinks the file, and since Linux
 * 3.18 the kernel detaches the mounts on an unlinked file in every mount namespace (tested by
 * {@code NetworkNamespacesTest}). Private, on the other hand, keeps the namespace files out of the
 * peer group of the mount the directory sits on (a shared {@code /} under systemd): no new mount
 * there propagates into every mount namespace slaved to the host's, and nothing a container
 * mounts propagates back.
 */
public final class NetworkNamespaces {

    private static final long MS_BIND = 4096;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1 << 18;

    private final Path dir;
    private final Syscalls sys = Syscalls.linux();
    private boolean directoryPrepared;

    /** Namespaces kept as files in {@code dir}, e.g. {@code BERTH_RUN/netns}. */
    public NetworkNamespaces(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path directory() {
        return dir;
    }

    /** The file of namespace {@code name} (which may not exist). */
    public Path path(String name) {
        checkName(name);
        return dir.resolve(name);
    }

    public boolean exists(String name) {
        return Files.exists(path(name)) && MountTable.isMountPoint(path(name));
    }

    /** The names of the namespaces in the directory. */
    public List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Creates namespace {@code name} with its loopback up and returns its file. A name in use fails
     * with {@link FileAlreadyExistsException}; on any failure nothing is left.
     */
    public Path create(String name) throws IOException, InterruptedException {
        Path file = path(name);
        prepareDirectory();
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "network namespace '" + name + "' exists already: delete it first or choose another name");
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // unshare moves only this thread, which then ends: the namespace lives on in the bind mount
        Thread thread = Thread.ofPlatform().name("berth-netns-create " + name).unstarted(() -> {
            try {
                Native.unshare(Native.CLONE_NEWNET, "network namespace " + name);
                sys.mount("/proc/thread-self/ns/net", file, "none", MS_BIND, null);
                try (Links links = Links.open()) {
                    links.setUp("lo");
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        Throwable t = failure.get();
        if (t != null) {
            deleteQuietly(file);
            switch (t) {
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(t);
            }
        }
        return file;
    }

    /**
     * Deletes namespace {@code name}: lazily unmounts its file (the namespace goes once no process
     * is in it and nothing holds it open) and removes the file. Nothing to delete is not an error.
     */
    public void delete(String name) throws IOException {
        Path file = path(name);
        try {
            sys.umount2(file, Syscalls.MNT_DETACH);
        } catch (SyscallException e) {
            // EINVAL: not a mount point (a half-made namespace); ENOENT: no file at all
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOENT) throw e;
        }
        try {
            Files.delete(file);
        } catch (NoSuchFileException gone) {
            // already deleted
        }
    }

    private void deleteQuietly(Path file) {
        try {
            delete(file.getFileName().toString());
        } catch (IOException e) {
            // the original failure matters more
        }
    }

    /** Makes the directory a private mount point of its own (see the class comment); once. */
    private synchronized void prepareDirectory() throws IOException {
        if (directoryPrepared && Files.isDirectory(dir)) return;
        Files.createDirectories(dir);
        if (!MountTable.isMountPoint(dir)) {
            sys.mount(dir.toString(), dir, "none", MS_BIND | MS_REC, null);
            sys.mount("none", dir, "none", MS_PRIVATE, null);
        }
        directoryPrepared = true;
    }

    /**
     * Unmounts the directory's own mount (after the namespaces in it are deleted): for tests and
     * for a daemon that removes its run directory.
     */
    public synchronized void releaseDirectory() throws IOException {
        directoryPrepared = false;
        if (MountTable.isMountPoint(dir)) sys.umount2(dir, Syscalls.MNT_DETACH);
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")
                || name.length() > 200) {
            throw new IllegalArgumentException("not a valid network namespace name: '" + name
                    + "' (1 to 200 characters, no '/')");
        }
    }
}
