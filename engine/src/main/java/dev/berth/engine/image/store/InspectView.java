package dev.berth.engine.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.layer.LayerStore;
import dev.berth.engine.image.oci.ContainerConfig;
import dev.berth.engine.image.oci.ImageConfig;
import dev.berth.engine.image.oci.OciJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code image inspect} output in the shape of {@code docker image inspect} (Engine API 1.47):
 * an array of objects with Id, RepoTags, RepoDigests, Parent, Comment, Created, DockerVersion,
 * Author, Config, Architecture, Os, Size, GraphDriver, RootFS and Metadata, so {@code jq}
 * habits ({@code .[0].Config.Env}, {@code .[0].RootFS.Layers}) carry over.
 */
public final class InspectView {

    /** Go's zero time, which docker prints for a never-tagged image. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private InspectView() {
    }

    /** The array {@code docker image inspect a b} prints. */
    public static ArrayNode of(Collection<Image> images, LayerStore layers) {
        ArrayNode out = JSON.arrayNode();
        images.forEach(i -> out.add(of(i, layers)));
        return out;
    }

    /** One image's object; {@code layers} (may be null) gives GraphDriver's directories. */
    public static ObjectNode of(Image image, LayerStore layers) {
        ImageConfig c = image.config();
        ObjectNode o = JSON.objectNode();
        o.put("Id", image.id().toString());
        o.set("RepoTags", strings(image.repoTags()));
        o.set("RepoDigests", strings(image.repoDigests()));
        o.put("Parent", "");
        o.put("Comment", nullToEmpty(c.comment()));
        o.put("Created", c.created() == null ? ZERO_TIME : c.created());
        o.put("DockerVersion", nullToEmpty(c.dockerVersion()));
        o.put("Author", nullToEmpty(c.author()));
        o.set("Config", config(c.containerConfig()));
        o.put("Architecture", nullToEmpty(c.architecture()));
        if (c.variant() != null && !c.variant().isEmpty()) o.put("Variant", c.variant());
        o.put("Os", nullToEmpty(c.os()));
        o.put("Size", image.size());
        o.set("GraphDriver", graphDriver(image.diffIds(), layers));
        ObjectNode rootfs = o.putObject("RootFS");
        rootfs.put("Type", c.rootfs() == null ? "layers" : c.rootfs().type());
        ArrayNode ids = rootfs.putArray("Layers");
        image.diffIds().forEach(d -> ids.add(d.toString()));
        o.putObject("Metadata").put("LastTagTime",
                image.lastTagTime() == null ? ZERO_TIME : image.lastTagTime().toString());
        return o;
    }

    /** Docker's container.Config field order; the omitempty fields only when set. */
    private static ObjectNode config(ContainerConfig c) {
        ObjectNode o = JSON.objectNode();
        o.put("Hostname", "");
        o.put("Domainname", "");
        o.put("User", nullToEmpty(c.user()));
        o.put("AttachStdin", false);
        o.put("AttachStdout", false);
        o.put("AttachStderr", false);
        if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) o.set("ExposedPorts", emptyObjects(c.exposedPorts()));
        o.put("Tty", false);
        o.put("OpenStdin", false);
        o.put("StdinOnce", false);
        o.set("Env", strings(c.env()));
        o.set("Cmd", strings(c.cmd()));
        if (c.healthcheck() != null) o.set("Healthcheck", OciJson.mapper().valueToTree(c.healthcheck()));
        if (Boolean.TRUE.equals(c.argsEscaped())) o.put("ArgsEscaped", true);
        o.put("Image", "");
        o.set("Volumes", c.volumes() == null ? JSON.nullNode() : emptyObjects(c.volumes()));
        o.put("WorkingDir", nullToEmpty(c.workingDir()));
        o.set("Entrypoint", strings(c.entrypoint()));
        o.set("OnBuild", strings(c.onBuild()));
        if (c.labels() == null) {
            o.putNull("Labels");
        } else {
            ObjectNode labels = o.putObject("Labels");
            c.labels().forEach(labels::put);
        }
        if (c.stopSignal() != null) o.put("StopSignal", c.stopSignal());
        if (c.shell() != null) o.set("Shell", strings(c.shell()));
        return o;
    }

    private static ObjectNode graphDriver(List<Digest> diffIds, LayerStore layers) {
        ObjectNode g = JSON.objectNode();
        ObjectNode data = g.putObject("Data");
        if (layers != null && !diffIds.isEmpty()) {
            List<String> dirs = new ArrayList<>();
            for (int i = diffIds.size() - 1; i >= 0; i--) dirs.add(layers.directory(diffIds.get(i)).toString());
            data.put("UpperDir", dirs.getFirst());
            if (dirs.size() > 1) data.put("LowerDir", String.join(":", dirs.subList(1, dirs.size())));
        }
        g.put("Name", "overlay");
        return g;
    }

    private static JsonNode strings(List<String> values) {
        if (values == null) return JSON.nullNode();
        ArrayNode a = JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static ObjectNode emptyObjects(Map<String, Object> keys) {
        ObjectNode o = JSON.objectNode();
        keys.keySet().forEach(k -> o.putObject(k));
        return o;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
