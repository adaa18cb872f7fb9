package dev.berth.engine.network;

import java.util.List;

/**
 * A container's {@code /etc/hosts} as Docker writes it: the loopback and IPv6 names, then each
 * of the container's addresses with its host name (and FQDN when it has a domain name), then
 * {@code --add-host} entries.
 */
public final class HostsFile {

    private static final String BASE = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    /** An {@code --add-host NAME:IP} entry. */
    public record ExtraHost(String name, String address) {

        /** Docker's {@code NAME:IP} (also {@code NAME=IP}, and IPv6 addresses with colons). */
        public static ExtraHost parse(String spec) {
            int sep = spec.indexOf('=');
            if (sep < 0) sep = spec.indexOf(':');
            if (sep <= 0 || sep == spec.length() - 1) {
                throw new IllegalArgumentException("bad format for add-host: \"" + spec + "\" (expected NAME:IP)");
            }
            return new ExtraHost(spec.substring(0, sep), spec.substring(sep + 1));
        }
    }

    private HostsFile() {
    }

    public static String render(String hostname, String domainname, List<String> addresses, List<ExtraHost> extra) {
        StringBuilder b = new StringBuilder(BASE);
        String names = domainname == null || domainname.isEmpty() ? hostname : hostname + "." + domainname + "\t" + hostname;
        for (String a : addresses) b.append(a).append('\t').append(names).append('\n');
        for (ExtraHost h : extra) b.append(h.address()).append('\t').append(h.name()).append('\n');
        return b.toString();
    }
}
