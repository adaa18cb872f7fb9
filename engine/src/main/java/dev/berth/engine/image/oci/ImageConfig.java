package dev.berth.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.engine.image.Digest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An image configuration ({@code application/vnd.oci.image.config.v1+json} or Docker's
 * {@code application/vnd.docker.container.image.v1+json}): platform, run defaults, the layers'
 * diff IDs and the history. {@code comment} and {@code docker_version} are Docker's additions.
 *
 * @param created RFC 3339 as written (kept as text: re-formatting it would change nothing we need)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(
        String created,
        String author,
        String architecture,
        String os,
        String variant,
        ContainerConfig config,
        RootFs rootfs,
        List<History> history,
        String comment,
        @JsonProperty("docker_version") String dockerVersion) {

    public ImageConfig {
        history = OciJson.copy(history);
    }

    /** {@link #created} as an instant, or null when absent or unreadable. */
    public Instant createdInstant() {
        if (created == null) return null;
        try {
            return Instant.parse(created);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The run defaults, never null. */
    public ContainerConfig containerConfig() {
        return config == null ? ContainerConfig.EMPTY : config;
    }

    /** The layers' diff IDs, bottom first; empty when the config has no rootfs. */
    public List<Digest> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }

    /** {@code "layers"} and the diff IDs (sha256 of each uncompressed layer tar), bottom first. */
    public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {

        public RootFs {
            diffIds = OciJson.copy(diffIds);
        }
    }

    /** One step that made the image; {@code empty_layer} steps changed only the config. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(
            String created,
            String author,
            @JsonProperty("created_by") String createdBy,
            String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {

        public boolean isEmptyLayer() {
            return Boolean.TRUE.equals(emptyLayer);
        }
    }
}
