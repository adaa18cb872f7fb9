package dev.berth.compose.normalize;

/** Whether a string is an IP literal as Go's {@code net.ParseIP} accepts it; never resolves names. */
final class IpAddress {

    private IpAddress() {
    }

    static boolean isValid(String s) {
        return s.contains(":") ? isIpv6(s) : isIpv4(s);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return false;
            if (p.length() > 1 && p.charAt(0) == '0') return false; // Go rejects leading zeros
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        int groupsWanted = 8;
        String body = s;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') > lastColon && lastColon >= 0) {
            if (!isIpv4(s.substring(lastColon + 1))) return false;
            body = s.substring(0, lastColon + 1) + "0";
            groupsWanted = 7;
        }
        int ellipsis = body.indexOf("::");
        if (ellipsis >= 0 && body.indexOf("::", ellipsis + 1) >= 0) return false;
        String[] halves = ellipsis >= 0
                ? new String[] {body.substring(0, ellipsis), body.substring(ellipsis + 2)}
                : new String[] {body};
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) continue;
            for (String g : half.split(":", -1)) {
                if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return ellipsis >= 0 ? groups < groupsWanted : groups == groupsWanted;
    }
}
