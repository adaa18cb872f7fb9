package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code extra_hosts} as compose-go's {@code HostsList}: a list of {@code host=ip} or {@code host:ip}
 * (several ips after a comma) or a map host → ip(s); brackets around ips are dropped. The canonical
 * form is what compose-go marshals: the sorted list of {@code host=ip}.
 */
public final class ExtraHosts {

    private ExtraHosts() {
    }

    /** host → addresses, in first-seen order. */
    public static Map<String, List<String>> parse(Object value) {
        Map<String, List<String>> hosts = new LinkedHashMap<>();
        switch (value) {
            case List<?> list -> {
                for (Object e : list) {
                    String s = GoValues.sprint(e);
                    int eq = s.indexOf('=');
                    int sep = eq >= 0 ? eq : s.indexOf(':');
                    if (sep < 0) throw new IllegalArgumentException("invalid additional host, missing IP: " + s);
                    hosts.computeIfAbsent(s.substring(0, sep), k -> new ArrayList<>())
                            .addAll(Arrays.asList(s.substring(sep + 1).split(",", -1)));
                }
            }
            case Map<?, ?> map -> map.forEach((k, v) -> {
                List<String> ips = new ArrayList<>();
                if (v instanceof List<?> l) {
                    l.forEach(ip -> ips.add(GoValues.sprint(ip)));
                } else {
                    ips.add(GoValues.sprint(v));
                }
                hosts.put(String.valueOf(k), ips);
            });
            default -> throw new IllegalArgumentException("extra_hosts must be a list or a mapping");
        }
        hosts.forEach((host, ips) -> {
            if (host.isEmpty() || host.contains(":") || host.contains("=")) {
                throw new IllegalArgumentException("bad host name '" + host + "'");
            }
            ips.replaceAll(ip -> ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")
                    ? ip.substring(1, ip.length() - 1) : ip);
        });
        return hosts;
    }

    /** The canonical (marshalled) form: sorted {@code host=ip} strings. */
    public static List<Object> canonical(Object value) {
        List<String> out = new ArrayList<>();
        parse(value).forEach((host, ips) -> ips.forEach(ip -> out.add(host + "=" + ip)));
        out.sort(null);
        return new ArrayList<>(out);
    }
}
