package dev.berth.engine.registry;

import java.util.List;

/** A multi-platform image without an entry for the platform berth runs. */
public class PlatformNotFoundException extends RegistryException {

    public PlatformNotFoundException(String reference, String wanted, List<String> available) {
        super("no " + wanted + " image in " + reference + " (it has: "
                + (available.isEmpty() ? "no platforms" : String.join(", ", available))
                + "); berth runs " + wanted + " images only");
    }
}
