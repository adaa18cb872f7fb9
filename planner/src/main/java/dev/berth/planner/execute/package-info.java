/**
 * Runs a plan on the engine: independent steps in parallel, {@code depends_on} conditions waited for,
 * progress as compose's lines to a {@link dev.berth.planner.execute.ProgressListener}.
 */
package dev.berth.planner.execute;
