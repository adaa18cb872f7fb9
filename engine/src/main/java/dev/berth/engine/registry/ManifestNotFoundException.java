package dev.berth.engine.registry;

/** The registry has no manifest under that tag or digest (or no such repository). */
public class ManifestNotFoundException extends RegistryException {

    public ManifestNotFoundException(String name, String tagOrDigest) {
        super("manifest for " + name + (tagOrDigest.contains(":") ? "@" : ":") + tagOrDigest
                + " not found: check the name and the tag (manifest unknown)");
    }
}
