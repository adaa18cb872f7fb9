package dev.berth.engine.registry;

/** A manifest, config or layer of a kind berth cannot use (Docker schema 1, an artifact, a foreign layer, ...). */
public class UnsupportedMediaTypeException extends RegistryException {

    public UnsupportedMediaTypeException(String what, String mediaType, String supported) {
        super(what + " has media type \"" + mediaType + "\", which berth does not support (supported: "
                + supported + "); re-push the image as an OCI or Docker v2 image");
    }
}
