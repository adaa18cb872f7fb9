package dev.berth.compose.dotenv;

import dev.berth.compose.ComposeException;
import dev.berth.compose.interpolation.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Reads {@code .env} and {@code env_file} files as compose-go does: {@code KEY=value} or
 * {@code KEY: value}, optional {@code export}, single quotes literal, double quotes with escapes
 * and line breaks, inline comments after a space, {@code ${VAR}} expansion in unquoted and
 * double-quoted values, a bare {@code KEY} taking its value from the environment (or dropped).
 */
public final class DotEnv {

    private static final Function<String, String> NONE = name -> null;

    private DotEnv() {
    }

    /**
     * Parses one file's text; keys keep their first position.
     *
     * @param fileName names the file in error messages
     * @param lookup   the environment (null when unset): wins over the file's own earlier values when
     *                 expanding, and gives bare keys their value
     * @throws ComposeException {@code failed to read <file>: line 7: key cannot contain a space}
     */
    public static LinkedHashMap<String, String> parse(String fileName, String content, Function<String, String> lookup) {
        return parse(fileName, content, lookup, NONE);
    }

    /**
     * As {@link #parse(String, String, Function)}, with {@code fallback} consulted last when expanding
     * and for bare keys (the values of env files read before this one).
     */
    public static LinkedHashMap<String, String> parse(String fileName, String content, Function<String, String> lookup,
                                                      Function<String, String> fallback) {
        try {
            return new DotEnvParser(content, lookup, fallback).parse();
        } catch (DotEnvParser.Failure | TemplateException e) {
            throw new ComposeException("failed to read " + fileName + ": " + e.getMessage());
        }
    }

    /** Reads and parses one file; a directory or a missing file is an error. */
    public static LinkedHashMap<String, String> read(Path file, Function<String, String> lookup) {
        return read(file, lookup, NONE);
    }

    /**
     * Reads several files in order into one map: a later file's value wins; while a file is expanded,
     * the lookup comes first, then the file's own earlier lines, then the files before it.
     */
    public static LinkedHashMap<String, String> readAll(List<Path> files, Function<String, String> lookup) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>();
        for (Path file : files) {
            all.putAll(read(file, lookup, all::get));
        }
        return all;
    }

    private static LinkedHashMap<String, String> read(Path file, Function<String, String> lookup,
                                                      Function<String, String> fallback) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) throw new ComposeException(abs + " is a directory");
        if (!Files.exists(abs)) throw new ComposeException("couldn't find env file: " + abs);
        String content;
        try {
            content = new String(Files.readAllBytes(abs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ComposeException("couldn't read env file: " + abs + ": " + e.getMessage());
        }
        return parse(abs.toString(), content, lookup, fallback);
    }
}
