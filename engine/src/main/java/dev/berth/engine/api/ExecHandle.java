package dev.berth.engine.api;

import java.nio.file.Path;

/** A prepared exec: run {@code shim exec bundle}; its exit code is the process's. */
public record ExecHandle(String id, Path shim, Path bundle) {}
