package dev.berth.compose;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;
import java.util.List;
import java.util.stream.Collectors;

/** A Compose project that cannot be loaded; carries every error found, each with its place. */
public class ComposeException extends RuntimeException {

    private final List<ComposeError> errors;

    public ComposeException(List<ComposeError> errors) {
        super(errors.stream().map(ComposeError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ComposeException(ComposeError error) {
        this(List.of(error));
    }

    public ComposeException(Position position, KeyPath path, String message) {
        this(new ComposeError(position, path, message));
    }

    public ComposeException(String message) {
        this(ComposeError.of(message));
    }

    public List<ComposeError> errors() {
        return errors;
    }
}
