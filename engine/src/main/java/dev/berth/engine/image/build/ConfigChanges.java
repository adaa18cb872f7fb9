package dev.berth.engine.image.build;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.engine.image.oci.ContainerConfig;
import dev.berth.engine.image.oci.OciJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Applies Dockerfile-style {@code --change} instructions to an image's run defaults, as
 * {@code docker import --change} and {@code docker commit --change} do: CMD, ENTRYPOINT, ENV,
 * EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR. CMD, ENTRYPOINT and VOLUME take the JSON
 * array form or the shell form ({@code CMD echo hi} runs {@code /bin/sh -c "echo hi"}).
 * Variables ({@code $VAR}) are not expanded.
 */
public final class ConfigChanges {

    private static final List<String> VALID = List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR");
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp|sctp))?");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z][A-Z0-9+-]*|\\d{1,2}");

    private ConfigChanges() {
    }

    public static ContainerConfig apply(ContainerConfig base, List<String> changes) {
        Builder b = new Builder(base);
        for (String change : changes) b.apply(change);
        return b.build();
    }

    /** Checks the instructions without applying them (to fail before any work is done). */
    public static void validate(List<String> changes) {
        apply(ContainerConfig.EMPTY, changes);
    }

    private static final class Builder {
        private String user;
        private Map<String, Object> exposedPorts;
        private List<String> env;
        private List<String> entrypoint;
        private List<String> cmd;
        private final ContainerConfig.HealthConfig healthcheck;
        private Map<String, Object> volumes;
        private String workingDir;
        private Map<String, String> labels;
        private String stopSignal;
        private final List<String> onBuild;
        private final List<String> shell;
        private final Boolean argsEscaped;
        private boolean cmdSet;

        Builder(ContainerConfig c) {
            user = c.user();
            exposedPorts = c.exposedPorts();
            env = c.env();
            entrypoint = c.entrypoint();
            cmd = c.cmd();
            healthcheck = c.healthcheck();
            volumes = c.volumes();
            workingDir = c.workingDir();
            labels = c.labels();
            stopSignal = c.stopSignal();
            onBuild = c.onBuild();
            shell = c.shell();
            argsEscaped = c.argsEscaped();
        }

        ContainerConfig build() {
            return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, healthcheck, volumes, workingDir, labels,
                    stopSignal, onBuild, shell, argsEscaped);
        }

        void apply(String change) {
            String line = change.strip();
            int space = indexOfSpace(line);
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space).strip();
            if (instruction.isEmpty()) throw new InvalidChangeException(change, "empty instruction");
            if (instruction.equals("ONBUILD")) {
                throw new InvalidChangeException(change, "ONBUILD is not supported by berth: an imported image has no builds to trigger");
            }
            if (!VALID.contains(instruction)) {
                throw new InvalidChangeException(change, instruction + " is not a valid change command: use one of "
                        + String.join(", ", VALID));
            }
            if (args.isEmpty()) throw new InvalidChangeException(change, instruction + " requires at least one argument");
            switch (instruction) {
                case "CMD" -> {
                    cmd = command(args);
                    cmdSet = true;
                }
                case "ENTRYPOINT" -> {
                    entrypoint = command(args);
                    // as in a Dockerfile, an ENTRYPOINT drops an inherited CMD unless CMD was given too
                    if (!cmdSet) cmd = null;
                }
                case "ENV" -> env(change, args);
                case "LABEL" -> {
                    Map<String, String> next = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
                    next.putAll(pairs(change, args, "LABEL"));
                    labels = next;
                }
                case "EXPOSE" -> expose(change, args);
                case "VOLUME" -> {
                    Map<String, Object> next = volumes == null ? new TreeMap<>() : new TreeMap<>(volumes);
                    List<String> paths = jsonArray(args);
                    for (String v : paths == null ? words(change, args) : paths) {
                        if (v.isBlank()) throw new InvalidChangeException(change, "VOLUME paths must not be empty");
                        next.put(v, Map.of());
                    }
                    volumes = next;
                }
                case "WORKDIR" -> workingDir = workdir(args);
                case "USER" -> user = args;
                case "STOPSIGNAL" -> {
                    if (!SIGNAL.matcher(args).matches()) {
                        throw new InvalidChangeException(change, "\"" + args + "\" is not a signal: give a name like SIGTERM or a number");
                    }
                    stopSignal = args;
                }
                default -> throw new IllegalStateException(instruction);
            }
        }

        private List<String> command(String args) {
            List<String> exec = jsonArray(args);
            if (exec != null) return exec;
            List<String> out = new ArrayList<>(shell == null ? DEFAULT_SHELL : shell);
            out.add(args);
            return out;
        }

        private void env(String change, String args) {
            Map<String, String> set = pairs(change, args, "ENV");
            Map<String, String> merged = new LinkedHashMap<>();
            if (env != null) {
                for (String e : env) {
                    int eq = e.indexOf('=');
                    merged.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? null : e.substring(eq + 1));
                }
            }
            // a key set again keeps its place, as docker does
            merged.putAll(set);
            List<String> next = new ArrayList<>();
            merged.forEach((k, v) -> next.add(v == null ? k : k + "=" + v));
            env = next;
        }

        private void expose(String change, String args) {
            Map<String, Object> next = exposedPorts == null ? new TreeMap<>() : new TreeMap<>(exposedPorts);
            for (String spec : words(change, args)) {
                var m = PORT.matcher(spec.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new InvalidChangeException(change, "invalid port \"" + spec + "\": expected PORT[/tcp|udp|sctp] or START-END[/PROTO]");
                }
                int start = Integer.parseInt(m.group(1));
                int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
                String proto = m.group(3) == null ? "tcp" : m.group(3);
                if (start < 1 || end > 65535 || end < start) {
                    throw new InvalidChangeException(change, "invalid port range \"" + spec + "\": ports are 1-65535, start <= end");
                }
                for (int p = start; p <= end; p++) next.put(p + "/" + proto, Map.of());
            }
            exposedPorts = next;
        }

        private String workdir(String dir) {
            if (dir.startsWith("/")) return normalize(dir);
            return normalize((workingDir == null ? "" : workingDir) + "/" + dir);
        }
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** {@code ["a","b"]} as a list; null when the text is not a JSON array of strings (then it is shell form). */
    static List<String> jsonArray(String args) {
        if (!args.startsWith("[")) return null;
        try {
            return OciJson.mapper().readValue(args, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code k=v k2="v 2"}, or the legacy {@code k value with spaces}. */
    private static Map<String, String> pairs(String change, String args, String instruction) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = words(change, args);
        if (!words.getFirst().contains("=")) {
            int space = indexOfSpace(args);
            if (space < 0) throw new InvalidChangeException(change, instruction + " needs KEY=VALUE (or KEY VALUE)");
            out.put(words.getFirst(), unquote(change, args.substring(space).strip()));
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) throw new InvalidChangeException(change, instruction + " names must be followed by =: \"" + w + "\"");
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }

    private static String unquote(String change, String s) {
        List<String> w = words(change, "x" + s.replace(" ", "\\ "));
        return String.join(" ", w).substring(1);
    }

    /** Splits on unquoted white space; quotes are removed, a backslash escapes the next character. */
    private static List<String> words(String change, String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < args.length()) {
                cur.append(args.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) throw new InvalidChangeException(change, "unterminated " + quote + " quote");
        if (inWord) out.add(cur.toString());
        if (out.isEmpty()) throw new InvalidChangeException(change, "missing arguments");
        return out;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }
}
