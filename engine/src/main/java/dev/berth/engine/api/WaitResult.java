package dev.berth.engine.api;

/** What {@code wait} returns: the exit code (128 + signal for a signal) and the error, if any. */
public record WaitResult(int statusCode, String error) {}
