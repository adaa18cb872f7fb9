/**
 * IP address management with Docker's defaults: which subnet a network gets ({@link
 * dev.berth.engine.network.ipam.SubnetAllocator}), which address a container gets ({@link
 * dev.berth.engine.network.ipam.AddressPool}), and its MAC ({@link dev.berth.engine.network.ipam.MacAddresses}).
 *
 * <p>Nothing here is persisted by itself: berthd records each network's {@link dev.berth.engine.network.ipam.IpamConfig}
 * and each endpoint's address with the network and container records, and after a restart builds the allocators from
 * them ({@code taken} = the recorded subnets, an AddressPool per network from its endpoints' addresses). Allocation is
 * a function of what is taken, so the same records always give the same next answer.
 */
package dev.berth.engine.network.ipam;
