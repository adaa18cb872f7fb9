package dev.berth.compose.normalize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The service volume short syntax ({@code [source:]target[:options]}) as compose-go's
 * {@code format.ParseVolume} reads it: colons inside {@code ${…}} and after a Windows drive letter
 * are not separators; a source starting with {@code . / ~}, a drive letter or {@code \\} is a bind.
 */
public final class VolumeSpec {

    private static final Set<String> PROPAGATIONS = Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");
    private static final Set<String> SELINUX = Set.of("z", "Z");

    private VolumeSpec() {
    }

    /** The long-syntax map for {@code spec}; errors are compose-go's ({@code invalid spec: …: too many colons}). */
    public static Map<String, Object> parse(String spec) {
        if (spec.isEmpty()) throw new IllegalArgumentException("invalid empty volume spec");
        Parsed v = new Parsed();
        if (spec.length() <= 2) {
            v.target = spec;
            v.type = "volume";
            return v.toMap();
        }
        StringBuilder buffer = new StringBuilder();
        int depth = 0;
        int[] cps = (spec + '\0').codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '$' && i + 1 < cps.length - 1 && cps[i + 1] == '{') {
                depth++;
                buffer.appendCodePoint(c);
                continue;
            }
            if (c == '}' && depth > 0) {
                depth--;
                buffer.appendCodePoint(c);
                continue;
            }
            if (isWindowsDrive(buffer, c)) {
                buffer.appendCodePoint(c);
            } else if ((c == ':' || c == '\0') && depth == 0) {
                String error = v.populate(c == '\0', buffer.toString());
                if (error != null) throw new IllegalArgumentException("invalid spec: " + spec + ": " + error);
                buffer.setLength(0);
            } else {
                buffer.appendCodePoint(c);
            }
        }
        v.populateType();
        return v.toMap();
    }

    /**
     * Long syntax: bind options default to create_host_path (compose-go's opt-out default, left out
     * when true; an explicit false is kept), tmpfs size in bytes.
     */
    public static Map<String, Object> withDefaults(Map<String, Object> volume) {
        Map<String, Object> out = new LinkedHashMap<>(volume);
        if (out.get("bind") instanceof Map<?, ?> bind) {
            @SuppressWarnings("unchecked")
            Map<String, Object> b = new LinkedHashMap<>((Map<String, Object>) bind);
            Object create = b.get("create_host_path");
            if (create == null || Boolean.TRUE.equals(create) || "true".equals(create)) b.remove("create_host_path");
            if ("false".equals(create)) b.put("create_host_path", false);
            out.put("bind", b);
        }
        if (out.get("tmpfs") instanceof Map<?, ?> tmpfs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) tmpfs);
            if (t.get("size") != null) {
                long size = ByteSize.parse(t.get("size"));
                if (size < 0) throw new IllegalArgumentException("tmpfs.size must be greater than or equal to 0");
                t.put("size", size);
            }
            if (t.get("mode") != null) t.put("mode", Values.integer(t.get("mode")));
            out.put("tmpfs", t);
        }
        if (out.get("read_only") instanceof String s) out.put("read_only", Boolean.parseBoolean(s));
        if (out.get("volume") instanceof Map<?, ?> vol && vol.get("labels") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = new LinkedHashMap<>((Map<String, Object>) vol);
            v.put("labels", KeyValues.mapping(v.get("labels")));
            out.put("volume", v);
        }
        return out;
    }

    private static boolean isWindowsDrive(CharSequence buffer, int c) {
        return c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0));
    }

    static boolean isFilePath(String source) {
        if (source == null || source.isEmpty()) return false;
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') return true;
        if (source.startsWith("\\\\")) return true;
        return source.length() > 1 && Character.isLetter(c) && source.charAt(1) == ':';
    }

    private static final class Parsed {
        String type;
        String source = "";
        String target = "";
        boolean readOnly;
        Map<String, Object> bind;
        Map<String, Object> volume;

        String populate(boolean end, String part) {
            if (part.isEmpty()) return "empty section between colons";
            if (source.isEmpty() && end) {
                target = part;
                return null;
            }
            if (source.isEmpty()) {
                source = part;
                return null;
            }
            if (target.isEmpty()) {
                target = part;
                return null;
            }
            if (!end) return "too many colons";
            for (String option : part.split(",")) {
                switch (option) {
                    case "ro" -> readOnly = true;
                    case "rw" -> readOnly = false;
                    case "nocopy" -> volume = new LinkedHashMap<>(Map.of("nocopy", true));
                    default -> {
                        // unknown options are ignored, as compose-go does
                        if (PROPAGATIONS.contains(option)) bind().put("propagation", option);
                        if (SELINUX.contains(option)) bind().put("selinux", option);
                    }
                }
            }
            return null;
        }

        Map<String, Object> bind() {
            if (bind == null) bind = new LinkedHashMap<>();
            return bind;
        }

        void populateType() {
            if (isFilePath(source)) {
                type = "bind";
                bind(); // create_host_path: true is compose-go's opt-out default, marshalled as absent
            } else {
                type = "volume";
                if (volume == null) volume = new LinkedHashMap<>();
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            if (!source.isEmpty()) m.put("source", source);
            m.put("target", target.isEmpty() ? target : GoPaths.clean(target));
            if (readOnly) m.put("read_only", true);
            if (bind != null) m.put("bind", bind);
            if (volume != null) m.put("volume", volume);
            return m;
        }
    }
}
