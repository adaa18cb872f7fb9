package dev.berth.engine.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A seccomp profile in Docker's JSON format ({@code --security-opt seccomp=profile.json}): a default
 * action, the architectures to accept, and rules that give syscalls (optionally only for some argument
 * values, capabilities, architectures or kernels) another action.
 *
 * @param defaultAction what happens to syscalls no rule matches ({@code defaultErrnoRet} applied)
 * @param architectures {@code SCMP_ARCH_*} names; empty means "from {@code archMap}", or only the native one
 * @param archMap       native architecture → the sub-architectures it also accepts
 */
public record SeccompProfile(SeccompAction defaultAction, List<String> architectures, List<ArchMapping> archMap,
                             List<Rule> syscalls) {

    public SeccompProfile {
        architectures = List.copyOf(architectures);
        archMap = List.copyOf(archMap);
        syscalls = List.copyOf(syscalls);
    }

    /** {@code architecture} (native) also accepts {@code subArchitectures}. */
    public record ArchMapping(String architecture, List<String> subArchitectures) {
        public ArchMapping {
            subArchitectures = List.copyOf(subArchitectures);
        }
    }

    /** Syscalls {@code names} get {@code action} when all {@code args} hold, for the targets the filters select. */
    public record Rule(List<String> names, SeccompAction action, List<ArgCondition> args, Filter includes,
                       Filter excludes) {
        public Rule {
            names = List.copyOf(names);
            args = List.copyOf(args);
        }

        public static Rule allow(List<String> names) {
            return new Rule(names, SeccompAction.ALLOW, List.of(), Filter.ANY, Filter.ANY);
        }
    }

    /**
     * A comparison of syscall argument {@code index} with {@code value}. For MASKED_EQ, {@code value} is
     * the mask and {@code valueTwo} what the masked argument must equal (as libseccomp and Docker have it).
     */
    public record ArgCondition(int index, long value, long valueTwo, Op op) {
        public ArgCondition {
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("syscall argument index must be 0..5, got " + index);
            }
        }

        /** Whether a 64-bit argument value satisfies this condition (unsigned, as libseccomp compares). */
        public boolean holdsFor(long argument) {
            return switch (op) {
                case EQ -> argument == value;
                case NE -> argument != value;
                case LT -> Long.compareUnsigned(argument, value) < 0;
                case LE -> Long.compareUnsigned(argument, value) <= 0;
                case GT -> Long.compareUnsigned(argument, value) > 0;
                case GE -> Long.compareUnsigned(argument, value) >= 0;
                case MASKED_EQ -> (argument & value) == valueTwo;
            };
        }
    }

    public enum Op { NE, LT, LE, EQ, GE, GT, MASKED_EQ }

    /**
     * Selects targets: all listed capabilities held, the native architecture listed, the kernel at least
     * {@code minKernel} ("major.minor"). Empty parts select everything.
     */
    public record Filter(List<String> caps, List<String> arches, String minKernel) {
        public static final Filter ANY = new Filter(List.of(), List.of(), "");

        public Filter {
            caps = caps.stream().map(SeccompProfile::capabilityName).toList();
            arches = List.copyOf(arches);
        }

        public static Filter caps(String... caps) {
            return new Filter(List.of(caps), List.of(), "");
        }
    }

    /** {@code sys_admin}, {@code CAP_SYS_ADMIN} → {@code CAP_SYS_ADMIN}. */
    public static String capabilityName(String cap) {
        String upper = cap.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }

    public static SeccompProfile read(Path file) throws SeccompProfileException {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new SeccompProfileException("cannot read seccomp profile " + file + ": " + e.getMessage(), e);
        } catch (SeccompProfileException e) {
            throw new SeccompProfileException("seccomp profile " + file + ": " + e.getMessage(), e);
        }
    }

    public static SeccompProfile parse(String json) throws SeccompProfileException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SeccompProfileException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SeccompProfileException("a seccomp profile is a JSON object with \"defaultAction\"");
        }
        if (!root.path("defaultAction").isTextual()) {
            throw new SeccompProfileException("\"defaultAction\" is missing; Docker profiles start with"
                    + " \"defaultAction\": \"SCMP_ACT_ERRNO\"");
        }
        SeccompAction defaultAction = SeccompAction.fromDocker(root.get("defaultAction").asText(),
                optionalInt(root, "defaultErrnoRet", "defaultErrnoRet"), "defaultAction");
        List<String> architectures = strings(root, "architectures", "architectures");
        List<ArchMapping> archMap = new ArrayList<>();
        JsonNode maps = root.path("archMap");
        for (int i = 0; i < maps.size(); i++) {
            String where = "archMap[" + i + "]";
            archMap.add(new ArchMapping(text(maps.get(i), "architecture", where),
                    strings(maps.get(i), "subArchitectures", where)));
        }
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw new SeccompProfileException("\"architectures\" and \"archMap\" are both set; keep one (as Docker)");
        }
        List<Rule> rules = new ArrayList<>();
        JsonNode syscalls = root.path("syscalls");
        for (int i = 0; i < syscalls.size(); i++) {
            rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
        }
        return new SeccompProfile(defaultAction, architectures, archMap, rules);
    }

    private static Rule rule(JsonNode node, String where) throws SeccompProfileException {
        List<String> names = new ArrayList<>(strings(node, "names", where));
        if (node.path("name").isTextual()) {
            names.add(node.get("name").asText()); // the pre-1.13 form Docker still reads
        }
        if (names.isEmpty()) {
            throw new SeccompProfileException(where + ": \"names\" is empty; list the syscalls this rule is for");
        }
        if (!node.path("action").isTextual()) {
            throw new SeccompProfileException(where + ": \"action\" is missing");
        }
        SeccompAction action = SeccompAction.fromDocker(node.get("action").asText(),
                optionalInt(node, "errnoRet", where), where);
        List<ArgCondition> args = new ArrayList<>();
        JsonNode argNodes = node.path("args");
        for (int i = 0; i < argNodes.size(); i++) {
            args.add(argCondition(argNodes.get(i), where + ".args[" + i + "]"));
        }
        return new Rule(names, action, args, filter(node.path("includes"), where + ".includes"),
                filter(node.path("excludes"), where + ".excludes"));
    }

    private static ArgCondition argCondition(JsonNode node, String where) throws SeccompProfileException {
        int index = node.path("index").asInt(-1);
        if (index < 0 || index > 5) {
            throw new SeccompProfileException(where + ": \"index\" must be 0..5 (syscalls have six arguments)");
        }
        String op = text(node, "op", where);
        Op parsed;
        try {
            parsed = Op.valueOf(op.replaceFirst("^SCMP_CMP_", ""));
        } catch (IllegalArgumentException e) {
            throw new SeccompProfileException(where + ": unknown op \"" + op + "\"; use SCMP_CMP_EQ, SCMP_CMP_NE,"
                    + " SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE or SCMP_CMP_MASKED_EQ");
        }
        return new ArgCondition(index, unsigned64(node, "value", where), unsigned64(node, "valueTwo", where),
                parsed);
    }

    private static Filter filter(JsonNode node, String where) throws SeccompProfileException {
        if (node.isMissingNode() || node.isNull()) {
            return Filter.ANY;
        }
        String minKernel = node.path("minKernel").asText("");
        if (!minKernel.isEmpty() && !minKernel.matches("\\d+\\.\\d+")) {
            throw new SeccompProfileException(where + ".minKernel: \"" + minKernel + "\" is not major.minor");
        }
        return new Filter(strings(node, "caps", where), strings(node, "arches", where), minKernel);
    }

    private static long unsigned64(JsonNode node, String field, String where) throws SeccompProfileException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0
                || value.bigIntegerValue().bitLength() > 64) {
            throw new SeccompProfileException(where + "." + field + ": " + value + " is not an unsigned 64-bit number");
        }
        return value.bigIntegerValue().longValue();
    }

    private static Integer optionalInt(JsonNode node, String field, String where) throws SeccompProfileException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new SeccompProfileException(where + ": \"" + field + "\" must be an errno number, got " + value);
        }
        return value.asInt();
    }

    private static String text(JsonNode node, String field, String where) throws SeccompProfileException {
        if (!node.path(field).isTextual()) {
            throw new SeccompProfileException(where + ": \"" + field + "\" is missing or not a string");
        }
        return node.get(field).asText();
    }

    private static List<String> strings(JsonNode node, String field, String where) throws SeccompProfileException {
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new SeccompProfileException(where + ": \"" + field + "\" must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new SeccompProfileException(where + ": \"" + field + "\" holds " + value + ", not a string");
            }
            values.add(value.asText());
        }
        return values;
    }
}
