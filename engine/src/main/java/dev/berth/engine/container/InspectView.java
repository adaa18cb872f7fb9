package dev.berth.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * A container as {@code docker inspect} shows it: Id, Name, Created, State {Status, Running,
 * Paused, OOMKilled, Pid, ExitCode, StartedAt, FinishedAt}, Config, HostConfig, NetworkSettings,
 * Mounts — the resource shape the planned Docker-compatible endpoint will serve too.
 */
public final class InspectView {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Docker's field names for the records written as they are (Health, Healthcheck, Mounts). */
    private static final ObjectMapper UPPER_CAMEL = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Docker's zero time, for a container that has not started or finished yet. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private InspectView() {
    }

    public static ArrayNode of(Collection<Container> containers, ContainerStore store) {
        ArrayNode out = JSON.createArrayNode();
        containers.forEach(c -> out.add(of(c, store.directory(c.id()))));
        return out;
    }

    public static ObjectNode of(Container c, Path directory) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Id", c.id());
        o.put("Created", c.created().toString());
        o.put("Path", c.config().argv().isEmpty() ? "" : c.config().argv().getFirst());
        ArrayNode args = o.putArray("Args");
        c.config().argv().stream().skip(1).forEach(args::add);
        ContainerState s = c.state();
        ObjectNode state = o.putObject("State");
        state.put("Status", s.status());
        state.put("Running", s.status().equals("running"));
        state.put("Paused", s.paused());
        state.put("Restarting", s.status().equals("restarting"));
        state.put("OOMKilled", s.oomKilled());
        state.put("Dead", s.status().equals("dead"));
        state.put("Pid", s.running() ? s.pid() : 0);
        state.put("ExitCode", s.exitCode());
        state.put("Error", s.error() == null ? "" : s.error());
        state.put("StartedAt", time(s.startedAt()));
        state.put("FinishedAt", time(s.finishedAt()));
        if (s.health() != null) state.set("Health", UPPER_CAMEL.valueToTree(s.health()));
        o.put("Image", c.imageId());
        o.put("LogPath", directory.resolve("container.log").toString());
        o.put("Name", "/" + c.name());
        o.put("RestartCount", c.restartCount());
        o.put("Driver", "overlay");
        o.put("Platform", "linux");

        hostConfig(o.putObject("HostConfig"), c.hostConfig());

        ContainerConfig cc = c.config();
        ObjectNode config = o.putObject("Config");
        config.put("Hostname", cc.hostname().isEmpty() ? c.id().substring(0, 12) : cc.hostname());
        config.put("Domainname", cc.domainname());
        config.put("User", cc.user());
        config.put("Tty", cc.tty());
        config.put("OpenStdin", cc.openStdin());
        config.put("StdinOnce", cc.stdinOnce());
        strings(config.putArray("Env"), cc.env());
        strings(config.putArray("Cmd"), cc.cmd());
        config.put("Image", cc.image());
        config.put("WorkingDir", cc.workingDir());
        if (cc.entrypoint().isEmpty()) config.putNull("Entrypoint");
        else strings(config.putArray("Entrypoint"), cc.entrypoint());
        ObjectNode labels = config.putObject("Labels");
        cc.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey(), e.getValue()));
        if (cc.stopSignal() != null) config.put("StopSignal", cc.stopSignal());
        if (cc.stopTimeout() != null) config.put("StopTimeout", cc.stopTimeout());
        if (cc.healthcheck() != null) config.set("Healthcheck", UPPER_CAMEL.valueToTree(cc.healthcheck()));
        if (!cc.volumes().isEmpty()) {
            ObjectNode volumes = config.putObject("Volumes");
            cc.volumes().forEach(v -> volumes.putObject(v));
        }

        ObjectNode net = o.putObject("NetworkSettings");
        // Docker fills the top-level address fields from the default bridge network only
        Endpoint onBridge = c.networks().get("bridge");
        net.put("IPAddress", onBridge == null ? "" : onBridge.ipAddress());
        net.put("IPPrefixLen", onBridge == null ? 0 : onBridge.prefixLength());
        net.put("Gateway", onBridge == null ? "" : onBridge.gateway());
        net.put("MacAddress", onBridge == null ? "" : onBridge.macAddress());
        net.set("Ports", JSON.valueToTree(HostConfig.portMap(c.ports())));
        ObjectNode networks = net.putObject("Networks");
        c.networks().forEach((name, e) -> {
            ObjectNode n = networks.putObject(name);
            strings(n.putArray("Aliases"), e.aliases());
            n.put("NetworkID", e.networkId());
            n.put("Gateway", e.gateway());
            n.put("IPAddress", e.ipAddress());
            n.put("IPPrefixLen", e.prefixLength());
            n.put("MacAddress", e.macAddress());
            strings(n.putArray("DNSNames"), e.dnsNames());
            if (e.ipamAddress().isEmpty()) n.putNull("IPAMConfig");
            else n.putObject("IPAMConfig").put("IPv4Address", e.ipamAddress());
        });
        ArrayNode mounts = o.putArray("Mounts");
        for (MountPoint m : c.mounts()) {
            ObjectNode mo = mounts.addObject();
            mo.put("Type", m.type());
            if (m.type().equals(Mount.VOLUME)) mo.put("Name", m.name());
            mo.put("Source", m.source());
            mo.put("Destination", m.destination());
            if (m.type().equals(Mount.VOLUME)) mo.put("Driver", "local");
            mo.put("Mode", m.type().equals(Mount.TMPFS) ? m.options() : m.readOnly() ? "ro" : "");
            mo.put("RW", !m.readOnly());
            mo.put("Propagation", m.propagation());
        }
        return o;
    }

    /** Docker's HostConfig object (also the create request's). */
    public static void hostConfig(ObjectNode host, HostConfig h) {
        host.setAll((ObjectNode) JSON.valueToTree(h.toDockerMap()));
    }


    /** A container back from its inspect JSON (read as plain maps: {@link InspectReader}). */
    @SuppressWarnings("unchecked")
    public static Container read(JsonNode o) {
        return InspectReader.read(JSON.convertValue(o, Map.class));
    }

    private static String time(Instant t) {
        return t == null ? ZERO_TIME : t.toString();
    }

    private static void strings(ArrayNode to, Collection<String> values) {
        values.forEach(to::add);
    }
}
