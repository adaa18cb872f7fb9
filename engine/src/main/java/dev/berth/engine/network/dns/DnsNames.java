package dev.berth.engine.network.dns;

import java.util.Locale;

/** How names are compared: lower case, without the trailing dot of a fully qualified name. */
final class DnsNames {

    private DnsNames() {}

    static String key(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }
}
