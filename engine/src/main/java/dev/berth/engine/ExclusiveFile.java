package dev.berth.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, across processes (a file lock) and across threads and store
 * instances in one JVM (a file lock is per JVM: a second lock on the same file from the same
 * process is an error, not a wait).
 */
public final class ExclusiveFile {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** What runs while the lock is held. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private ExclusiveFile() {
    }

    public static <T> T locked(Path lockFile, Work<T> work) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return work.run();
        } finally {
            local.unlock();
        }
    }
}
