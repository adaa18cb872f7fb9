package dev.berth.engine.network.link;

/**
 * One network interface as the kernel lists it: its index, name, kind ({@code "bridge"},
 * {@code "veth"}; empty for physical ones and {@code lo}), MTU, MAC address ({@code 02:42:…};
 * empty when it has none), whether it is administratively up, and the index of its master (the
 * bridge it is attached to; 0 when none).
 */
public record LinkInfo(int index, String name, String kind, int mtu, String mac, boolean up, int masterIndex) {}
