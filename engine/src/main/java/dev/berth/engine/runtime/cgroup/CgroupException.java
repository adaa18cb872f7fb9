package dev.berth.engine.runtime.cgroup;

import java.io.IOException;

/** A cgroup could not be created, configured, frozen, read or removed; the message names the file or directory. */
public class CgroupException extends IOException {

    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
