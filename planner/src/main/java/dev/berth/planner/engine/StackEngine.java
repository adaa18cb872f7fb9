package dev.berth.planner.engine;

import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.daemon.EngineService;
import dev.berth.engine.network.Network;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the planner needs from the engine: its containers and volumes ({@link ContainerEngine}) and
 * its networks, which the {@code ContainerEngine} interface does not carry. Two implementations, as
 * for the engine itself: over berthd's socket ({@link #of(EngineClient)}) and in process
 * ({@link #of(EngineService)}).
 */
public interface StackEngine {

    ContainerEngine containers();

    /** Every network the engine has. */
    List<Network> networks() throws IOException;

    /** {@code docker network create}. */
    void createNetwork(String name, String driver, String subnet, String ipRange, String gateway, boolean internal,
                       Map<String, String> labels) throws IOException;

    /** {@code docker network rm}: {@code NetworkNotFoundException} when it is gone, {@code NetworkConflictException} while in use. */
    void removeNetwork(String name) throws IOException;

    static StackEngine of(EngineClient client) {
        return new StackEngine() {
            @Override
            public ContainerEngine containers() {
                return client;
            }

            @Override
            public List<Network> networks() throws IOException {
                return client.networks(List.of());
            }

            @Override
            public void createNetwork(String name, String driver, String subnet, String ipRange, String gateway, boolean internal,
                                      Map<String, String> labels) throws IOException {
                client.createNetwork(name, driver, subnet, ipRange, gateway, internal, labels);
            }

            @Override
            public void removeNetwork(String name) throws IOException {
                client.removeNetwork(name);
            }
        };
    }

    static StackEngine of(EngineService service) {
        return new StackEngine() {
            @Override
            public ContainerEngine containers() {
                return service;
            }

            @Override
            public List<Network> networks() throws IOException {
                return service.networks().list(n -> true);
            }

            @Override
            public void createNetwork(String name, String driver, String subnet, String ipRange, String gateway, boolean internal,
                                      Map<String, String> labels) throws IOException {
                service.createNetwork(name, driver, subnet, ipRange, gateway, internal, labels);
            }

            @Override
            public void removeNetwork(String name) throws IOException {
                service.removeNetwork(name);
            }
        };
    }
}
