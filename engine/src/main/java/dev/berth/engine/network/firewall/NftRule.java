package dev.berth.engine.network.firewall;

/** A rule read back from berth's table: its chain, its handle (for deletion) and its comment (who owns it). */
public record NftRule(String chain, long handle, String comment) {

    /** The value of {@code key=} in the comment ("berth network=web container=ab12 …"), or null. */
    public String tag(String key) {
        if (comment == null) return null;
        for (String token : comment.split(" ")) {
            if (token.startsWith(key + "=")) return token.substring(key.length() + 1);
        }
        return null;
    }
}
