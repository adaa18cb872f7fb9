package dev.berth.engine.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.engine.ExclusiveFile;
import dev.berth.engine.container.ContainerNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The engine's record of its networks: {@code BERTH_ROOT/networks/<id>.json}, each replaced
 * atomically under a lock that holds across processes (as the container store does). Names are
 * unique; a network is found by full ID, unique ID prefix, or name — a name first, as Docker does.
 */
public final class NetworkStore {

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public NetworkStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** Records a new network; refuses a name in use or not valid, with Docker's messages. */
    public synchronized Network create(Network network) throws IOException {
        if (!ContainerNames.VALID.matcher(network.name()).matches()) {
            throw new IllegalArgumentException("invalid network name \"" + network.name()
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return locked(() -> {
            for (Network n : readAll()) {
                if (n.name().equals(network.name())) {
                    throw new NetworkConflictException("network with name " + network.name() + " already exists");
                }
            }
            write(network);
            return network;
        });
    }

    /** By name, full ID or unique ID prefix (a name wins over an ID prefix, as in Docker). */
    public synchronized Network get(String reference) throws IOException {
        List<Network> all = readAll();
        for (Network n : all) if (n.name().equals(reference) || n.id().equals(reference)) return n;
        List<Network> byPrefix = all.stream().filter(n -> n.id().startsWith(reference)).toList();
        if (byPrefix.size() == 1 && !reference.isEmpty()) return byPrefix.getFirst();
        if (byPrefix.size() > 1) throw new NetworkConflictException("network " + reference + " is ambiguous (" + byPrefix.size() + " matches found based on ID prefix)");
        throw new NetworkNotFoundException(reference);
    }

    /** Networks by name, as {@code docker network ls} lists them. */
    public synchronized List<Network> list(Predicate<Network> filter) throws IOException {
        List<Network> out = new ArrayList<>(readAll().stream().filter(filter).toList());
        out.sort(Comparator.comparing(Network::name));
        return out;
    }

    public synchronized void remove(String id) throws IOException {
        locked(() -> {
            Files.deleteIfExists(dir.resolve(id + ".json"));
            return null;
        });
    }

    /** Docker's network ID: 64 hex digits, like a container's. */
    public static String newId() {
        return ContainerNames.newId();
    }

    /** {@code docker network ls --filter}: name (substring), id (prefix), label (k or k=v), driver; keys AND, values OR. */
    public static Predicate<Network> filter(Map<String, List<String>> filters) {
        Predicate<Network> p = n -> true;
        for (var e : filters.entrySet()) {
            List<String> values = e.getValue();
            Predicate<Network> one = switch (e.getKey()) {
                case "name" -> n -> values.stream().anyMatch(n.name()::contains);
                case "id" -> n -> values.stream().anyMatch(n.id()::startsWith);
                case "driver" -> n -> values.contains(n.driver());
                case "label" -> n -> values.stream().allMatch(l -> {
                    int eq = l.indexOf('=');
                    return eq < 0 ? n.labels().containsKey(l) : l.substring(eq + 1).equals(n.labels().get(l.substring(0, eq)));
                });
                default -> throw new IllegalArgumentException("invalid filter '" + e.getKey() + "'");
            };
            p = p.and(one);
        }
        return p;
    }

    private List<Network> readAll() throws IOException {
        List<Network> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(json.readValue(Files.readAllBytes(f), Network.class));
                } catch (NoSuchFileException removedMeanwhile) {
                    // another process removed it
                }
            }
        }
        return out;
    }

    private void write(Network n) throws IOException {
        Path tmp = Files.createTempFile(dir, ".network-", ".tmp");
        try {
            Files.write(tmp, json.writeValueAsBytes(n));
            Files.move(tmp, dir.resolve(n.id() + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private <T> T locked(ExclusiveFile.Work<T> work) throws IOException {
        return ExclusiveFile.locked(dir.resolve(".lock"), work);
    }
}
