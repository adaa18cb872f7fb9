package dev.berth.engine.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.berth.engine.api.EngineVersion;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The engine API's routes. Resource shapes follow Docker's (capitalized JSON keys,
 * {@code {"message": …}} errors), since a Docker-compatible endpoint is planned.
 */
final class ApiHandler extends Handler.Abstract {

    /** Docker's JSON style: UpperCamelCase keys. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    private final EngineVersion version;

    ApiHandler(EngineVersion version) {
        this.version = version;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        switch (path) {
            case "/_ping" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) return notAllowed(response, callback);
                response.getHeaders().put("Api-Version", EngineVersion.API_VERSION);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "OK", callback);
            }
            case "/version" -> {
                if (!method.equals("GET")) return notAllowed(response, callback);
                json(response, callback, 200, version);
            }
            default -> json(response, callback, 404, Map.of("message", "page not found: " + method + " " + path));
        }
        return true;
    }

    private static boolean notAllowed(Response response, Callback callback) throws Exception {
        json(response, callback, 405, Map.of("message", "method not allowed"));
        return true;
    }

    private static void json(Response response, Callback callback, int status, Object body) throws Exception {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, JSON.writeValueAsString(body) + "\n", callback);
    }
}
