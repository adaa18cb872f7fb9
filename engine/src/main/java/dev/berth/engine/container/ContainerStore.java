package dev.berth.engine.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.ExclusiveFile;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The engine's record of its containers, one directory each under {@code BERTH_ROOT/containers}
 * ({@code container.json} there; the runtime puts its own files beside it). The one owner of
 * container records: names are unique, every change is an atomic file replace under a lock that
 * holds across processes, so what berthd knows survives its restart.
 */
public final class ContainerStore {

    private static final String RECORD = "container.json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Random names = new Random();

    public ContainerStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** The directory that holds a container's record and runtime files. */
    public Path directory(String id) {
        return dir.resolve(id);
    }

    /** Records a new container; {@code name} null gets a generated one. */
    public synchronized Container create(String name, String imageId, ContainerConfig config, HostConfig host) throws IOException {
        return locked(() -> {
            List<Container> all = readAll();
            String chosen;
            if (name != null) {
                chosen = ContainerNames.validate(name);
                for (Container c : all) {
                    if (c.name().equals(chosen)) {
                        throw new ContainerConflictException("Conflict. The container name \"/" + chosen
                                + "\" is already in use by container \"" + c.id()
                                + "\". You have to remove (or rename) that container to be able to reuse that name.");
                    }
                }
            } else {
                chosen = null;
                for (int attempt = 0; chosen == null; attempt++) {
                    String candidate = ContainerNames.generate(names, attempt);
                    if (all.stream().noneMatch(c -> c.name().equals(candidate))) chosen = candidate;
                }
            }
            Container c = new Container(ContainerNames.newId(), chosen, Instant.now(), imageId, config, host,
                    ContainerState.created(), 0, Map.of(), List.of(), List.of());
            Files.createDirectories(directory(c.id()));
            write(c);
            return c;
        });
    }

    /** By full ID, unique ID prefix, or name (with or without the leading {@code /}). */
    public synchronized Container get(String reference) throws IOException {
        String ref = reference.startsWith("/") ? reference.substring(1) : reference;
        List<Container> all = readAll();
        for (Container c : all) if (c.id().equals(ref) || c.name().equals(ref)) return c;
        List<Container> byPrefix = all.stream().filter(c -> c.id().startsWith(ref)).toList();
        if (byPrefix.size() == 1 && !ref.isEmpty()) return byPrefix.getFirst();
        if (byPrefix.size() > 1) {
            throw new ContainerConflictException("multiple IDs found with provided prefix: " + reference);
        }
        throw new ContainerNotFoundException(reference);
    }

    /**
     * Containers, newest first: running, paused and restarting ones only unless {@code all} (or a
     * status filter asks for others); {@code filters} as {@code docker ps --filter} ({@link ContainerFilters}).
     */
    public synchronized List<Container> list(boolean all, List<String> filters) throws IOException {
        ContainerFilters f = ContainerFilters.parse(filters);
        boolean everything = all || f.asksForStopped();
        List<Container> out = new ArrayList<>();
        for (Container c : readAll()) {
            if (!everything && !c.state().running() && !c.state().restarting()) continue;
            if (f.matches(c)) out.add(c);
        }
        out.sort(Comparator.comparing(Container::created).reversed());
        return out;
    }

    /** Changes a container's record atomically; returns the new record. */
    public synchronized Container update(String id, UnaryOperator<Container> change) throws IOException {
        return locked(() -> {
            Container current = read(directory(id).resolve(RECORD));
            Container next = change.apply(current);
            if (!next.id().equals(id)) throw new IllegalArgumentException("a change must keep the container's ID");
            write(next);
            return next;
        });
    }

    /** {@code docker rename}: a new, unused name (checked under the store's lock, as create checks it). */
    public synchronized Container rename(String id, String newName) throws IOException {
        return locked(() -> {
            String chosen = ContainerNames.validate(newName);
            for (Container c : readAll()) {
                if (c.name().equals(chosen) && !c.id().equals(id)) {
                    throw new ContainerConflictException("Error when allocating new name: Conflict. The container name \"/" + chosen
                            + "\" is already in use by container \"" + c.id()
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
                }
            }
            Container current = read(directory(id).resolve(RECORD));
            Container next = new Container(current.id(), chosen, current.created(), current.imageId(), current.config(),
                    current.hostConfig(), current.state(), current.restartCount(), current.networks(), current.ports(), current.mounts());
            write(next);
            return next;
        });
    }

    /** Forgets a container: removes its directory with everything in it. */
    public synchronized void remove(String id) throws IOException {
        locked(() -> {
            Path d = directory(id);
            if (Files.exists(d)) {
                try (Stream<Path> walk = Files.walk(d)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
            return null;
        });
    }

    private List<Container> readAll() throws IOException {
        List<Container> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path record = d.resolve(RECORD);
                try {
                    out.add(read(record));
                } catch (NoSuchFileException e) {
                    // being created or removed by another process right now
                }
            }
        }
        return out;
    }

    private Container read(Path record) throws IOException {
        return json.readValue(Files.readAllBytes(record), Container.class);
    }

    private void write(Container c) throws IOException {
        Path d = directory(c.id());
        Path tmp = Files.createTempFile(d, ".container-", ".json");
        try {
            // no fsync: the rename is atomic, so a crashed berthd leaves the old record or the new one;
            // only a machine crash could lose the last change, and it ends the containers too (re-checked at
            // start). Three fsyncs per container cost ~3-10 ms of every start and exit here.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(c)));
            }
            Files.move(tmp, d.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("container store " + dir + " must be on one filesystem", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private <T> T locked(ExclusiveFile.Work<T> change) throws IOException {
        return ExclusiveFile.locked(dir.resolve(".lock"), change);
    }
}
