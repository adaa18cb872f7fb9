/** A project as the engine has it: its containers by compose label, the engine's networks and volumes. Data only. */
package dev.berth.planner.observed;
