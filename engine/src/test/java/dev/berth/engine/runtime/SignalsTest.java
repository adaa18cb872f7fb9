package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void everyFormDockerAccepts() {
        for (String s : new String[] {"SIGTERM", "TERM", "term", "SigTerm", "15"}) assertEquals(15, Signals.parse(s), s);
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(1, Signals.parse("sighup"));
        assertEquals(10, Signals.parse("USR1"));
        assertEquals(6, Signals.parse("IOT"));
        assertEquals(17, Signals.parse("SIGCLD"));
        assertEquals(29, Signals.parse("POLL"));
        assertEquals(34, Signals.parse("SIGRTMIN"));
        assertEquals(37, Signals.parse("SIGRTMIN+3"));
        assertEquals(49, Signals.parse("rtmin+15"));
        assertEquals(50, Signals.parse("RTMAX-14"));
        assertEquals(62, Signals.parse("SIGRTMAX-2"));
        assertEquals(64, Signals.parse("RTMAX"));
        assertEquals(64, Signals.parse("64"));
        assertEquals(9, Signals.parse("+9"));
    }

    @Test
    void unknownOnesSayInvalidSignal() {
        for (String s : new String[] {"", "0", "65", "-9", "SIGFOO", "RTMIN+16", "RTMAX-15", "SIG", "9x", "99999999999"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Signals.parse(s), s);
            assertTrue(e.getMessage().startsWith("invalid signal: " + s), e.getMessage());
        }
    }

    @Test
    void namesRoundTrip() {
        assertEquals("SIGTERM", Signals.name(15));
        assertEquals("SIGABRT", Signals.name(6));
        assertEquals("SIGCHLD", Signals.name(17));
        assertEquals("SIGIO", Signals.name(29));
        assertEquals("SIGRTMIN+3", Signals.name(37));
        assertEquals("SIGRTMAX-2", Signals.name(62));
        assertEquals("SIG32", Signals.name(32));
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= 64; n++) {
            if (n == 32 || n == 33) continue;
            assertEquals(n, Signals.parse(Signals.name(n)), "signal " + n);
            assertTrue(names.add(Signals.name(n)));
        }
    }

    /** The names agree with the kernel's numbering as this host's signal.h states it (when the headers are installed). */
    @Test
    void numbersMatchTheSystemHeaders() throws Exception {
        Path header = Path.of("/usr/include/asm-generic/signal.h");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(header), "no kernel headers at " + header);
        int checked = 0;
        for (String line : Files.readAllLines(header)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("#define") && f[1].matches("SIG[A-Z0-9]+") && f[2].matches("\\d+")
                    && !f[1].equals("SIGRTMIN") && !f[1].equals("SIGUNUSED") && !f[1].equals("SIGSTKSZ")
                    && !f[1].equals("SIGLOST") /* unused on Linux; not in Docker's map */) {
                assertEquals(Integer.parseInt(f[2]), Signals.parse(f[1]), f[1]);
                checked++;
            }
        }
        assertTrue(checked >= 30, "only " + checked + " signals in " + header);
    }
}
