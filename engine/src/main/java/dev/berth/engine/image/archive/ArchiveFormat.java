package dev.berth.engine.image.archive;

/** The archive formats {@code berth image save} writes. */
public enum ArchiveFormat {
    /** What {@code docker save} writes since Docker 25: {@code manifest.json} plus an OCI layout; every {@code docker load} reads it. */
    DOCKER,
    /** An OCI image layout as a tar, skopeo's {@code oci-archive:}. */
    OCI
}
