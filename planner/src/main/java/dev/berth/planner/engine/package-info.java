/** What the planner needs of the engine ({@link dev.berth.planner.engine.StackEngine}) and the labels it finds a project's objects by. */
package dev.berth.planner.engine;
