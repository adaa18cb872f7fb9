/** The plan: steps (actions with the steps they come after), and its text for {@code up --dry-run}. */
package dev.berth.planner.plan;
