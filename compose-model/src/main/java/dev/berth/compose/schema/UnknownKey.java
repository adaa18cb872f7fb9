package dev.berth.compose.schema;

import java.util.Collection;

/** The message for a key the schema does not allow, with the nearest allowed key as a hint. */
final class UnknownKey {

    private UnknownKey() {
    }

    static String message(String key, Collection<String> allowed) {
        String base = "additional properties '" + key + "' not allowed";
        String suggestion = nearest(key, allowed);
        return suggestion == null ? base : base + " (did you mean '" + suggestion + "'?)";
    }

    /** The allowed key closest to {@code key} by edit distance, if it is close enough to be a typo. */
    static String nearest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
        return bestDistance <= limit ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
