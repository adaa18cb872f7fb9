package dev.berth.engine.network.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside a network namespace. Network namespace membership belongs to a THREAD
 * (setns(2) moves only the caller), so the work runs on a fresh platform thread that joins the
 * namespace and then ends: never a pooled or virtual thread, whose carrier would stay in the
 * namespace and carry other work there. A {@link NetlinkSocket} or {@link Links} opened inside talks
 * to that namespace; a process started inside (ProcessBuilder) starts in it too, as the JDK
 * spawns children from the calling thread (tested by {@code NetNsTest}).
 */
public final class NetNs {

    /** Work to run in the namespace. */
    @FunctionalInterface
    public interface Task<T> {
        T call() throws IOException, InterruptedException;
    }

    private NetNs() {}

    /**
     * Runs {@code work} on a new platform thread inside the network namespace {@code nsFile} (a
     * {@code /run/berth/netns/NAME} file or {@code /proc/PID/ns/net}) and returns its result; its
     * exceptions come out of this call as they were thrown.
     */
    public static <T> T run(Path nsFile, Task<T> work) throws IOException, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("berth-netns " + nsFile.getFileName()).unstarted(() -> {
            try {
                int fd = Native.openReadOnly(nsFile);
                try {
                    Native.setns(fd, Native.CLONE_NEWNET, nsFile.toString());
                } finally {
                    Native.close(fd);
                }
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        joinUninterruptibly(thread);
        Throwable t = failure.get();
        if (t == null) return result.get();
        switch (t) {
            case IOException e -> throw e;
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(t);
        }
    }

    /** The thread holds the namespace: wait for it to end even when interrupted, then keep the interrupt. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
