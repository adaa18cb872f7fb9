package dev.berth.engine.runtime;

/**
 * {@code --user} (or the image's {@code User}) names a user or group the image's {@code /etc/passwd}
 * or {@code /etc/group} lacks, or an ID outside 0..2³¹−1. The message is Docker's (libcontainer/user),
 * e.g. {@code unable to find user app: no matching entries in passwd file}.
 */
public final class UnknownUserException extends IllegalArgumentException {

    public UnknownUserException(String message) {
        super(message);
    }
}
