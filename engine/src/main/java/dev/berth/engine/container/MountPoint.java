package dev.berth.engine.container;

/**
 * A mount a container has, resolved at create: Docker's inspect {@code Mounts} entry. For a volume,
 * {@code name} is the volume's and {@code source} its directory on the host; for a bind, {@code source}
 * is the host path; for a tmpfs, {@code options} is its mount data ({@code size=…,mode=…}).
 *
 * @param copyUp fill the volume with the image's files at the destination when it is still empty
 * @param anonymous a volume made for this container ({@code -v /path}, the image's VOLUME): {@code rm -v} removes it
 */
public record MountPoint(String type, String name, String source, String destination, boolean readOnly,
                         String propagation, String options, boolean copyUp, boolean anonymous) {

    public MountPoint {
        name = name == null ? "" : name;
        source = source == null ? "" : source;
        propagation = propagation == null ? "" : propagation;
        options = options == null ? "" : options;
    }
}
