package dev.berth.engine.volume;

/** No volume by that name (Docker's text). */
public class VolumeNotFoundException extends RuntimeException {

    public VolumeNotFoundException(String name) {
        super("get " + name + ": no such volume");
    }
}
