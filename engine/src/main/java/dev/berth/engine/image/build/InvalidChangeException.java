package dev.berth.engine.image.build;

import dev.berth.engine.image.ImageException;

/** A {@code --change} instruction berth cannot apply; the message says which forms are accepted. */
public class InvalidChangeException extends ImageException {

    public InvalidChangeException(String change, String why) {
        super("--change \"" + change + "\": " + why);
    }
}
