package dev.berth.planner.desired;

import dev.berth.compose.ComposeError;
import dev.berth.compose.ComposeException;
import java.util.List;

/**
 * A project berth cannot run as written: every key it cannot honour where the container would differ
 * from what the file says, each named ({@code services.web.network_mode: ...}). Nothing has been done.
 * A {@link ComposeException}, so it is reported like a project that does not load.
 */
public final class DesiredStateException extends ComposeException {

    public DesiredStateException(List<ComposeError> errors) {
        super(errors);
    }
}
