package dev.berth.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code docker events} options.
 *
 * @param since   replay the kept events from this time (null: only new ones)
 * @param until   end the stream at this time (null: no end; a past time: the kept events only)
 * @param filters {@code key=value}: type, event, container, network, volume, image, label
 */
public record EventOptions(Instant since, Instant until, List<String> filters) {

    public static final EventOptions NEW = new EventOptions(null, null, List.of());

    public EventOptions {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
