package dev.berth.engine.image;

import java.util.regex.Pattern;

/**
 * An image name as Docker reads it: {@code [registry/]repository[:tag][@digest]}. {@code busybox}
 * is {@code docker.io/library/busybox:latest}, {@code me/app} is {@code docker.io/me/app:latest};
 * a first component with a dot or a port, or {@code localhost}, is a registry.
 *
 * @param registry   {@code docker.io}, {@code 127.0.0.1:5000}, …
 * @param repository {@code library/busybox}, {@code me/app}, …
 * @param tag        the tag, {@code latest} when none and no digest is given; null with a digest alone
 * @param digest     the manifest digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?"
                    + "|\\[[0-9a-fA-F:.]+\\](?::[0-9]+)?");

    public static ImageReference parse(String reference) {
        if (reference == null || reference.isEmpty()) throw invalid(reference, "it is empty");
        String rest = reference;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw invalid(reference, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(reference, "tag \"" + tag + "\" must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                if (!REGISTRY.matcher(first).matches()) throw invalid(reference, "registry \"" + first + "\" is not a host[:port]");
                registry = first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? DOCKER_HUB : first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty()) throw invalid(reference, "the repository name is empty");
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                String why = !component.equals(component.toLowerCase(java.util.Locale.ROOT))
                        ? "repository name must be lowercase"
                        : "path component \"" + component + "\" must be lowercase letters and digits, separated by '.', '_', '__' or '-'";
                throw invalid(reference, why);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) rest = "library/" + rest;
        if (rest.length() > 255) throw invalid(reference, "repository name must not be longer than 255 characters");
        if (tag == null && digest == null) tag = "latest";
        return new ImageReference(registry, rest, tag, digest);
    }

    private static InvalidReferenceException invalid(String reference, String why) {
        return new InvalidReferenceException("invalid reference format \"" + reference + "\": " + why);
    }

    /** This name with another tag (and no digest). */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    /** {@code registry/repository}, as a registry's API and {@code RepoDigests} name it. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The short form Docker shows: {@code busybox}, {@code me/app}, {@code 127.0.0.1:5000/app}. */
    public String familiarName() {
        if (!registry.equals(DOCKER_HUB)) return name();
        return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
    }

    /** {@code busybox:latest}, as {@code RepoTags} shows it; null without a tag. */
    public String familiarTagged() {
        return tag == null ? null : familiarName() + ":" + tag;
    }

    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
