package dev.berth.planner.desired;

import java.util.List;
import java.util.Map;

/**
 * What the command line adds to the project when it becomes a desired state.
 *
 * @param services the services named on the command line ({@code up web}); empty: every enabled service
 * @param noDeps   {@code --no-deps}: only the named services, not what they depend on
 * @param scale    {@code --scale svc=N}, over {@code scale}/{@code deploy.replicas}
 * @param version  berth's version, for the {@code com.docker.compose.version} label
 * @param imageIds by service, the ID of the image it runs once pulled/found (the
 *                 {@code com.docker.compose.image} label, as compose sets it after resolving images);
 *                 a service not listed gets no such label
 * @param envFiles the {@code --env-file} values, for the {@code com.docker.compose.project.environment_file} label
 */
public record DesiredOptions(List<String> services, boolean noDeps, Map<String, Integer> scale, String version,
                             Map<String, String> imageIds, List<String> envFiles) {

    public DesiredOptions {
        services = services == null ? List.of() : List.copyOf(services);
        scale = scale == null ? Map.of() : Map.copyOf(scale);
        version = version == null || version.isEmpty() ? "dev" : version;
        imageIds = imageIds == null ? Map.of() : Map.copyOf(imageIds);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
    }

    /** Every service, as the files say, labelled with {@code version}. */
    public static DesiredOptions defaults(String version) {
        return new DesiredOptions(List.of(), false, Map.of(), version, Map.of(), List.of());
    }

    public DesiredOptions withServices(List<String> s, boolean noDependencies) {
        return new DesiredOptions(s, noDependencies, scale, version, imageIds, envFiles);
    }

    public DesiredOptions withScale(Map<String, Integer> s) {
        return new DesiredOptions(services, noDeps, s, version, imageIds, envFiles);
    }

    public DesiredOptions withImageIds(Map<String, String> ids) {
        return new DesiredOptions(services, noDeps, scale, version, ids, envFiles);
    }

    public DesiredOptions withEnvFiles(List<String> files) {
        return new DesiredOptions(services, noDeps, scale, version, imageIds, files);
    }
}
