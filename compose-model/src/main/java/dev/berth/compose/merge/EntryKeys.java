package dev.berth.compose.merge;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import java.util.List;
import java.util.Map;

/**
 * What makes two list entries "the same" for {@link Unicity}, per attribute (compose-go's
 * indexers). Scalar numbers are read as their decimal text.
 */
final class EntryKeys {

    /** Computes the identity of one list entry at {@code path}. */
    @FunctionalInterface
    interface EntryKey {
        String of(Object entry, KeyPath path);
    }

    private EntryKeys() {
    }

    /** {@code KEY=VALUE} entries by key, plain strings by themselves. */
    static String keyValue(Object entry, KeyPath path) {
        if (entry instanceof String s) return Sequences.keyOf(s);
        throw new ComposeException(null, path, "expected a string, got " + goType(entry));
    }

    /** Service volumes by container path. */
    static String volume(Object entry, KeyPath path) {
        return switch (entry) {
            case Map<?, ?> m -> {
                if (!(m.get("target") instanceof String target)) {
                    throw new ComposeException(null, path, "service volume is missing a mount target");
                }
                yield target;
            }
            case String spec -> {
                try {
                    yield VolumeTarget.of(spec);
                } catch (IllegalArgumentException e) {
                    throw new ComposeException(null, path, e.getMessage());
                }
            }
            case null, default -> "";
        };
    }

    /** Devices by container path: {@code /dev/a:/dev/b:rwm} is {@code /dev/b}, {@code /dev/a} itself. */
    static String device(Object entry, KeyPath path) {
        return switch (entry) {
            case Map<?, ?> m -> {
                if (!(m.get("target") instanceof String target)) {
                    throw new ComposeException(null, path, "service device is missing a mount target");
                }
                yield target;
            }
            case String spec -> {
                String[] parts = spec.split(":", -1);
                yield parts.length == 1 ? parts[0] : parts[1];
            }
            case null, default -> "";
        };
    }

    static String expose(Object entry, KeyPath path) {
        if (entry instanceof String || entry instanceof Long) return entry.toString();
        throw new ComposeException(null, path, "unsupported expose value " + GoText.of(entry));
    }

    /** Secrets and configs by target; a short entry or one without target mounts at {@code dir/source}. */
    static EntryKey mount(String dir) {
        return (entry, path) -> switch (entry) {
            case String source -> dir + "/" + source;
            case Map<?, ?> m -> m.containsKey("target")
                    ? GoText.of(m.get("target"))
                    : dir + "/" + GoText.of(m.get("source"));
            default -> throw new ComposeException(null, path, "unsupported value " + GoText.of(entry));
        };
    }

    /**
     * Ports: a short string is compared literally ({@code 80} and {@code 0.0.0.0::80} differ);
     * a long entry by {@code host_ip:published:target/protocol} with {@code 0.0.0.0} and
     * {@code tcp} when absent.
     */
    static String port(Object entry, KeyPath path) {
        return switch (entry) {
            case Long number -> number.toString();
            case String spec -> spec;
            case Map<?, ?> m -> {
                if (!m.containsKey("target")) {
                    throw new ComposeException(null, path, "service port is missing a target port");
                }
                String host = m.containsKey("host_ip") ? GoText.of(m.get("host_ip")) : "0.0.0.0";
                String published = m.containsKey("published") ? GoText.of(m.get("published")) : "";
                String protocol = m.containsKey("protocol") ? GoText.of(m.get("protocol")) : "tcp";
                yield host + ":" + published + ":" + GoText.of(m.get("target")) + "/" + protocol;
            }
            case null, default -> "";
        };
    }

    /** env_file entries by path, short or long syntax. */
    static String envFile(Object entry, KeyPath path) {
        return switch (entry) {
            case String file -> file;
            case Map<?, ?> m -> {
                if (!m.containsKey("path")) throw new ComposeException(null, path, "env_file entry is missing its path");
                yield GoText.of(m.get("path"));
            }
            case null, default -> "";
        };
    }

    /** The Go type compose-go names in its error, for familiarity. */
    private static String goType(Object value) {
        return switch (value) {
            case null -> "<nil>";
            case Long l -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            default -> value.getClass().getSimpleName();
        };
    }
}
