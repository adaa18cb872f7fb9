/**
 * berth's nftables rules: one table ({@code table ip berth}) holding masquerade, isolation between bridge networks,
 * {@code --internal} networks and DNAT for published ports; see {@link
 * dev.berth.engine.network.firewall.NftablesFirewall} for the layout, the localhost/route_localnet handling and how
 * rules are owned (by comment) and removed. Driven through the {@code nft} command ({@link
 * dev.berth.engine.network.firewall.Nft}, the seam for fakes).
 */
package dev.berth.engine.network.firewall;
