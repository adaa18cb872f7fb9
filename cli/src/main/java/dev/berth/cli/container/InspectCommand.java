package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.cli.image.DockerJson;
import dev.berth.engine.container.ContainerNotFoundException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: containers (or, failing that, images) as {@code docker inspect} shows them. */
@Command(name = "inspect", description = "Return low-level information on containers or images.")
public final class InspectCommand extends ContainerCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int status = 0;
        for (String n : names) {
            try {
                out.add(engine().inspectJson(n));
            } catch (ContainerNotFoundException notAContainer) {
                if (images().store().resolve(n).isPresent()) {
                    out.addAll(images().inspect(List.of(n)));
                } else {
                    err().println("Error: No such object: " + n);
                    status = 1;
                }
            }
        }
        out().println(DockerJson.pretty(out));
        return status;
    }
}
