package dev.berth.engine.api;

import java.util.List;

/** {@code docker top}'s answer: column titles and one row per process. */
public record ContainerTop(List<String> titles, List<List<String>> processes) {}
