package dev.berth.engine.image.store;

/**
 * The images row of {@code system df}: bytes on disk, each blob and each unpacked layer counted
 * once however many images share it.
 *
 * @param reclaimableBytes bytes not needed by any image in use (what {@code image prune -a} could free)
 */
public record ImageDiskUsage(int images, int activeImages, long blobBytes, long layerBytes, long reclaimableBytes) {

    public long totalBytes() {
        return blobBytes + layerBytes;
    }
}
