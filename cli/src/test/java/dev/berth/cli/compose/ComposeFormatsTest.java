package dev.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.PortBinding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The output shapes of the Compose read commands that need no engine: tables, JSON, log prefixes, ports. */
class ComposeFormatsTest {

    private static String print(GoTable t) {
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s));
        return s.toString();
    }

    @Test
    void tablesPadEveryCellButTheLastAsGosTabwriter() {
        String ps = print(GoTable.containers("NAME", "IMAGE", "PORTS").row("shop-web-1", "nginx", "").row("a", "busybox", "80/tcp"));
        assertEquals("""
                NAME         IMAGE     PORTS
                shop-web-1   nginx     \n\
                a            busybox   80/tcp
                """, ps, "widest + 3, at least 10; an empty last cell keeps the padding before it");
        assertEquals("NAME                STATUS\nshop                running(2)\n", print(GoTable.pretty("NAME", "STATUS").row("shop", "running(2)")));
        assertEquals("SERVICE  #   CMD\nweb      1   sh\n", print(GoTable.top("SERVICE", "#", "CMD").row("web", "1", "sh")));
    }

    @Test
    void jsonIsGosCompactEncoding() {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("Command", "\"a <b> & c…\"");
        o.put("N", 3);
        o.put("L", List.of());
        o.put("X", null);
        assertEquals("{\"Command\":\"\\\"a \\u003cb\\u003e \\u0026 c…\\\"\",\"N\":3,\"L\":[],\"X\":null}", new GoJson(true).write(o));
        assertEquals("[\"a<b\"]", new GoJson(false).write(List.of("a<b")));
    }

    @Test
    void logLinesArePrefixedWholeAndColoredByCompose() {
        StringWriter s = new StringWriter();
        LogPrinter p = new LogPrinter(new PrintWriter(s), List.of("db-1", "worker-1"), true, false);
        p.write("db-1", "par");
        p.write("worker-1", "one\ntwo\n");
        p.write("db-1", "tial\nnext");
        p.end("db-1");
        assertEquals("worker-1  | one\nworker-1  | two\ndb-1      | partial\ndb-1      | next\n", s.toString());

        StringWriter c = new StringWriter();
        LogPrinter colored = new LogPrinter(new PrintWriter(c), List.of("a-1", "b-1"), true, true);
        colored.write("b-1", "x\n");
        assertEquals("\033[33mb-1  | \033[0mx\n", c.toString(), "the second container's color is yellow");

        StringWriter n = new StringWriter();
        new LogPrinter(new PrintWriter(n), List.of("a-1"), false, true).write("a-1", "bare\n");
        assertEquals("bare\n", n.toString());
    }

    @Test
    void portsAndCommandsReadAsDockerPsShowsThem() {
        Container c = new Container("0123456789abcdef", "shop-web-1", Instant.now(), "", null, null, null, 0, null,
                List.of(new PortBinding("81/tcp", "0.0.0.0", "81"), new PortBinding("80/tcp", "0.0.0.0", "80"),
                        new PortBinding("8080/tcp", "127.0.0.1", "32768"), new PortBinding("53/udp", "", "5353")), null);
        assertEquals("0.0.0.0:80-81->80-81/tcp, 0.0.0.0:5353->53/udp, 127.0.0.1:32768->8080/tcp", ComposePsCommand.ports(c));
        assertEquals("\"sh -c 'echo web say…\"", ComposePsCommand.goQuote(ComposePsCommand.ellipsis("sh -c 'echo web says hi'", 20)));
        assertEquals("\"short\"", ComposePsCommand.goQuote(ComposePsCommand.ellipsis("short", 20)));
    }
}
