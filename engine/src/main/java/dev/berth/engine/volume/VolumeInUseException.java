package dev.berth.engine.volume;

import java.util.List;

/** A volume a container still refers to (running or not): Docker's "volume is in use". */
public class VolumeInUseException extends RuntimeException {

    public VolumeInUseException(String name, List<String> containerIds) {
        super("remove " + name + ": volume is in use - " + containerIds);
    }

    /** As the daemon said it (the client's copy). */
    public VolumeInUseException(String message) {
        super(message);
    }
}
