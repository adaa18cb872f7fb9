package dev.berth.engine.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.engine.api.ApiJson;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.api.WaitResult;
import dev.berth.engine.container.ContainerConflictException;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.InspectView;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.store.ImageNotFoundException;
import dev.berth.engine.runtime.ContainerStartException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The engine API's routes, on Docker's paths with Docker's resource shapes where they exist
 * (capitalized JSON keys, containers as {@code docker inspect} shows them, {@code {"message": …}}
 * errors). Logs stream as the json-file lines themselves (NDJSON), until the container ends when
 * following. Handlers block (wait, logs -f): Jetty gives each request its own thread.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Pattern NETWORK = Pattern.compile("/networks/([^/]+)");
    private static final Pattern VOLUME = Pattern.compile("/volumes/([^/]+)");
    private static final Pattern NETWORK_ACTION = Pattern.compile("/networks/([^/]+)/(connect|disconnect)");
    private static final Pattern CONTAINER = Pattern.compile("/containers/([^/]+)(?:/([a-z]+))?");

    private final EngineService engine;

    ApiHandler(EngineService engine) {
        this.engine = engine;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Fields query = Request.extractQueryParameters(request);
        try {
            route(method, path, query, request, response, callback);
        } catch (ContainerNotFoundException e) {
            error(response, callback, 404, "No such container: " + e.getMessage().replaceFirst("^No such container: ", ""), "container-not-found", null);
        } catch (dev.berth.engine.network.NetworkNotFoundException e) {
            error(response, callback, 404, e.getMessage(), "network-not-found", null);
        } catch (dev.berth.engine.network.NetworkConflictException e) {
            error(response, callback, 409, e.getMessage(), "network-conflict", null);
        } catch (dev.berth.engine.network.ipam.IpamException e) {
            error(response, callback, 400, e.getMessage(), "invalid", null);
        } catch (dev.berth.engine.volume.VolumeNotFoundException e) {
            error(response, callback, 404, e.getMessage(), "volume-not-found", null);
        } catch (dev.berth.engine.volume.VolumeInUseException e) {
            error(response, callback, 409, e.getMessage(), "volume-in-use", null);
        } catch (ImageNotFoundException e) {
            error(response, callback, 404, e.getMessage(), "image-not-found", null);
        } catch (ContainerConflictException e) {
            error(response, callback, 409, e.getMessage(), "conflict", null);
        } catch (IllegalArgumentException e) {
            error(response, callback, 400, e.getMessage(), "invalid", null);
        } catch (ContainerStartException e) {
            error(response, callback, 500, e.getMessage(), "start-failed", e.exitCode());
        } catch (UnsupportedOperationException e) {
            error(response, callback, 501, e.getMessage(), "not-implemented", null);
        } catch (IOException | ImageException e) {
            // some JDK I/O exceptions carry only a path, some nothing: the class names the failure then
            String message = e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().startsWith("/")
                    ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
            error(response, callback, 500, message, "engine", null);
        } catch (dev.berth.engine.network.ports.PortBindException e) {
            error(response, callback, 500, "driver failed programming external connectivity: " + e.getMessage(), "engine", null);
        } catch (RuntimeException e) {
            // anything else: still a JSON answer naming it, never Jetty's error page
            error(response, callback, 500, e.getClass().getSimpleName() + ": " + e.getMessage(), "engine", null);
        }
        return true;
    }

    private void route(String method, String path, Fields q, Request request, Response response, Callback callback) throws Exception {
        switch (path) {
            case "/_ping" -> {
                response.getHeaders().put("Api-Version", EngineVersion.API_VERSION);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "OK", callback);
                return;
            }
            case "/version" -> {
                json(response, callback, 200, engine.version());
                return;
            }
            case "/info" -> {
                json(response, callback, 200, engine.info());
                return;
            }
            case "/events" -> {
                events(q, request, response, callback);
                return;
            }
            case "/containers/json" -> {
                List<String> filters = new ArrayList<>();
                String f = q.getValue("filters");
                if (f != null && !f.isEmpty()) {
                    Map<String, List<String>> map = ApiJson.MAPPER.readValue(f, new TypeReference<>() { });
                    map.forEach((k, vs) -> vs.forEach(v -> filters.add(k + "=" + v)));
                }
                List<dev.berth.engine.container.Container> list = engine.list(flag(q, "all"), filters);
                ArrayNode out = ApiJson.MAPPER.createArrayNode();
                list.forEach(c -> out.add(InspectView.of(c, engine.directory(c))));
                json(response, callback, 200, out);
                return;
            }
            case "/networks", "/networks/" -> {
                Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
                String f = q.getValue("filters");
                if (f != null && !f.isEmpty()) filters = ApiJson.MAPPER.readValue(f, new TypeReference<>() { });
                ArrayNode out = ApiJson.MAPPER.createArrayNode();
                for (var n : engine.networks().list(dev.berth.engine.network.NetworkStore.filter(filters))) out.add(engine.inspectNetwork(n));
                json(response, callback, 200, out);
                return;
            }
            case "/networks/create" -> {
                requirePost(method);
                var body = ApiJson.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
                var config = body.path("IPAM").path("Config").path(0);
                Map<String, String> labels = new java.util.LinkedHashMap<>();
                body.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                var n = engine.createNetwork(body.path("Name").asText(""), body.path("Driver").asText(""),
                        config.path("Subnet").asText(""), config.path("IPRange").asText(""), config.path("Gateway").asText(""),
                        body.path("Internal").asBoolean(), labels);
                json(response, callback, 201, Map.of("Id", n.id(), "Warning", ""));
                return;
            }
            case "/volumes", "/volumes/" -> {
                ArrayNode out = ApiJson.MAPPER.createArrayNode();
                for (var v : engine.volumes(filterList(q))) out.add(ApiJson.MAPPER.valueToTree(v));
                json(response, callback, 200, Map.of("Volumes", out, "Warnings", List.of()));
                return;
            }
            case "/volumes/create" -> {
                requirePost(method);
                var body = ApiJson.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
                String driver = body.path("Driver").asText("");
                if (!driver.isEmpty() && !driver.equals("local")) {
                    throw new IllegalArgumentException("volume driver " + driver + " is not available: berth has the local driver only");
                }
                Map<String, String> opts = new java.util.LinkedHashMap<>();
                body.path("DriverOpts").properties().forEach(e -> opts.put(e.getKey(), e.getValue().asText()));
                Map<String, String> labels = new java.util.LinkedHashMap<>();
                body.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                json(response, callback, 201, engine.createVolume(body.path("Name").asText(""), opts, labels));
                return;
            }
            case "/volumes/prune" -> {
                requirePost(method);
                List<String> filters = filterList(q);
                boolean all = filters.remove("all=true") | filters.remove("all=1");
                json(response, callback, 200, Map.of("VolumesDeleted", engine.pruneVolumes(all, filters), "SpaceReclaimed", 0));
                return;
            }
            case "/networks/prune" -> {
                requirePost(method);
                json(response, callback, 200, Map.of("NetworksDeleted", engine.pruneNetworks()));
                return;
            }
            case "/containers/create" -> {
                requirePost(method);
                CreateRequest body = ApiJson.readCreateRequest(Content.Source.asString(request, StandardCharsets.UTF_8));
                String name = q.getValue("name");
                if (name != null && !name.isEmpty()) body = body.withName(name);
                json(response, callback, 201, Map.of("Id", engine.create(body), "Warnings", List.of()));
                return;
            }
            default -> { }
        }
        Matcher netAction = NETWORK_ACTION.matcher(path);
        if (netAction.matches()) {
            requirePost(method);
            var body = ApiJson.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            String container = body.path("Container").asText();
            if (netAction.group(2).equals("connect")) {
                List<String> aliases = new ArrayList<>();
                body.path("EndpointConfig").path("Aliases").forEach(a -> aliases.add(a.asText()));
                engine.connectNetwork(netAction.group(1), container, aliases);
            } else {
                engine.disconnectNetwork(netAction.group(1), container);
            }
            json(response, callback, 200, Map.of());
            return;
        }
        Matcher vol = VOLUME.matcher(path);
        if (vol.matches()) {
            if (method.equals("DELETE")) {
                engine.removeVolume(vol.group(1), flag(q, "force"));
                response.setStatus(204);
                callback.succeeded();
            } else {
                json(response, callback, 200, engine.inspectVolume(vol.group(1)));
            }
            return;
        }
        Matcher net = NETWORK.matcher(path);
        if (net.matches()) {
            String ref = net.group(1);
            if (method.equals("DELETE")) {
                engine.removeNetwork(ref);
                response.setStatus(204);
                callback.succeeded();
            } else {
                json(response, callback, 200, engine.inspectNetwork(engine.networks().get(ref)));
            }
            return;
        }
        Matcher m = CONTAINER.matcher(path);
        if (!m.matches()) {
            error(response, callback, 404, "page not found: " + method + " " + path, "not-found", null);
            return;
        }
        String id = m.group(1);
        String action = m.group(2) == null ? "" : m.group(2);
        switch (action) {
            case "" -> {
                if (!method.equals("DELETE")) throw new IllegalArgumentException("use DELETE /containers/" + id);
                engine.remove(id, flag(q, "force"), flag(q, "v"));
                response.setStatus(204);
                callback.succeeded();
            }
            case "json" -> container(response, callback, 200, engine.inspect(id));
            case "start" -> {
                requirePost(method);
                engine.start(id, flag(q, "attach-wait"));
                response.setStatus(204);
                callback.succeeded();
            }
            case "stop" -> container(response, callback, 200, post(method, () -> engine.stop(id, integer(q, "t"))));
            case "restart" -> container(response, callback, 200, post(method, () -> engine.restart(id, integer(q, "t"))));
            case "kill" -> container(response, callback, 200, post(method, () -> engine.kill(id, q.getValue("signal"))));
            case "pause" -> container(response, callback, 200, post(method, () -> engine.pause(id)));
            case "rename" -> {
                requirePost(method);
                String name = q.getValue("name");
                if (name == null || name.isEmpty()) throw new IllegalArgumentException("rename: the new name is missing (?name=)");
                engine.rename(id, name);
                response.setStatus(204);
                callback.succeeded();
            }
            case "unpause" -> container(response, callback, 200, post(method, () -> engine.unpause(id)));
            case "wait" -> {
                requirePost(method);
                waitFor(id, WaitCondition.parse(q.getValue("condition")), response, callback);
            }
            case "top" -> json(response, callback, 200, engine.top(id));
            case "stats" -> json(response, callback, 200, engine.stats(id));
            case "exec" -> {
                requirePost(method);
                ExecRequest body = ApiJson.MAPPER.readValue(Content.Source.asString(request, StandardCharsets.UTF_8), ExecRequest.class);
                json(response, callback, 201, engine.createExec(id, body));
            }
            case "logs" -> logs(id, q, response, callback);
            case "attach" -> {
                requirePost(method);
                attach(id, response, callback);
            }
            default -> error(response, callback, 404, "page not found: " + method + " " + path, "not-found", null);
        }
    }

    /** As Docker: the head goes out as soon as the wait is registered, the body when the condition holds. */
    private void waitFor(String id, WaitCondition condition, Response response, Callback callback) throws Exception {
        var result = engine.waitAsync(id, condition);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
            WaitResult r;
            try {
                r = result.get();
            } catch (java.util.concurrent.ExecutionException e) {
                r = new WaitResult(-1, String.valueOf(e.getCause().getMessage()));
            }
            out.write(ApiJson.MAPPER.writeValueAsBytes(r));
            out.write('\n');
        }
        callback.succeeded();
    }

    /** The head goes out once the attach is registered (the client then starts the container); lines follow. */
    private void attach(String id, Response response, Callback callback) throws IOException {
        try (var output = engine.attach(id)) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.flush();
                output.forEach(entry -> writeLine(out, entry, true));
                callback.succeeded();
            } catch (java.io.UncheckedIOException gone) {
                callback.failed(gone.getCause());
            }
        }
    }

    private static void writeLine(OutputStream out, dev.berth.engine.runtime.shim.LogEntry entry, boolean flush) {
        try {
            out.write(ApiJson.MAPPER.writeValueAsBytes(Map.of("log", entry.log(), "stream", entry.stream(),
                    "time", entry.time().toString())));
            out.write('\n');
            if (flush) out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // the client went away: stop reading
        }
    }

    private void logs(String id, Fields q, Response response, Callback callback) throws IOException {
        boolean stdout = !q.getNames().contains("stdout") || flag(q, "stdout");
        boolean stderr = !q.getNames().contains("stderr") || flag(q, "stderr");
        Integer tail = q.getValue("tail") == null || q.getValue("tail").equals("all") ? null : Integer.valueOf(q.getValue("tail"));
        LogOptions options = new LogOptions(flag(q, "follow"), tail == null ? -1 : tail, time(q.getValue("since")),
                time(q.getValue("until")), stdout, stderr);
        engine.inspect(id); // 404 before the stream starts
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            engine.logs(id, options, entry -> writeLine(out, entry, options.follow()));
            callback.succeeded();
        } catch (java.io.UncheckedIOException gone) {
            callback.failed(gone.getCause());
        }
    }

    /**
     * {@code GET /events}: the head at once, then one Docker event message a line, each flushed, until
     * {@code until} or the client goes (seen at the next write; an idle stream writes nothing, as Docker's).
     */
    private void events(Fields q, Request request, Response response, Callback callback) throws IOException {
        Instant since = time(q.getValue("since"));
        Instant until = time(q.getValue("until"));
        var filter = new dev.berth.engine.events.EventFilter(eventFilters(q.getValue("filters")));
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until time (" + until + ") cannot be before since time (" + since + ")");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        // subscribed before the head goes out: a client that acts once it has the head misses nothing
        try (var subscription = engine.eventBus().subscribe(since, until, filter);
             OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
            var gone = new java.util.concurrent.atomic.AtomicBoolean();
            // an idle stream is no failure (Docker's writes nothing either): at each idle timeout the
            // connection is read without blocking, and only a client that has closed it ends the stream
            request.addIdleTimeoutListener(timeout -> {
                if (!clientClosed(request)) return false;
                gone.set(true);
                return true;
            });
            request.addFailureListener(failure -> gone.set(true));
            engine.eventBus().stream(subscription, until, e -> {
                try {
                    out.write(ApiJson.MAPPER.writeValueAsBytes(e.toDockerMap()));
                    out.write('\n');
                    out.flush();
                } catch (IOException closed) {
                    throw new java.io.UncheckedIOException(closed);
                }
            }, gone::get);
            callback.succeeded();
        } catch (java.io.UncheckedIOException gone) {
            callback.failed(gone.getCause());
        }
    }

    /** Whether the client has closed its side: a read without blocking meets the end of the stream. */
    private static boolean clientClosed(Request request) {
        try {
            var endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            return !endPoint.isOpen() || endPoint.fill(org.eclipse.jetty.util.BufferUtil.allocate(256)) < 0; // empty, in Jetty's flush mode
        } catch (IOException e) {
            return true;
        }
    }

    /** Docker's events filters: {@code {"type":["container"]}}, or the older {@code {"type":{"container":true}}}. */
    private static Map<String, List<String>> eventFilters(String json) throws IOException {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (json == null || json.isEmpty()) return out;
        var tree = ApiJson.MAPPER.readTree(json);
        tree.properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) e.getValue().forEach(v -> values.add(v.asText()));
            else e.getValue().properties().forEach(v -> { if (v.getValue().asBoolean()) values.add(v.getKey()); });
            out.put(e.getKey(), values);
        });
        return out;
    }

    private interface Action {
        dev.berth.engine.container.Container run() throws IOException;
    }

    private static dev.berth.engine.container.Container post(String method, Action action) throws IOException {
        requirePost(method);
        return action.run();
    }

    private static void requirePost(String method) {
        if (!method.equals("POST")) throw new IllegalArgumentException("use POST");
    }

    private static boolean flag(Fields q, String name) {
        String v = q.getValue(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    private static Integer integer(Fields q, String name) {
        String v = q.getValue(name);
        return v == null || v.isEmpty() ? null : Integer.valueOf(v);
    }

    /** Docker's since/until: Unix seconds, with an optional fraction. */
    private static Instant time(String v) {
        if (v == null || v.isEmpty()) return null;
        java.math.BigDecimal seconds = new java.math.BigDecimal(v);
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
    }

    private void container(Response response, Callback callback, int status, dev.berth.engine.container.Container c) throws IOException {
        json(response, callback, status, InspectView.of(c, engine.directory(c)));
    }

    private static void json(Response response, Callback callback, int status, Object body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, ApiJson.MAPPER.writeValueAsString(body) + "\n", callback);
    }

    private static void error(Response response, Callback callback, int status, String message, String kind, Integer exitCode)
            throws IOException {
        json(response, callback, status, new ApiJson.Error(message, kind, exitCode));
    }

    /** Docker's {@code filters} JSON ({@code {"label":["a=b"]}}) as {@code key=value} strings. */
    private static List<String> filterList(Fields q) throws IOException {
        List<String> filters = new ArrayList<>();
        String f = q.getValue("filters");
        if (f != null && !f.isEmpty()) {
            Map<String, List<String>> map = ApiJson.MAPPER.readValue(f, new TypeReference<>() { });
            map.forEach((k, vs) -> vs.forEach(v -> filters.add(k + "=" + v)));
        }
        return filters;
    }
}
