package dev.berth.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The defaults a container of the image runs with: the {@code config} object of an image config
 * (field names as Docker and the OCI spec write them). Absent fields are null.
 *
 * @param exposedPorts {@code "80/tcp"} → {@code {}} (the value is always an empty object)
 * @param volumes      {@code "/data"} → {@code {}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Healthcheck") HealthConfig healthcheck,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Shell") List<String> shell,
        @JsonProperty("ArgsEscaped") Boolean argsEscaped) {

    public static final ContainerConfig EMPTY =
            new ContainerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public ContainerConfig {
        exposedPorts = OciJson.sorted(exposedPorts);
        volumes = OciJson.sorted(volumes);
        labels = OciJson.sorted(labels);
        env = OciJson.copy(env);
        entrypoint = OciJson.copy(entrypoint);
        cmd = OciJson.copy(cmd);
        onBuild = OciJson.copy(onBuild);
        shell = OciJson.copy(shell);
    }

    /**
     * The command's health check, durations in nanoseconds as Docker writes them.
     *
     * @param test {@code ["NONE"]}, {@code ["CMD", args…]} or {@code ["CMD-SHELL", command]}
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record HealthConfig(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") long interval,
            @JsonProperty("Timeout") long timeout,
            @JsonProperty("StartPeriod") long startPeriod,
            @JsonProperty("StartInterval") long startInterval,
            @JsonProperty("Retries") int retries) {
    }
}
