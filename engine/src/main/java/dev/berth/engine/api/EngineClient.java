package dev.berth.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConflictException;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.InspectView;
import dev.berth.engine.image.store.ImageNotFoundException;
import dev.berth.engine.runtime.shim.LogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.berth.engine.json.MiniJson;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The engine API over berthd's unix socket. Errors come back as the exceptions the engine threw
 * (not found, conflict, start failure with its exit code, bad request), so a command behaves the
 * same in process and through the daemon.
 */
public final class EngineClient implements ContainerEngine {

    private final UnixHttpClient http;

    public EngineClient(Path socket) {
        this.http = new UnixHttpClient(socket);
    }

    @Override
    public EngineVersion version() throws IOException {
        return read(call("GET", "/version", null), EngineVersion.class);
    }

    @Override
    public EngineInfo info() throws IOException {
        return read(call("GET", "/info", null), EngineInfo.class);
    }

    @Override
    public String create(CreateRequest request) throws IOException {
        String q = request.name() == null ? "" : "?name=" + enc(request.name());
        var r = call("POST", "/containers/create" + q, MiniJson.write(body(request)).getBytes(StandardCharsets.UTF_8));
        return (String) MiniJson.object(r.text()).get("Id");
    }

    /** Docker's create body, written without Jackson (this is on every {@code berth run}'s path). */
    static Map<String, Object> body(CreateRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Image", r.image());
        m.put("Entrypoint", r.entrypoint());
        m.put("Cmd", r.cmd());
        m.put("Env", r.env());
        m.put("WorkingDir", r.workingDir());
        m.put("User", r.user());
        m.put("Hostname", r.hostname());
        m.put("Domainname", r.domainname());
        m.put("Labels", r.labels());
        m.put("Tty", r.tty());
        m.put("OpenStdin", r.openStdin());
        m.put("StdinOnce", r.stdinOnce());
        m.put("StopSignal", r.stopSignal());
        m.put("StopTimeout", r.stopTimeout());
        m.put("HostConfig", r.hostConfig().toDockerMap());
        if (!r.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            r.volumes().forEach(v -> volumes.put(v, Map.of()));
            m.put("Volumes", volumes);
        }
        if (r.healthcheck() != null) {
            var h = r.healthcheck();
            Map<String, Object> hc = new LinkedHashMap<>();
            hc.put("Test", h.test());
            hc.put("Interval", h.interval());
            hc.put("Timeout", h.timeout());
            hc.put("StartPeriod", h.startPeriod());
            hc.put("StartInterval", h.startInterval());
            hc.put("Retries", h.retries());
            m.put("Healthcheck", hc);
        }
        if (!r.endpoints().isEmpty()) {
            Map<String, Object> endpoints = new LinkedHashMap<>();
            r.endpoints().forEach((network, e) -> {
                Map<String, Object> ep = new LinkedHashMap<>();
                ep.put("Aliases", e.aliases());
                if (!e.ipv4Address().isEmpty()) ep.put("IPAMConfig", Map.of("IPv4Address", e.ipv4Address()));
                endpoints.put(network, ep);
            });
            m.put("NetworkingConfig", Map.of("EndpointsConfig", endpoints));
        }
        return m;
    }

    @Override
    public void start(String ref, boolean holdForAttach) throws IOException {
        call("POST", path(ref, "start") + (holdForAttach ? "?attach-wait=1" : ""), null);
    }

    @Override
    public Container stop(String ref, Integer timeoutSeconds) throws IOException {
        return container(call("POST", path(ref, "stop") + (timeoutSeconds == null ? "" : "?t=" + timeoutSeconds), null));
    }

    @Override
    public Container restart(String ref, Integer timeoutSeconds) throws IOException {
        return container(call("POST", path(ref, "restart") + (timeoutSeconds == null ? "" : "?t=" + timeoutSeconds), null));
    }

    @Override
    public Container kill(String ref, String signal) throws IOException {
        return container(call("POST", path(ref, "kill") + (signal == null ? "" : "?signal=" + enc(signal)), null));
    }

    @Override
    public Container rename(String ref, String newName) throws IOException {
        call("POST", path(ref, "rename") + "?name=" + enc(newName), null);
        return inspect(newName);
    }

    @Override
    public Container pause(String ref) throws IOException {
        return container(call("POST", path(ref, "pause"), null));
    }

