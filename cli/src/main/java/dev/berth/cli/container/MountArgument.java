package dev.berth.cli.container;

import dev.berth.engine.container.Mount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code --mount} value: comma-separated {@code key=value} fields (CSV: a field may be quoted)
 * into one {@code HostConfig.Mounts} entry. The type defaults to {@code volume}, as in Docker.
 */
final class MountArgument {

    private MountArgument() {
    }

    static Mount parse(String value) {
        String type = Mount.VOLUME;
        String source = "";
        String target = null;
        boolean readOnly = false;
        String propagation = null;
        boolean noCopy = false;
        String subpath = null;
        Map<String, String> volumeLabels = new LinkedHashMap<>();
        Map<String, String> volumeOpts = new LinkedHashMap<>();
        String driver = null;
        long tmpfsSize = 0;
        int tmpfsMode = 0;
        boolean bindField = false;
        boolean volumeField = false;
        boolean tmpfsField = false;
        for (String field : csv(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(java.util.Locale.ROOT).strip();
            String val = eq < 0 ? null : field.substring(eq + 1);
            if (val == null && !key.equals("readonly") && !key.equals("ro") && !key.equals("volume-nocopy")) {
                throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: invalid field '" + field
                        + "' must be a key=value pair");
            }
            switch (key) {
                case "type" -> type = val;
                case "source", "src" -> source = val;
                case "target", "dst", "destination" -> target = val;
                case "readonly", "ro" -> readOnly = bool(val, field, value);
                case "consistency" -> { } // macOS only in Docker: accepted, nothing to do on Linux
                case "bind-propagation" -> {
                    bindField = true;
                    propagation = val;
                }
                case "volume-nocopy" -> {
                    volumeField = true;
                    noCopy = bool(val, field, value);
                }
                case "volume-label" -> {
                    volumeField = true;
                    put(volumeLabels, val, field, value);
                }
                case "volume-driver" -> {
                    volumeField = true;
                    driver = val;
                }
                case "volume-opt" -> {
                    volumeField = true;
                    put(volumeOpts, val, field, value);
                }
                case "volume-subpath" -> {
                    volumeField = true;
                    subpath = val;
                }
                case "tmpfs-size" -> {
                    tmpfsField = true;
                    tmpfsSize = ContainerRun.bytes(val);
                }
                case "tmpfs-mode" -> {
                    tmpfsField = true;
                    try {
                        tmpfsMode = Integer.parseInt(val, 8);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: tmpfs-mode must be octal: " + val);
                    }
                }
                default -> throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: unexpected key '"
                        + key + "' in '" + field + "'");
            }
        }
        if (target == null || target.isEmpty()) throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: target is required");
        if (bindField && !type.equals(Mount.BIND)) throw new IllegalArgumentException("cannot mix 'bind-*' options with mount type '" + type + "'");
        if (volumeField && !type.equals(Mount.VOLUME)) throw new IllegalArgumentException("cannot mix 'volume-*' options with mount type '" + type + "'");
        if (tmpfsField && !type.equals(Mount.TMPFS)) throw new IllegalArgumentException("cannot mix 'tmpfs-*' options with mount type '" + type + "'");
        Mount.BindOptions bind = bindField ? new Mount.BindOptions(propagation, false) : null;
        Mount.VolumeOptions volume = volumeField ? new Mount.VolumeOptions(noCopy, volumeLabels,
                driver == null && volumeOpts.isEmpty() ? null : new Mount.DriverConfig(driver, volumeOpts), subpath) : null;
        Mount.TmpfsOptions tmpfs = tmpfsField ? new Mount.TmpfsOptions(tmpfsSize, tmpfsMode) : null;
        return new Mount(type, source, target, readOnly, bind, volume, tmpfs);
    }

    private static boolean bool(String val, String field, String value) {
        if (val == null) return true;
        return switch (val.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: invalid value for "
                    + field.substring(0, field.indexOf('=')) + ": " + val);
        };
    }

    private static void put(Map<String, String> into, String kv, String field, String value) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--mount\" flag: invalid field '" + field + "'");
        into.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    /** One CSV record (encoding/csv's rules as the Docker CLI reads this flag): "a,b" quoted, "" inside quotes. */
    static List<String> csv(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("invalid argument \"" + s + "\" for \"--mount\" flag: unterminated quote");
        out.add(cur.toString());
        return out;
    }
}
