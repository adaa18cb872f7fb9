package dev.berth.compose.validate;

import static dev.berth.compose.validate.ConsistencyCheckerTest.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    /** compose-go types/project_test makeProject (not normalized: service_6's link is not a depends_on). */
    private static final Map<String, Object> SAMPLE = yaml("""
            services:
              service_1: {}
              service_2:
                profiles: [foo]
                depends_on: {service_1: {required: true}}
              service_3:
                profiles: [bar]
                depends_on: {service_2: {required: true}}
              service_4:
                profiles: [zot]
                depends_on: {service_2: {required: false}}
              service_5:
                profiles: [zot]
              service_6:
                links: [service_1]
            """);

    private static List<String> names(Map<String, Object> services) {
        return List.copyOf(services.keySet());
    }

    @Test
    void behaviour151_withoutProfilesOnlyUnprofiledServicesRun() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of(), List.of());
        assertEquals(List.of("service_1", "service_6"), names(s.enabled()));
        assertEquals(List.of("service_2", "service_3", "service_4", "service_5"), names(s.disabled()));
    }

    @Test
    void behaviour151_activeProfileEnablesItsServices() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("foo"), List.of());
        assertEquals(List.of("service_1", "service_2", "service_6"), names(s.enabled()));
        assertEquals(List.of("service_3", "service_4", "service_5"), names(s.disabled()));
    }

    @Test
    void starProfileEnablesEverything() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("*"), List.of());
        assertEquals(6, s.enabled().size());
        assertEquals(Map.of(), s.disabled());
    }

    @Test
    void behaviour152_namingADisabledServiceEnablesItsProfiles() {
        // WithServicesEnabled("service_4") alone: its profile zot comes on, so service_5 too
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("foo"), List.of("service_4"));
        assertEquals(List.of("foo", "zot"), s.profiles());
        // with those profiles and nothing named, every service of zot is on (Test_ApplyProfiles)
        assertEquals(List.of("service_1", "service_2", "service_4", "service_5", "service_6"),
                names(Profiles.select(SAMPLE, s.profiles(), List.of()).enabled()));
        // then the selection keeps service_4 and its (enabled) dependencies only
        assertEquals(List.of("service_1", "service_2", "service_4"), names(s.enabled()));
    }

    @Test
    void behaviour153_selectionPullsDependencies() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("foo"), List.of("service_2"));
        assertEquals(List.of("service_1", "service_2"), names(s.enabled()));
        assertEquals(List.of("service_3", "service_4", "service_5", "service_6"), names(s.disabled()));
    }

    @Test
    void behaviour153_linksAreNotFollowedUnlessNormalizedIntoDependsOn() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of(), List.of("service_6"));
        assertEquals(List.of("service_6"), names(s.enabled()));
    }

    @Test
    void behaviour153_ignoringDependenciesTrimsDependsOnToSelectedServices() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("*"), List.of("service_2"), Profiles.Dependencies.IGNORE);
        assertEquals(List.of("service_2"), names(s.enabled()));
        assertFalse(Values.map(s.enabled().get("service_2")).containsKey("depends_on"));

        s = Profiles.select(SAMPLE, List.of("*"), List.of("service_2", "service_3"), Profiles.Dependencies.IGNORE);
        assertEquals(List.of("service_2", "service_3"), names(s.enabled()));
        assertEquals(List.of("service_2"), names(Values.map(Values.map(s.enabled().get("service_3")).get("depends_on"))));
    }

    @Test
    void behaviour154_servicesCanBeNamedByGlob() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of("*"), List.of("service_[56]"));
        assertEquals(List.of("service_5", "service_6"), names(s.enabled()));
    }

    @Test
    void unknownServiceIsAnError() {
        ComposeException e = assertThrows(ComposeException.class, () -> Profiles.select(SAMPLE, List.of(), List.of("x")));
        assertEquals("no such service: x", e.getMessage());
    }

    @Test
    void requiredDependencyThatIsOffIsAnError() {
        Map<String, Object> model = yaml("""
                services:
                  web:
                    depends_on: {db: {required: true}}
                  db:
                    profiles: [data]
                """);
        ComposeException e = assertThrows(ComposeException.class, () -> Profiles.select(model, List.of(), List.of("web")));
        assertEquals("no such service: db", e.getMessage());
    }

    @Test
    void behaviour115_optionalDependencyThatIsOffIsDroppedFromTheSelection() {
        // e2e TestComposeRunNotRequiredDeps
        Map<String, Object> model = yaml("""
                services:
                  foo:
                    image: bash
                    depends_on:
                      bar: {required: false, condition: service_healthy}
                  bar:
                    image: alpine
                    profiles: [not-required]
                """);
        Profiles.Selection s = Profiles.select(model, List.of(), List.of("foo"));
        assertEquals(List.of("foo"), names(s.enabled()));
        assertFalse(Values.map(s.enabled().get("foo")).containsKey("depends_on"));
        assertEquals(List.of("bar"), names(s.disabled()));
    }

    @Test
    void behaviour159_upOfAProfiledServiceStartsItAndItsDependenciesOnly() {
        // e2e TestUpProfile: `up foo` starts foo and db, not bar although bar shares foo's profile
        Map<String, Object> model = yaml("""
                services:
                  foo:
                    profiles: [test]
                    image: alpine
                    depends_on: {db: {condition: service_started, required: true}}
                  bar:
                    profiles: [test]
                    image: alpine
                  db:
                    image: alpine
                """);
        assertEquals(List.of("db"), names(Profiles.select(model, List.of(), List.of()).enabled()));
        Profiles.Selection s = Profiles.select(model, List.of(), List.of("foo"));
        assertEquals(List.of("foo", "db"), names(s.enabled()));
        assertEquals(List.of("bar"), names(s.disabled()));
        assertEquals(List.of("foo", "bar", "db"), names(Profiles.select(model, List.of("test"), List.of()).enabled()));
    }

    @Test
    void selectionAppliesToTheModel() {
        Profiles.Selection s = Profiles.select(SAMPLE, List.of(), List.of());
        Map<String, Object> model = s.applyTo(SAMPLE);
        assertEquals(List.of("service_1", "service_6"), names(Values.map(model.get("services"))));
        assertEquals(6, Values.map(SAMPLE.get("services")).size());
    }
}
