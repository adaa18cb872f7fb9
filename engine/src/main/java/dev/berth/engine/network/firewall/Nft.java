package dev.berth.engine.network.firewall;

/** The seam to nftables: apply a script atomically, read a listing back as JSON. */
public interface Nft {

    /** Runs {@code nft -f -} with {@code script}: one transaction, all of it or none. */
    void apply(String script);

    /**
     * {@code nft -j -a list ARGS} (e.g. "table ip berth") as JSON text, or null when the object does not exist.
     */
    String listJson(String what);
}
