package dev.berth.engine.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {

    private final DeviceRules docker = DeviceRules.dockerDefault();

    @Test
    void dockersDefaultSetAsV1ListsIt() {
        assertFalse(docker.allowAll());
        assertEquals(List.of("c 1:5 rwm", "c 1:3 rwm", "c 1:9 rwm", "c 1:8 rwm", "c 5:0 rwm", "c 5:1 rwm", "c *:* m",
                "b *:* m", "c 1:7 rwm", "c 136:* rwm", "c 5:2 rwm", "c 10:200 rwm"),
                docker.allowed().stream().map(DeviceRule::cgroupText).toList());
    }

    @Test
    void whatADefaultContainerMayDo() {
        assertTrue(docker.allows('c', 1, 3, "rw"));      // /dev/null
        assertTrue(docker.allows('c', 136, 7, "rw"));    // a pty
        assertTrue(docker.allows('c', 1, 1, "m"));       // mknod of anything …
        assertFalse(docker.allows('c', 1, 1, "r"));      // … but no /dev/mem
        assertFalse(docker.allows('c', 1, 1, "rm"));     // one rule must cover every access asked for
        assertFalse(docker.allows('b', 8, 0, "r"));      // no disks
        assertTrue(docker.allows('b', 8, 0, "m"));
        assertFalse(docker.allows('c', 10, 229, "rw"));  // fuse denied; its mknod stays allowed (as on v1)
        assertTrue(docker.allows('c', 10, 229, "m"));
        assertTrue(DeviceRules.allowAllDevices().allows('b', 8, 0, "rwm"));
    }

    @Test
    void rulesApplyInOrderAsV1Does() {
        DeviceRules more = docker.with(List.of(DeviceRule.parse("b 8:* r"), DeviceRule.parse("c 1:1 rw")));
        assertTrue(more.allows('b', 8, 16, "r"));
        assertFalse(more.allows('b', 8, 16, "w"));
        assertTrue(more.allows('c', 1, 1, "rw"));
        // a deny takes access away from the same rule only
        DeviceRules less = docker.with(List.of(DeviceRule.deny('c', 1, 3, "w")));
        assertTrue(less.allows('c', 1, 3, "r"));
        assertFalse(less.allows('c', 1, 3, "w"));
        assertEquals("c 1:3 rm", less.allowed().get(1).cgroupText());
        assertTrue(docker.with(List.of(DeviceRule.parse("a *:* rwm"))).allowAll());
        var e = assertThrows(IllegalArgumentException.class,
                () -> DeviceRules.applied(List.of(DeviceRule.deny('c', 1, 3, "rwm"))));
        assertTrue(e.getMessage().contains("denies inside an allow-all set"), e.getMessage());
    }

    @Test
    void parseTakesDockersDeviceCgroupRuleText() {
        assertEquals(DeviceRule.allow('c', 1, 3, "mr"), DeviceRule.parse("c 1:3 mr"));
        assertEquals(DeviceRule.allow('b', 8, DeviceRule.ANY, "rwm"), DeviceRule.parse(" b 8:* rwm "));
        assertEquals("a", DeviceRule.parse("a *:* rwm").cgroupText());
        for (String bad : new String[] {"c 1:3", "x 1:3 r", "c 1 r", "c 1:3 rx", "c 1:3 rr", "c -1:3 r"}) {
            assertThrows(IllegalArgumentException.class, () -> DeviceRule.parse(bad), bad);
        }
    }

    /** The eBPF program decides as the rules do, request by request (run on an interpreter of its instructions). */
    @Test
    void theEbpfProgramAgreesWithTheRules() {
        List<DeviceRules> sets = List.of(docker,
                docker.with(List.of(DeviceRule.parse("b 8:* r"), DeviceRule.parse("a 7:* w"))),
                DeviceRules.applied(List.of(DeviceRule.deny('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"))));
        long[] majors = {0, 1, 4, 5, 7, 8, 10, 136, 254, 4095};
        long[] minors = {0, 1, 2, 3, 5, 7, 8, 9, 16, 200, 229, 70000};
        String[] accesses = {"r", "w", "m", "rw", "rm", "wm", "rwm"};
        int checked = 0;
        for (DeviceRules rules : sets) {
            var program = DeviceFilterProgram.instructions(rules);
            for (char type : new char[] {'c', 'b'}) {
                for (long major : majors) {
                    for (long minor : minors) {
                        for (String access : accesses) {
                            assertEquals(rules.allows(type, major, minor, access),
                                    DeviceFilterProgram.run(program, type, major, minor, access),
                                    type + " " + major + ":" + minor + " " + access + " under " + rules);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(3 * 2 * 10 * 12 * 7, checked);
    }

    @Test
    void instructionsEncodeAsTheKernelReadsThem() {
        byte[] code = DeviceFilterProgram.encode(DeviceFilterProgram.instructions(docker));
        // r2 = *(u32 *)(r1 + 0): opcode 0x61, dst 2 in the low nibble, src 1 in the high one
        assertArrayEquals(new byte[] {0x61, 0x12, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(code, 8));
        // the last two: w0 = 0; exit
        assertArrayEquals(new byte[] {(byte) 0xb4, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0},
                Arrays.copyOfRange(code, code.length - 16, code.length));
        assertThrows(IllegalArgumentException.class, () -> DeviceFilterProgram.instructions(DeviceRules.allowAllDevices()));
    }
}
