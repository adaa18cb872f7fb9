/**
 * The embedded DNS server of user-defined networks (issue 5), in the shape of aardvark-dns with
 * Docker's answers.
 *
 * <p>berthd keeps one {@link dev.berth.engine.network.dns.DnsRecords} for all networks and starts one
 * {@link dev.berth.engine.network.dns.DnsServer} per user-defined network, on the network's gateway
 * address, port 53 (the containers' resolv.conf names it). A server knows the asking container by
 * its source address and answers from the names of the networks that container is on:
 * <ul>
 *   <li>on container start / {@code network connect}: {@code records.put(network, DnsEntry.of(id, name, ip, aliases...))}
 *       (aliases: {@code --network-alias}, the Compose service name, the hostname);</li>
 *   <li>on stop / {@code rm}: {@code records.removeContainer(id)}; on {@code network disconnect}:
 *       {@code records.remove(network, id)}; on {@code network rm}: {@code records.removeNetwork(network)}
 *       and {@code server.close()};</li>
 *   <li>upstreams: {@link dev.berth.engine.network.dns.Upstreams#resolve}{@code (System.getenv("BERTH_DNS"),
 *       Path.of("/etc/resolv.conf"))}; an {@code --internal} network gets none.</li>
 * </ul>
 *
 * <p>Answers (Docker's resolver): A for container names, aliases and short IDs, every address, rotated
 * per query, TTL 600; {@code NAME.NETWORK} too; PTR {@code NAME.NETWORK.} for container addresses;
 * NOERROR without answers for other types of a known name (AAAA: containers have no IPv6 here);
 * other names forwarded (UDP, TCP when truncated or asked over TCP), SERVFAIL when no upstream
 * answers, REFUSED past 1024 forwards in flight. Messages are dnsjava's.
 */
package dev.berth.engine.network.dns;
