package dev.berth.engine.api;

import dev.berth.engine.container.Container;
import dev.berth.engine.runtime.shim.LogEntry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's container API, as the CLI and the planner see it. Two implementations: the
 * daemon's own ({@code daemon.EngineService}, in process) and {@link EngineClient} (HTTP/JSON
 * on berthd's unix socket). Operations and their meaning follow Docker's engine API; a container
 * is named by full ID, unique ID prefix or name.
 */
public interface ContainerEngine {

    EngineVersion version() throws IOException;

    EngineInfo info() throws IOException;

    /** Records a container from an image already in the store (the image's config merged in, as Docker does); returns its ID. */
    String create(CreateRequest request) throws IOException;

    /** Starts a created or exited container; returns once its command runs (or it has failed to start). */
    default void start(String ref) throws IOException {
        start(ref, false);
    }

    /**
     * {@code holdForAttach}: a container with stdin or a tty waits for its first attach client (on
     * its attach socket, {@code ContainerRuntime.attachSocket}) before its command runs, as Docker's
     * run attaches before it starts (berth's extension: {@code start?attach-wait=1}).
     */
    void start(String ref, boolean holdForAttach) throws IOException;

    /** The stop signal, then SIGKILL after {@code timeoutSeconds} (null: the container's own, else 10). */
    Container stop(String ref, Integer timeoutSeconds) throws IOException;

    Container restart(String ref, Integer timeoutSeconds) throws IOException;

    /** Sends a signal (Docker's forms: KILL, SIGHUP, 15; null: SIGKILL) to the container's first process. */
    Container kill(String ref, String signal) throws IOException;

    Container pause(String ref) throws IOException;

    Container unpause(String ref) throws IOException;

    /** {@code docker rename}: a new name (running or not); its network names follow. */
    Container rename(String ref, String newName) throws IOException;

    /** Removes a container; a running one only with {@code force} (killed first). */
    default void remove(String ref, boolean force) throws IOException {
        remove(ref, force, false);
    }

    /** {@code removeVolumes} ({@code rm -v}): its anonymous volumes go too (named ones stay, as in Docker). */
    void remove(String ref, boolean force, boolean removeVolumes) throws IOException;

    /** Blocks until the condition holds; returns the exit status then. */
    default WaitResult wait(String ref, WaitCondition condition) throws IOException {
        try {
            return waitAsync(ref, condition).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + ref, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        }
    }

    /**
     * Registers a wait and returns once the engine has it (so a container started after this call
     * cannot end unseen — what {@code run} needs); the future completes when the condition holds.
     */
    java.util.concurrent.CompletableFuture<WaitResult> waitAsync(String ref, WaitCondition condition) throws IOException;

    /**
     * Containers, newest first; running ones unless {@code all}. Filters as {@code docker ps
     * --filter}: {@code label=K}, {@code label=K=V}, {@code name=N}, {@code id=PREFIX},
     * {@code status=S}; different keys must all match, values of one key any.
     */
    List<Container> list(boolean all, List<String> filters) throws IOException;

    Container inspect(String ref) throws IOException;

    /** The container's log; with {@code options.follow()} until it has ended (or the sink throws). */
    void logs(String ref, LogOptions options, Consumer<LogEntry> sink) throws IOException;

    /**
     * Registers for what the container writes from its next start until it ends — call it before
     * {@link #start}, as Docker's {@code run} attaches before it starts, so no line is missed even
     * when the container is gone ({@code --rm}) by the time the output is read.
     */
    AttachedOutput attach(String ref) throws IOException;

    /** The output of an attached container, delivered until the container has ended. */
    interface AttachedOutput extends AutoCloseable {
        void forEach(Consumer<LogEntry> sink) throws IOException;

        @Override
        void close() throws IOException;
    }

    ContainerTop top(String ref) throws IOException;

    /**
     * {@code docker events}: berthd's events in Docker's shape, the kept ones from {@code since} first,
     * then new ones as they come; returns at {@code until}, when berthd stops, or when the sink throws.
     */
    void events(EventOptions options, Consumer<dev.berth.engine.events.EngineEvent> sink) throws IOException;

    ContainerStats stats(String ref) throws IOException;

    /**
     * Prepares a process to run in a running container: the returned handle says which berth-shim
     * to run with which bundle (the caller runs it with its own stdio, so a terminal stays a
     * terminal without a relay through the daemon).
     */
    ExecHandle createExec(String ref, ExecRequest request) throws IOException;

    // --- volumes (Docker's /volumes API) -----------------------------------------------------------

    /**
     * {@code docker volume create}: a named volume with the local driver ({@code driverOpts}: {@code type},
     * {@code o}, {@code device} as Docker's local driver); a null or empty name makes an anonymous one.
     * Creating an existing name with the same options answers the existing volume, as Docker does.
     */
    dev.berth.engine.volume.Volume createVolume(String name, Map<String, String> driverOpts, Map<String, String> labels)
            throws IOException;

    /** Volumes by name; filters as {@code docker volume ls --filter}: {@code name=}, {@code label=K[=V]}, {@code dangling=true|false}. */
    List<dev.berth.engine.volume.Volume> volumes(List<String> filters) throws IOException;

    dev.berth.engine.volume.Volume inspectVolume(String name) throws IOException;

    /** Removes a volume no container uses ({@code force}: also a missing one, silently). */
    void removeVolume(String name, boolean force) throws IOException;

    /** Removes unused volumes: anonymous ones, or with {@code all} named ones too (Docker 23+'s {@code prune -a}); returns their names. */
    List<String> pruneVolumes(boolean all, List<String> filters) throws IOException;
}
