package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void dockerHubsBearerChallenge() {
        AuthChallenge c = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertTrue(c.isBearer());
        assertEquals("https://auth.docker.io/token", c.realm());
        assertEquals("registry.docker.io", c.service());
        assertEquals("repository:library/busybox:pull", c.parameters().get("scope"));
    }

    @Test
    void basicWithUnquotedAndEscapedValues() {
        AuthChallenge c = AuthChallenge.parse("Basic realm=\"say \\\"hi\\\"\", charset=UTF-8");
        assertTrue(c.isBasic());
        assertEquals(Map.of("realm", "say \"hi\"", "charset", "UTF-8"), c.parameters());
        assertEquals(Map.of(), AuthChallenge.parse("basic").parameters());
    }

    @Test
    void scopesWithCommasStayWhole() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"r\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"");
        assertEquals("repository:a/b:pull,push", c.parameters().get("scope"));
        assertEquals("insufficient_scope", c.parameters().get("error"));
    }
}
