package dev.berth.engine.registry;

import dev.berth.engine.image.Digest;

/** What happens to one blob during a pull or push; a listener turns these into progress bars or logs. */
public sealed interface ProgressEvent {

    Digest digest();

    /** The transfer of a blob begins; {@code size} is the descriptor's size. */
    record BlobStarted(Digest digest, long size) implements ProgressEvent {
    }

    /** Nothing to transfer: the blob is in the local store (pull) or the registry (push) already. */
    record BlobSkipped(Digest digest, long size) implements ProgressEvent {
    }

    /** {@code done} of {@code total} bytes are transferred (bytes kept from an earlier try count as done). */
    record BlobProgress(Digest digest, long done, long total) implements ProgressEvent {
    }

    /** The transfer broke off at {@code offset}; try number {@code attempt} resumes from there. */
    record BlobRetrying(Digest digest, int attempt, long offset, String reason) implements ProgressEvent {
    }

    /** The blob is transferred and its digest and size verified. */
    record BlobDone(Digest digest, long size) implements ProgressEvent {
    }
}
