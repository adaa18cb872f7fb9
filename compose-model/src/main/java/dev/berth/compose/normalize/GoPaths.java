package dev.berth.compose.normalize;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Clean}/{@code path.Join} on slash-separated paths (no filesystem access). */
final class GoPaths {

    private GoPaths() {
    }

    static String clean(String path) {
        if (path.isEmpty()) return ".";
        boolean rooted = path.charAt(0) == '/';
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.pollLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String joined = String.join("/", out);
        if (rooted) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    static String join(String base, String rel) {
        if (rel.isEmpty()) return clean(base);
        return clean(base + "/" + rel);
    }

    static boolean isAbs(String path) {
        return path.startsWith("/");
    }

    /** {@code C:\…} or {@code C:/…} or a UNC path: absolute for a Windows daemon. */
    static boolean isWindowsAbs(String path) {
        if (path.startsWith("\\\\")) return true;
        return path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }
}
