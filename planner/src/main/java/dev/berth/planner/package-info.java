/**
 * The planner (issue 7): a project's desired state ({@code desired}) against what the engine has
 * ({@code observed}) gives a {@link dev.berth.planner.plan.Plan}, a DAG of actions that
 * {@link dev.berth.planner.execute.PlanExecutor} runs — compose's observe / plan / execute split.
 * {@link dev.berth.planner.UpPlanner} and {@link dev.berth.planner.DownPlanner} are pure functions
 * of their inputs; {@link dev.berth.planner.Planner} observes and plans in one call.
 */
package dev.berth.planner;
