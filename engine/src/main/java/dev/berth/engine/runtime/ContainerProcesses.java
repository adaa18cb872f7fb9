package dev.berth.engine.runtime;

import dev.berth.engine.runtime.cgroup.CgroupException;
import dev.berth.engine.runtime.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker top}: the processes of a container's cgroup as {@code ps -ef} shows them on the host
 * (Docker runs {@code ps -ef} and keeps the container's PIDs), read straight from {@code /proc}.
 * Columns {@code UID PID PPID C STIME TTY TIME CMD}, computed as procps does: host PIDs; the
 * effective user's name from the host's {@code /etc/passwd} (longer than 8 characters: 7 and
 * {@code +}; unknown: the number); C is CPU time over lifetime in percent, at most 99; STIME is
 * {@code HH:MM} today, {@code MonDD} this year, else the year; TIME is user+system CPU time;
 * CMD is the command line, or {@code [comm]} (with {@code <defunct>} for a zombie) when empty.
 * Only these default columns: {@code docker top}'s {@code ps} options are not supported.
 */
public final class ContainerProcesses {

    public static final List<String> TITLES = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");

    private static final int HZ = 100; // USER_HZ: the unit of /proc/<pid>/stat times on every Linux arch
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMMdd", Locale.ROOT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT);

    private final Path proc;
    private final Path passwd;
    private final ZoneId zone;

    /** The host's {@code /proc} and {@code /etc/passwd}, times in the JVM's time zone (as ps uses TZ). */
    public ContainerProcesses() {
        this(Path.of("/proc"), Path.of("/etc/passwd"), ZoneId.systemDefault());
    }

    ContainerProcesses(Path proc, Path passwd, ZoneId zone) {
        this.proc = proc;
        this.passwd = passwd;
        this.zone = zone;
    }

    /** The processes in {@code cgroup}, by PID. */
    public ProcessTable top(ContainerCgroup cgroup) throws CgroupException, IOException {
        return top(cgroup.pids());
    }

    /** The rows for {@code pids}, sorted by PID; a process that exits meanwhile is left out. */
    public ProcessTable top(List<Long> pids) throws IOException {
        Map<Long, String> users = userNames();
        double uptime = Double.parseDouble(Files.readString(proc.resolve("uptime")).trim().split("\\s+")[0]);
        long bootTime = bootTime();
        ZonedDateTime now = ZonedDateTime.now(zone);
        List<List<String>> rows = new ArrayList<>();
        for (long pid : pids.stream().sorted().distinct().toList()) {
            row(pid, users, uptime, bootTime, now).ifPresent(rows::add);
        }
        return new ProcessTable(TITLES, rows);
    }

    private Optional<List<String>> row(long pid, Map<Long, String> users, double uptime, long bootTime, ZonedDateTime now)
            throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        String stat;
        String status;
        byte[] cmdline;
        try {
            // comm is any bytes the process chose (prctl PR_SET_NAME): decode leniently
            stat = new String(Files.readAllBytes(dir.resolve("stat")), StandardCharsets.UTF_8);
            status = new String(Files.readAllBytes(dir.resolve("status")), StandardCharsets.UTF_8);
            cmdline = Files.readAllBytes(dir.resolve("cmdline"));
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException gone) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(dir)) return Optional.empty(); // ESRCH: exited while being read
            throw e;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).trim().split(" "); // f[0] is field 3 (state)
        char state = f[0].charAt(0);
        long ppid = Long.parseLong(f[1]);
        int ttyNr = Integer.parseInt(f[4]);
        long cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long startTicks = Long.parseLong(f[19]);
        long euid = effectiveUid(status);

        long seconds = (long) uptime - startTicks / HZ;
        long pcpu = seconds > 0 ? Math.min(99, cpuTicks * 100 / HZ / seconds) : 0;
        ZonedDateTime started = Instant.ofEpochSecond(bootTime + startTicks / HZ).atZone(zone);
        return Optional.of(List.of(
                userName(euid, users),
                Long.toString(pid),
                Long.toString(ppid),
                Long.toString(pcpu),
                startTime(started, now),
                tty(ttyNr),
                cpuTime(cpuTicks / HZ),
                command(cmdline, comm, state)));
    }

    static String startTime(ZonedDateTime started, ZonedDateTime now) {
        if (started.getYear() != now.getYear()) return YEAR.format(started);
        if (started.getDayOfYear() != now.getDayOfYear()) return MONTH_DAY.format(started);
        return HOUR_MINUTE.format(started);
    }

    /** [DD-]HH:MM:SS as procps prints TIME. */
    static String cpuTime(long seconds) {
        long days = seconds / 86400;
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return days > 0 ? days + "-" + hms : hms;
    }

    /** The controlling terminal's name from the stat field tty_nr, for the kinds containers have. */
    static String tty(int ttyNr) {
        if (ttyNr == 0) return "?";
        int major = (ttyNr >> 8) & 0xfff;
        int minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
        if (major >= 136 && major <= 143) return "pts/" + ((major - 136) * 256 + minor);
        if (major == 4) return minor < 64 ? "tty" + minor : "ttyS" + (minor - 64);
        if (major == 5 && minor == 1) return "console";
        return "?";
    }

    static String command(byte[] cmdline, String comm, char state) {
        int end = cmdline.length;
        while (end > 0 && cmdline[end - 1] == 0) end--;
        if (end == 0) return "[" + comm + "]" + (state == 'Z' ? " <defunct>" : "");
        StringBuilder b = new StringBuilder(end);
        for (char c : new String(cmdline, 0, end, StandardCharsets.UTF_8).toCharArray()) {
            b.append(c == 0 ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    /** procps: the name if it fits the 8-wide column, else 7 characters and '+'; the number if unknown. */
    static String userName(long uid, Map<Long, String> users) {
        String name = users.get(uid);
        if (name == null) return Long.toString(uid);
        return name.length() <= 8 ? name : name.substring(0, 7) + "+";
    }

    private static long effectiveUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
        }
        throw new IllegalStateException("no Uid line in /proc/<pid>/status");
    }

    private long bootTime() throws IOException {
        for (String line : Files.readAllLines(proc.resolve("stat"))) {
            if (line.startsWith("btime ")) return Long.parseLong(line.substring(6).trim());
        }
        throw new IOException("no btime line in " + proc.resolve("stat"));
    }

    /** The host's users: the first line for a UID names it (as getpwuid does with files). */
    private Map<Long, String> userNames() throws IOException {
        Map<Long, String> names = new HashMap<>();
        if (!Files.isReadable(passwd)) return names;
        for (String line : Files.readAllLines(passwd, StandardCharsets.ISO_8859_1)) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || line.startsWith("#") || !f[2].matches("\\d+")) continue;
            names.putIfAbsent(Long.parseLong(f[2]), f[0]);
        }
        return names;
    }
}
