package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads and writes cgroupfs control files. Writes never create a file (like runc's
 * {@code O_WRONLY|O_TRUNC}): a missing file means the kernel lacks that knob, and the
 * error says which one. A {@code writeListener} sees every write, in order.
 */
final class CgroupFiles {

    private final Consumer<String> writeListener;

    CgroupFiles(Consumer<String> writeListener) {
        this.writeListener = writeListener;
    }

    void write(Path file, String value) throws CgroupException {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            writeListener.accept(file + "=" + value);
        } catch (NoSuchFileException e) {
            throw new CgroupException("cannot write '" + value + "' to " + file
                    + ": no such file (the kernel lacks this cgroup knob or the controller is not enabled here)", e);
        } catch (IOException e) {
            throw new CgroupException("cannot write '" + value + "' to " + file + ": " + reason(e), e);
        }
    }

    static String read(Path file) throws CgroupException {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CgroupException("cannot read " + file + ": " + reason(e), e);
        }
    }

    static long readLong(Path file) throws CgroupException {
        String s = read(file);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CgroupException("unexpected content in " + file + ": '" + s + "' (expected a number)", e);
        }
    }

    /** A {@code max}-or-number file (v2, pids.max): -1 for {@code max}. */
    static long readLimit(Path file) throws CgroupException {
        String s = read(file);
        return s.equals("max") ? -1 : readLong(file);
    }

    /** The value of {@code key} in a flat-keyed file ({@code memory.events}, {@code cpu.stat}); -1 when absent. */
    static long readKey(Path file, String key) throws CgroupException {
        for (String line : read(file).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new CgroupException("unexpected '" + line + "' in " + file, e);
                }
            }
        }
        return -1;
    }

    static List<Long> readPids(Path procsFile) throws CgroupException {
        List<Long> pids = new ArrayList<>();
        for (String line : read(procsFile).split("\n")) {
            if (!line.isBlank()) pids.add(Long.parseLong(line.trim()));
        }
        return pids;
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
