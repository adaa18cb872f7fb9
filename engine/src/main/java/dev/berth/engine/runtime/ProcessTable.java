package dev.berth.engine.runtime;

import java.util.List;

/**
 * The body of Docker's {@code GET /containers/{id}/top}: column titles and one row of strings per
 * process ({@code {"Titles": [...], "Processes": [[...], ...]}}).
 */
public record ProcessTable(List<String> titles, List<List<String>> processes) {

    public ProcessTable {
        titles = List.copyOf(titles);
        processes = processes.stream().map(List::copyOf).toList();
    }
}
