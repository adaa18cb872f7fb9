/**
 * Network interfaces and network namespaces through rtnetlink, from Java (java.lang.foreign), no
 * {@code ip} command: what a bridge network's endpoints are made of.
 *
 * <p>A container's endpoint, in order (Docker's bridge driver and netavark do the same):
 * <pre>{@code
 * NetworkNamespaces netns = new NetworkNamespaces(berthRun.resolve("netns"));
 * Path ns = netns.create(containerId);                          // lo up inside
 * try (Links host = Links.open()) {                              // the host's namespace
 *     host.createVethPair("bt-" + shortId, "bt-p" + shortId, mtu, ns);   // peer made inside ns
 *     host.setMaster("bt-" + shortId, bridge);
 *     host.setUp("bt-" + shortId);
 * }
 * NetNs.run(ns, () -> {                                          // a fresh thread inside ns
 *     try (Links in = Links.open()) {
 *         in.rename("bt-p" + shortId, "eth0");
 *         in.setMac("eth0", mac);
 *         in.addAddress("eth0", address, prefixLength);
 *         in.setUp("eth0");
 *         in.addDefaultRoute(gateway);
 *     }
 *     return null;
 * });
 * // the shim joins it with "net " + ns; at removal: netns.delete(containerId) (the kernel then
 * // destroys the veth pair), or host.delete("bt-" + shortId) first to free its name at once.
 * }</pre>
 */
package dev.berth.engine.network.link;
