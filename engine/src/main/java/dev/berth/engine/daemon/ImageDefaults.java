package dev.berth.engine.daemon;

import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.container.ContainerConfig;
import dev.berth.engine.container.Healthcheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new container's config: what the create request says over the image's defaults, by Docker's
 * rules (daemon/create.go, merge.go): env added over the image's by name, an entrypoint given
 * drops the image's cmd, labels added over the image's, working dir, user and stop signal from
 * the image unless given.
 */
final class ImageDefaults {

    /** Docker's PATH when the image sets none. */
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ImageDefaults() {
    }

    static ContainerConfig apply(CreateRequest r, dev.berth.engine.image.oci.ContainerConfig image) {
        var img = image == null ? dev.berth.engine.image.oci.ContainerConfig.EMPTY : image;
        Map<String, String> env = new LinkedHashMap<>();
        if (img.env() != null) img.env().forEach(e -> put(env, e));
        if (!env.containsKey("PATH")) put(env, DEFAULT_PATH);
        r.env().forEach(e -> put(env, e));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));

        List<String> entrypoint = r.entrypoint() != null ? r.entrypoint().stream().filter(s -> !s.isEmpty()).toList()
                : img.entrypoint() == null ? List.of() : img.entrypoint();
        List<String> cmd = r.cmd() != null ? r.cmd()
                : r.entrypoint() != null || img.cmd() == null ? List.of() : img.cmd();
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw new IllegalArgumentException("no command specified: the image has no CMD or ENTRYPOINT; give one after the image name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (img.labels() != null) labels.putAll(img.labels());
        labels.putAll(r.labels());
        return new ContainerConfig(r.image(), entrypoint, cmd, envList,
                r.workingDir() != null ? r.workingDir() : nonNull(img.workingDir()),
                r.user() != null ? r.user() : nonNull(img.user()),
                nonNull(r.hostname()), nonNull(r.domainname()), labels, r.tty(), r.openStdin(), r.stdinOnce(),
                r.stopSignal() != null ? r.stopSignal() : img.stopSignal(), r.stopTimeout(),
                healthcheck(r.healthcheck(), img.healthcheck()), volumes(r.volumes(), img.volumes()));
    }

    /** The request's check over the image's HEALTHCHECK, field by field; none when neither has a test or it is NONE. */
    static Healthcheck healthcheck(Healthcheck asked, dev.berth.engine.image.oci.ContainerConfig.HealthConfig image) {
        Healthcheck fromImage = image == null ? null : new Healthcheck(image.test(), image.interval(), image.timeout(),
                image.startPeriod(), image.startInterval(), image.retries());
        Healthcheck merged = asked == null ? fromImage : asked.over(fromImage);
        return merged == null || merged.test().isEmpty() ? null : merged;
    }

    /** Docker's Config.Volumes: the image's VOLUMEs and the request's, in order, once each. */
    static List<String> volumes(List<String> asked, Map<String, Object> image) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (image != null) all.addAll(image.keySet());
        all.addAll(asked);
        return List.copyOf(all);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void put(Map<String, String> env, String kv) {
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
}
