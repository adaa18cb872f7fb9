package dev.berth.engine.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code --env-file} format (docker/cli {@code opts/envfile.go}), which is not Compose's
 * {@code .env}: every line is taken literally — no quotes, no escapes, no {@code ${}} — so
 * {@code A="x"} sets A to {@code "x"} with the quotes, and trailing spaces stay in the value.
 * <ul>
 *   <li>leading whitespace is dropped; empty lines and lines starting with {@code #} are skipped;</li>
 *   <li>{@code KEY=VALUE} is kept as it is (the value may be empty);</li>
 *   <li>{@code KEY} alone takes KEY's value from the given environment (the CLI's own), or is dropped if unset;</li>
 *   <li>a key with a space or tab, or an empty key, is an error naming the file and line;</li>
 *   <li>a UTF-8 byte order mark before the first line is skipped; bytes that are not UTF-8 are an error;</li>
 *   <li>lines end at LF, and a CR before it is dropped (Go's line scanner).</li>
 * </ul>
 */
public final class EnvFile {

    private EnvFile() {}

    /** The {@code KEY=VALUE} entries of {@code file}, in order; {@code KEY}-only lines are looked up in {@code environment}. */
    public static List<String> read(Path file, Map<String, String> environment) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file), environment);
    }

    /** As {@link #read}, for content already in memory; {@code name} is what error messages call the file. */
    public static List<String> parse(String name, byte[] content, Map<String, String> environment) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int lineNumber = 1; start < content.length; lineNumber++) {
            int end = start;
            while (end < content.length && content[end] != '\n') end++;
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            String line = decode(name, lineNumber, content, start, stop);
            if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            start = end + 1;

            line = stripLeadingSpace(line);
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("env file " + name + " line " + lineNumber + ": no variable name on line '"
                        + line + "'");
            }
            if (key.indexOf(' ') >= 0 || key.indexOf('\t') >= 0) {
                throw new IllegalArgumentException("env file " + name + " line " + lineNumber + ": variable '" + key
                        + "' contains whitespaces (write KEY=VALUE with no space around the key)");
            }
            if (eq >= 0) {
                entries.add(line);
            } else if (environment.containsKey(key)) {
                entries.add(key + "=" + environment.get(key));
            }
        }
        return List.copyOf(entries);
    }

    /** Go's {@code unicode.IsSpace}: the ASCII spaces, NEL, NBSP, and Unicode's space separators above Latin-1. */
    private static String stripLeadingSpace(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean space = c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0'
                    || (c > 0xff && Character.isSpaceChar(c));
            if (!space) break;
            i++;
        }
        return s.substring(i);
    }

    private static String decode(String name, int lineNumber, byte[] content, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("env file " + name + " contains invalid utf8 bytes at line " + lineNumber
                    + " (save it as UTF-8)", e);
        }
    }
}
