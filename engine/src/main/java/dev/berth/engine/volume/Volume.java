package dev.berth.engine.volume;

import java.time.Instant;
import java.util.Map;

/**
 * A named volume, as Docker's {@code docker volume inspect} shows it.
 *
 * @param driver     always {@code local} (berth has no volume plugins)
 * @param mountpoint its directory on the host, {@code BERTH_ROOT/volumes/<name>/_data}
 * @param options    the local driver's options ({@code type}, {@code o}, {@code device}) as given
 * @param anonymous  made for one container ({@code -v /path}, an image's VOLUME); Docker marks these
 *                   with the label {@code com.docker.volume.anonymous}
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record Volume(String name, String driver, String mountpoint, Instant createdAt, Map<String, String> labels,
                     Map<String, String> options, boolean anonymous) {

    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

    /** Docker's Scope: a local volume. */
    @com.fasterxml.jackson.annotation.JsonProperty("Scope")
    public String scope() {
        return "local";
    }

    public Volume {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
