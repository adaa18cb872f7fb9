package dev.berth.engine.image;

/** An image name that does not follow Docker's rules; the message says which rule. */
public class InvalidReferenceException extends IllegalArgumentException {

    public InvalidReferenceException(String message) {
        super(message);
    }
}
