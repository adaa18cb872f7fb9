package dev.berth.engine.api;

import java.nio.file.Path;

/** No berthd answers on the socket: it is not running (or not reachable by this user). */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(Path socket, String why) {
        super("cannot connect to berthd at " + socket + ": " + why + " (is it running? berth starts it on first use)");
    }
}
