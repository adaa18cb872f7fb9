package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code -v} as Docker reads it: binds, named and anonymous volumes, options, and what is refused. */
class BindSpecTest {

    @Test
    void bindsNamedAndAnonymousVolumes() {
        assertEquals(new BindSpec(BindSpec.Kind.BIND, "/srv/www", "/www", true, "", false), BindSpec.parse("/srv/./www/:/www:ro"));
        assertEquals(new BindSpec(BindSpec.Kind.BIND, "/a", "/b", false, "rslave", false), BindSpec.parse("/a:/b:rw,rslave,z"));
        assertEquals(new BindSpec(BindSpec.Kind.VOLUME, "data", "/var/lib/db", false, "", true), BindSpec.parse("data:/var/lib/db:nocopy"));
        assertEquals(new BindSpec(BindSpec.Kind.VOLUME, "", "/cache", false, "", false), BindSpec.parse("/cache"));
        assertEquals(new BindSpec(BindSpec.Kind.VOLUME, "", "/cache", true, "", false), BindSpec.parse("/cache:ro"));
    }

    @Test
    void refusals() {
        for (String bad : new String[] {"data:relative", "/a:/b:rx", "data:/x:rshared", "/a:/b:nocopy", "/a:/b:ro:extra", "./a:/b",
                ":/x", "v:/", "v:/proc", "v:/proc/self", "v:/sys", "v:/dev"}) {
            assertThrows(IllegalArgumentException.class, () -> BindSpec.parse(bad), bad);
        }
        BindSpec.parse("/x:/proc/uptime:ro"); // runc's list of replaceable /proc files
    }
}
