package dev.berth.engine.image.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Names inside an archive, normalized so {@code ./a/../b} and {@code b} are one file and none escapes the root. */
final class ArchivePaths {

    private ArchivePaths() {
    }

    /** The normal form of {@code name}, or null when it climbs out of the archive. */
    static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** Where a symlink at {@code linkName} pointing to {@code target} leads, inside the archive (like Docker's FollowSymlinkInScope). */
    static String resolveLink(String linkName, String target) {
        if (target.startsWith("/")) return normalize(target);
        int slash = linkName.lastIndexOf('/');
        String parent = slash < 0 ? "" : linkName.substring(0, slash + 1);
        return normalize(parent + target);
    }
}