    @Override
    public Container unpause(String ref) throws IOException {
        return container(call("POST", path(ref, "unpause"), null));
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) throws IOException {
        String q = force && removeVolumes ? "?force=1&v=1" : force ? "?force=1" : removeVolumes ? "?v=1" : "";
        call("DELETE", "/containers/" + enc(ref) + q, null);
    }

    @Override
    public CompletableFuture<WaitResult> waitAsync(String ref, WaitCondition condition) throws IOException {
        UnixHttpClient.Streamed s = http.stream("POST", path(ref, "wait") + "?condition=" + condition.wire());
        if (s.status() >= 300) {
            try (s) {
                fail(s.status(), s.body().readAllBytes());
            }
        }
        CompletableFuture<WaitResult> result = new CompletableFuture<>();
        // read without Jackson: {"StatusCode":N,"Error":"…"}
        // a platform thread: a virtual one would leave the JDK's I/O poller in epoll_wait, which makes JVM exit wait 300 ms
        Thread.ofPlatform().daemon().name("berth-wait").start(() -> {
            try (s) {
                Map<String, Object> m = MiniJson.object(new String(s.body().readAllBytes(), StandardCharsets.UTF_8).strip());
                result.complete(new WaitResult(((Number) m.get("StatusCode")).intValue(), m.get("Error") == null ? "" : m.get("Error").toString()));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public List<Container> list(boolean all, List<String> filters) throws IOException {
        Map<String, List<String>> byKey = filtersByKey(filters);
        String q = "?all=" + (all ? 1 : 0) + (byKey.isEmpty() ? "" : "&filters=" + enc(MiniJson.write(byKey)));
        List<Container> out = new ArrayList<>();
        for (Object c : (List<?>) MiniJson.parse(call("GET", "/containers/json" + q, null).text())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> inspect = (Map<String, Object>) c;
            out.add(dev.berth.engine.container.InspectReader.read(inspect));
        }
        return out;
    }

    @Override
    public Container inspect(String ref) throws IOException {
        return container(call("GET", path(ref, "json"), null));
    }

    /** The container's inspect JSON as the daemon wrote it (Docker's shape, for {@code berth inspect}). */
    public JsonNode inspectJson(String ref) throws IOException {
        return ApiJson.MAPPER.readTree(call("GET", path(ref, "json"), null).body());
    }

    @Override
    public void logs(String ref, LogOptions o, Consumer<LogEntry> sink) throws IOException {
        StringBuilder q = new StringBuilder("?stdout=").append(o.stdout() ? 1 : 0).append("&stderr=").append(o.stderr() ? 1 : 0);
        if (o.follow()) q.append("&follow=1");
        if (o.tail() >= 0) q.append("&tail=").append(o.tail());
        if (o.since() != null) q.append("&since=").append(seconds(o.since()));
        if (o.until() != null) q.append("&until=").append(seconds(o.until()));
        try (UnixHttpClient.Streamed s = http.stream("GET", path(ref, "logs") + q)) {
            if (s.status() >= 300) fail(s.status(), s.body().readAllBytes());
            entries(s, sink);
        }
    }

    @Override
    public AttachedOutput attach(String ref) throws IOException {
        UnixHttpClient.Streamed s = http.stream("POST", path(ref, "attach"));
        if (s.status() >= 300) {
            try (s) {
                fail(s.status(), s.body().readAllBytes());
            }
        }
        return new AttachedOutput() {
            @Override
            public void forEach(Consumer<LogEntry> sink) throws IOException {
                entries(s, sink);
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    private static void entries(UnixHttpClient.Streamed s, Consumer<LogEntry> sink) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (!line.isEmpty()) sink.accept(LogEntry.parse(line));
        }
    }

    /**
     * {@code GET /events}, read a line at a time (MiniJson); returns when berthd ends the stream
     * ({@code until}, berthd stopping) or the sink throws (the connection is closed then).
     */
    @Override
    public void events(EventOptions o, Consumer<dev.berth.engine.events.EngineEvent> sink) throws IOException {
        List<String> q = new ArrayList<>();
        if (o.since() != null) q.add("since=" + seconds(o.since()));
        if (o.until() != null) q.add("until=" + seconds(o.until()));
        Map<String, List<String>> byKey = filtersByKey(o.filters());
        if (!byKey.isEmpty()) q.add("filters=" + enc(MiniJson.write(byKey)));
        try (UnixHttpClient.Streamed s = http.stream("GET", "/events" + (q.isEmpty() ? "" : "?" + String.join("&", q)))) {
            if (s.status() >= 300) fail(s.status(), s.body().readAllBytes());
            BufferedReader lines = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty()) sink.accept(dev.berth.engine.events.EngineEvent.fromDockerMap(MiniJson.object(line)));
            }
        }
    }

    @Override
    public ContainerTop top(String ref) throws IOException {
        return read(call("GET", path(ref, "top"), null), ContainerTop.class);
    }

    @Override
    public ContainerStats stats(String ref) throws IOException {
        return read(call("GET", path(ref, "stats") + "?stream=0", null), ContainerStats.class);
    }

    @Override
    public ExecHandle createExec(String ref, ExecRequest request) throws IOException {
        return read(call("POST", path(ref, "exec"), ApiJson.MAPPER.writeValueAsBytes(request)), ExecHandle.class);
    }

    // --- networks ------------------------------------------------------------------------------

    /** {@code docker network create}; returns the network's ID. */
    public String createNetwork(String name, String driver, String subnet, String ipRange, String gateway, boolean internal,
                                Map<String, String> labels) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        if (subnet != null) config.put("Subnet", subnet);
        if (ipRange != null) config.put("IPRange", ipRange);
        if (gateway != null) config.put("Gateway", gateway);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("Driver", driver == null ? "bridge" : driver);
        body.put("Internal", internal);
        body.put("Labels", labels);
        body.put("IPAM", Map.of("Config", config.isEmpty() ? List.of() : List.of(config)));
        return (String) MiniJson.object(call("POST", "/networks/create", MiniJson.write(body).getBytes(StandardCharsets.UTF_8)).text()).get("Id");
    }

    public List<dev.berth.engine.network.Network> networks(List<String> filters) throws IOException {
        Map<String, List<String>> byKey = filtersByKey(filters);
        String q = byKey.isEmpty() ? "" : "?filters=" + enc(MiniJson.write(byKey));
        List<dev.berth.engine.network.Network> out = new ArrayList<>();
        for (Object n : (List<?>) MiniJson.parse(call("GET", "/networks" + q, null).text())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> network = (Map<String, Object>) n;
            out.add(dev.berth.engine.network.NetworkInspectView.read(network));
        }
        return out;
    }

    public JsonNode inspectNetwork(String ref) throws IOException {
        return ApiJson.MAPPER.readTree(call("GET", "/networks/" + enc(ref), null).body());
    }

    /** {@code docker network connect [--alias A] NETWORK CONTAINER}. */
    public void connectNetwork(String network, String container, List<String> aliases) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        body.put("EndpointConfig", Map.of("Aliases", aliases));
        call("POST", "/networks/" + enc(network) + "/connect", MiniJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    public void disconnectNetwork(String network, String container) throws IOException {
        call("POST", "/networks/" + enc(network) + "/disconnect", MiniJson.write(Map.of("Container", container)).getBytes(StandardCharsets.UTF_8));
    }

    public void removeNetwork(String ref) throws IOException {
        call("DELETE", "/networks/" + enc(ref), null);
    }

    public List<String> pruneNetworks() throws IOException {
        List<String> out = new ArrayList<>();
        ApiJson.MAPPER.readTree(call("POST", "/networks/prune", null).body()).path("NetworksDeleted").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code key=value} filters as Docker's filters JSON wants them: values by key. */
    private static Map<String, List<String>> filtersByKey(List<String> filters) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad format of filter (expected name=value): " + f);
            byKey.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return byKey;
    }

    private static String seconds(java.time.Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    private static String path(String ref, String action) {
        return "/containers/" + enc(ref) + "/" + action;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private UnixHttpClient.Response call(String method, String path, byte[] body) throws IOException {
        UnixHttpClient.Response r = http.send(method, path, body == null ? null : "application/json", body);
        if (r.status() >= 300) fail(r.status(), r.body());
        return r;
    }

    private static Container container(UnixHttpClient.Response r) throws IOException {
        return dev.berth.engine.container.InspectReader.read(MiniJson.object(r.text()));
    }

    private static <T> T read(UnixHttpClient.Response r, Class<T> type) throws IOException {
        return ApiJson.MAPPER.readValue(r.body(), type);
    }

    /** Throws what the daemon threw. */
    private static void fail(int status, byte[] body) throws IOException {
        ApiJson.Error e;
        try {
            Map<String, Object> m = MiniJson.object(new String(body, StandardCharsets.UTF_8).strip());
            e = new ApiJson.Error((String) m.get("message"), (String) m.get("kind"),
                    m.get("exitCode") == null ? null : ((Number) m.get("exitCode")).intValue());
        } catch (RuntimeException notJson) {
            throw new IOException("berthd answered " + status + ": " + new String(body, StandardCharsets.UTF_8).strip());
        }
        String kind = e.kind() == null ? "" : e.kind();
        switch (kind) {
            case "container-not-found" -> throw new ContainerNotFoundException(e.message().replaceFirst("^No such container: ", ""));
            case "image-not-found" -> throw new ImageNotFoundException(e.message().replaceFirst("^No such image: ", "").replaceFirst(" \\(berth images.*$", ""));
            case "conflict" -> throw new ContainerConflictException(e.message());
            case "network-not-found" -> throw new dev.berth.engine.network.NetworkNotFoundException(e.message().replaceFirst("^network ", "").replaceFirst(" not found$", ""));
            case "network-conflict" -> throw new dev.berth.engine.network.NetworkConflictException(e.message());
            case "volume-not-found" -> throw new dev.berth.engine.volume.VolumeNotFoundException(
                    e.message().replaceFirst("^get ", "").replaceFirst(": no such volume$", ""));
            case "volume-in-use" -> throw new dev.berth.engine.volume.VolumeInUseException(e.message());
            case "invalid" -> throw new IllegalArgumentException(e.message());
            case "start-failed" -> throw new RemoteStartException(e.message(), e.exitCode() == null ? 125 : e.exitCode());
            case "not-implemented" -> throw new UnsupportedOperationException(e.message());
            default -> throw new IOException(e.message());
        }
    }

    // --- volumes -------------------------------------------------------------------------------

    @Override
    public dev.berth.engine.volume.Volume createVolume(String name, Map<String, String> driverOpts, Map<String, String> labels)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name == null ? "" : name);
        body.put("Driver", "local");
        body.put("DriverOpts", driverOpts == null ? Map.of() : driverOpts);
        body.put("Labels", labels == null ? Map.of() : labels);
        return read(call("POST", "/volumes/create", MiniJson.write(body).getBytes(StandardCharsets.UTF_8)), dev.berth.engine.volume.Volume.class);
    }

    @Override
    public List<dev.berth.engine.volume.Volume> volumes(List<String> filters) throws IOException {
        Map<String, List<String>> byKey = filtersByKey(filters);
        String q = byKey.isEmpty() ? "" : "?filters=" + enc(ApiJson.MAPPER.writeValueAsString(byKey));
        List<dev.berth.engine.volume.Volume> out = new ArrayList<>();
        for (JsonNode v : ApiJson.MAPPER.readTree(call("GET", "/volumes" + q, null).body()).path("Volumes")) {
            out.add(ApiJson.MAPPER.treeToValue(v, dev.berth.engine.volume.Volume.class));
        }
        return out;
    }

    @Override
    public dev.berth.engine.volume.Volume inspectVolume(String name) throws IOException {
        return read(call("GET", "/volumes/" + enc(name), null), dev.berth.engine.volume.Volume.class);
    }

    @Override
    public void removeVolume(String name, boolean force) throws IOException {
        call("DELETE", "/volumes/" + enc(name) + (force ? "?force=1" : ""), null);
    }

    @Override
    public List<String> pruneVolumes(boolean all, List<String> filters) throws IOException {
        List<String> f = new ArrayList<>(filters);
        if (all) f.add("all=true");
        Map<String, List<String>> byKey = filtersByKey(f);
        String q = byKey.isEmpty() ? "" : "?filters=" + enc(ApiJson.MAPPER.writeValueAsString(byKey));
        List<String> out = new ArrayList<>();
        ApiJson.MAPPER.readTree(call("POST", "/volumes/prune" + q, null).body()).path("VolumesDeleted").forEach(n -> out.add(n.asText()));
        return out;
    }
}
