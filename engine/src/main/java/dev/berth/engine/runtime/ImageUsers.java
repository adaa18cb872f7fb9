package dev.berth.engine.runtime;

import dev.berth.engine.sys.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves Docker's {@code --user} against the container's own {@code /etc/passwd} and
 * {@code /etc/group}, read from its layers ({@link LayeredRootfs}), with the rules of runc's
 * {@code libcontainer/user.GetExecUser} as moby's {@code getUser} calls it:
 * <ul>
 *   <li>forms: empty (root), {@code name}, {@code uid}, {@code name:group}, {@code uid:gid},
 *       {@code name:gid}, {@code uid:group}; a number is always an ID, never a name;</li>
 *   <li>a user found in passwd gives its UID and primary GID, and — when no group is given — the
 *       supplementary groups of every {@code /etc/group} line that lists the user's name;</li>
 *   <li>a numeric UID (or GID) that the files lack is fine (GID stays 0 without a group); a name
 *       that they lack is an error, with Docker's text; missing files count as empty;</li>
 *   <li>supplementary groups as moby ≥ 23 passes them: the primary GID first, then those above,
 *       then {@code --group-add} (names or numbers);</li>
 *   <li>HOME (runc's rule): the home of the first passwd line with the resolved UID, else {@code /}.</li>
 * </ul>
 * Unlike runc, comment lines ({@code #}) in the files are skipped rather than read as users named "#…".
 */
public final class ImageUsers {

    private static final long MAX_ID = Integer.MAX_VALUE; // libcontainer's maxID (2^31-1)

    private final Syscalls sys;

    public ImageUsers(Syscalls sys) {
        this.sys = sys;
    }

    /** On the real kernel (opaque directories are marked with a trusted.* xattr, readable by root). */
    public static ImageUsers onHost() {
        return new ImageUsers(Syscalls.linux());
    }

    private record PasswdEntry(String name, long uid, long gid, String home) {}

    private record GroupEntry(String name, long gid, List<String> members) {}

    /** {@link #resolve(String, List, List)} without {@code --group-add}. */
    public ResolvedUser resolve(String user, List<Path> layersTopFirst) throws IOException {
        return resolve(user, List.of(), layersTopFirst);
    }

    /**
     * @param user           {@code --user} or the image's {@code User}; null or empty for root
     * @param groupAdd       {@code --group-add} values (group names or GIDs)
     * @param layersTopFirst the container's upper dir (if any) and the image's layer dirs, top first
     * @throws UnknownUserException a name the files lack, or an ID out of range (Docker's messages)
     */
    public ResolvedUser resolve(String user, List<String> groupAdd, List<Path> layersTopFirst) throws IOException {
        LayeredRootfs rootfs = new LayeredRootfs(layersTopFirst, sys);
        List<PasswdEntry> passwd = passwd(rootfs.read("/etc/passwd"));
        List<GroupEntry> groups = groups(rootfs.read("/etc/group"));
        return resolve(user == null ? "" : user, groupAdd, passwd, groups);
    }

    private static ResolvedUser resolve(String spec, List<String> groupAdd, List<PasswdEntry> passwd,
                                        List<GroupEntry> groups) {
        String[] parts = spec.split(":", -1);
        String userArg = parts[0];
        String groupArg = parts.length > 1 ? parts[1] : "";
        Long uidArg = goAtoi(userArg);
        Long gidArg = goAtoi(groupArg);

        long uid = 0;
        long gid = 0;
        String matchedName = "";
        Optional<PasswdEntry> match = passwd.stream().filter(u -> userArg.isEmpty() ? u.uid() == 0
                : uidArg != null ? u.uid() == uidArg : u.name().equals(userArg)).findFirst();
        if (match.isPresent()) {
            matchedName = match.get().name();
            uid = match.get().uid();
            gid = match.get().gid();
        } else if (!userArg.isEmpty()) {
            if (uidArg == null) {
                throw new UnknownUserException("unable to find user " + userArg + ": no matching entries in passwd file");
            }
            uid = inRange(uidArg);
        }

        Set<Long> additional = new LinkedHashSet<>();
        if (!groupArg.isEmpty()) {
            Optional<GroupEntry> group = groups.stream()
                    .filter(g -> gidArg != null ? g.gid() == gidArg : g.name().equals(groupArg)).findFirst();
            if (group.isPresent()) {
                gid = group.get().gid();
            } else if (gidArg == null) {
                throw new UnknownUserException("unable to find group " + groupArg + ": no matching entries in group file");
            } else {
                gid = inRange(gidArg);
            }
            additional.add(gid);
        } else {
            additional.add(gid);
            if (!matchedName.isEmpty()) {
                for (GroupEntry g : groups) {
                    if (g.members().contains(matchedName)) additional.add(g.gid());
                }
            }
        }
        for (String wanted : groupAdd) additional.add(groupAddGid(wanted, groups));

        long finalUid = uid;
        String home = passwd.stream().filter(u -> u.uid() == finalUid).map(PasswdEntry::home).findFirst().orElse("/");
        List<Integer> gids = new ArrayList<>();
        for (long g : additional) gids.add((int) g);
        return new ResolvedUser((int) uid, (int) gid, gids, home);
    }

    /** libcontainer's GetAdditionalGroups: a group name or GID from the file, else a number in range. */
    private static long groupAddGid(String wanted, List<GroupEntry> groups) {
        for (GroupEntry g : groups) {
            if (g.name().equals(wanted) || Long.toString(g.gid()).equals(wanted)) return g.gid();
        }
        Long n = goAtoi(wanted);
        if (n == null) throw new UnknownUserException("Unable to find group " + wanted);
        return inRange(n);
    }

    private static long inRange(long id) {
        if (id < 0 || id > MAX_ID) throw new UnknownUserException("uids and gids must be in range 0-" + MAX_ID);
        return id;
    }

    /** Go's strconv.Atoi: an optional sign and decimal digits within 64 bits; null for anything else. */
    private static Long goAtoi(String s) {
        if (!s.matches("[+-]?[0-9]+")) return null;
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's Atoi with the error ignored, as libcontainer parses the numeric fields. */
    private static long field(String s) {
        Long n = goAtoi(s);
        return n == null ? 0 : n;
    }

    private static List<String> lines(Optional<byte[]> file) {
        if (file.isEmpty()) return List.of();
        return new String(file.get(), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** name:password:UID:GID:GECOS:directory:shell; missing fields are empty (or 0). */
    private static List<PasswdEntry> passwd(Optional<byte[]> file) {
        List<PasswdEntry> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            out.add(new PasswdEntry(f[0], f.length > 2 ? field(f[2]) : 0, f.length > 3 ? field(f[3]) : 0,
                    f.length > 5 ? f[5] : ""));
        }
        return out;
    }

    /** name:password:GID:member,member… */
    private static List<GroupEntry> groups(Optional<byte[]> file) {
        List<GroupEntry> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            List<String> members = f.length > 3 && !f[3].isEmpty() ? List.of(f[3].split(",", -1)) : List.of();
            out.add(new GroupEntry(f[0], f.length > 2 ? field(f[2]) : 0, members));
        }
        return out;
    }
}
