/**
 * Published ports in userland: {@link dev.berth.engine.network.ports.PortProxy} does docker-proxy's job inside
 * berthd (TCP and UDP), with host ports chosen from the host's ephemeral range for {@code -p 80}.
 */
package dev.berth.engine.network.ports;
