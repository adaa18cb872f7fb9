package dev.berth.planner.desired;

import dev.berth.compose.tree.KeyPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The project's networks and volumes in engine terms, with what berth cannot make of them. */
final class ProjectResources {

    private ProjectResources() {
    }

    /** Each network of {@code keys} (project network keys), in the project's order. */
    static List<DesiredNetwork> networks(String project, Map<String, Object> model, Collection<String> keys, String version,
                                         Findings findings) {
        List<DesiredNetwork> out = new ArrayList<>();
        Tree.map(model, "networks").forEach((key, value) -> {
            if (keys.contains(key)) out.add(network(project, key, Tree.map(value), version, findings));
        });
        return out;
    }

    private static DesiredNetwork network(String project, String key, Map<String, Object> def, String version, Findings f) {
        boolean external = Tree.flag(def, "external");
        String name = Tree.string(def, "name");
        if (name == null) name = external ? key : project + "_" + key;
        Map<String, String> own = Tree.stringMap(def, "labels");
        if (external) return new DesiredNetwork(key, name, true, "bridge", false, own, null, null, null);

        KeyPath at = KeyPath.of("networks", key);
        String driver = Tree.string(def, "driver");
        if (driver != null && !driver.isEmpty() && !driver.equals("bridge")) {
            f.error(at.child("driver"), "berth has only the bridge driver, not " + driver + " (remove driver: or make it bridge)");
        }
        if (!Tree.map(def, "driver_opts").isEmpty()) {
            f.warn(at.child("driver_opts"), "bridge driver options are not applied by berth; ignored");
        }
        if (Tree.flag(def, "enable_ipv6")) f.error(at.child("enable_ipv6"), "berth networks are IPv4 only");
        if (Boolean.FALSE.equals(def.get("enable_ipv4"))) f.error(at.child("enable_ipv4"), "berth networks are IPv4 only: IPv4 cannot be turned off");
        Map<String, Object> ipam = Tree.map(def, "ipam");
        String ipamDriver = Tree.string(ipam, "driver");
        if (ipamDriver != null && !ipamDriver.isEmpty() && !ipamDriver.equals("default")) {
            f.error(at.child("ipam").child("driver"), "berth has only the default IPAM driver, not " + ipamDriver);
        }
        String subnet = null;
        String gateway = null;
        String ipRange = null;
        List<Object> pools = Tree.list(ipam, "config");
        if (pools.size() > 1) {
            f.error(at.child("ipam").child("config"), "berth networks have one subnet; " + pools.size() + " are given");
        }
        if (!pools.isEmpty()) {
            Map<String, Object> pool = Tree.map(pools.getFirst());
            subnet = Tree.string(pool, "subnet");
            gateway = Tree.string(pool, "gateway");
            ipRange = Tree.string(pool, "ip_range");
            if (subnet != null && subnet.contains(":")) {
                f.error(at.child("ipam").child("config").index(0).child("subnet"), "berth networks are IPv4 only, not " + subnet);
            }
            if (!Tree.map(pool, "aux_addresses").isEmpty()) {
                f.warn(at.child("ipam").child("config").index(0).child("aux_addresses"), "not reserved by berth's IPAM; ignored");
            }
        }
        Map<String, String> labels = ResourceLabels.network(project, key, own, version, ConfigHash.of(def));
        return new DesiredNetwork(key, name, false, "bridge", Tree.flag(def, "internal"), labels, subnet, gateway, ipRange);
    }

    /** Each volume of {@code keys} (project volume keys), in the project's order. */
    static List<DesiredVolume> volumes(String project, Map<String, Object> model, Collection<String> keys, String version,
                                       Findings findings) {
        List<DesiredVolume> out = new ArrayList<>();
        Tree.map(model, "volumes").forEach((key, value) -> {
            if (keys.contains(key)) out.add(volume(project, key, Tree.map(value), version, findings));
        });
        return out;
    }

    private static DesiredVolume volume(String project, String key, Map<String, Object> def, String version, Findings f) {
        boolean external = Tree.flag(def, "external");
        String name = Tree.string(def, "name");
        if (name == null) name = external ? key : project + "_" + key;
        Map<String, String> own = Tree.stringMap(def, "labels");
        if (external) return new DesiredVolume(key, name, true, Map.of(), own);
        String driver = Tree.string(def, "driver");
        if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
            f.error(KeyPath.of("volumes", key, "driver"), "berth has only the local volume driver, not " + driver);
        }
        Map<String, String> labels = ResourceLabels.volume(project, key, own, version, ConfigHash.ofVolume(def));
        return new DesiredVolume(key, name, false, Tree.stringMap(def, "driver_opts"), labels);
    }
}
