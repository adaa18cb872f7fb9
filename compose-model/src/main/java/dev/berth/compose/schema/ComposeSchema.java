package dev.berth.compose.schema;

import static dev.berth.compose.schema.CommonDefinitions.DRIVER_OPTS;
import static dev.berth.compose.schema.CommonDefinitions.LIST_OR_DICT;
import static dev.berth.compose.schema.CommonDefinitions.STRING_OR_LIST;
import static dev.berth.compose.schema.Rules.BOOLEAN_OR_STRING;
import static dev.berth.compose.schema.Rules.INTEGER;
import static dev.berth.compose.schema.Rules.STRING;
import static dev.berth.compose.schema.Rules.closedMapping;
import static dev.berth.compose.schema.Rules.listOf;
import static dev.berth.compose.schema.Rules.mapping;
import static dev.berth.compose.schema.Rules.oneOf;

/**
 * The Compose Specification's JSON schema (draft-07, plus compose-go's additions {@code pre_start},
 * {@code build.no_cache_filter} and null service model entries) written as Java rules: the top level
 * and the top-level resources. Services are in {@link ServiceDefinition}.
 */
final class ComposeSchema {

    private ComposeSchema() {
    }

    static final Rule INCLUDE = oneOf(STRING, mapping().closed()
            .prop("path", STRING_OR_LIST)
            .prop("env_file", STRING_OR_LIST)
            .prop("project_directory", STRING));

    /** {@code external:} of a volume or network: true/false, {@code ${VAR}}, or legacy {@code {name: x}}. */
    private static MappingRule closedExternal() {
        return closedMapping().orAlso(Kind.BOOLEAN, Kind.STRING).prop("name", STRING);
    }

    static final Rule NETWORK = closedMapping().orAlso(Kind.NULL)
            .prop("name", STRING)
            .prop("driver", STRING)
            .prop("driver_opts", DRIVER_OPTS)
            .prop("ipam", closedMapping()
                    .prop("driver", STRING)
                    .prop("config", listOf(closedMapping()
                            .prop("subnet", STRING)
                            .prop("ip_range", STRING)
                            .prop("gateway", STRING)
                            .prop("aux_addresses", mapping().closed().keys(KeyPattern.ANY_LINE, STRING))))
                    .prop("options", mapping().closed().keys(KeyPattern.ANY_LINE, STRING)))
            .prop("external", closedExternal())
            .prop("internal", BOOLEAN_OR_STRING)
            .prop("enable_ipv4", BOOLEAN_OR_STRING)
            .prop("enable_ipv6", BOOLEAN_OR_STRING)
            .prop("attachable", BOOLEAN_OR_STRING)
            .prop("labels", LIST_OR_DICT);

    static final Rule VOLUME = closedMapping().orAlso(Kind.NULL)
            .prop("name", STRING)
            .prop("driver", STRING)
            .prop("driver_opts", DRIVER_OPTS)
            .prop("external", closedExternal())
            .prop("labels", LIST_OR_DICT);

    /** Secrets' and configs' {@code external:} is an open mapping in the schema (no additionalProperties). */
    private static MappingRule openExternal() {
        return mapping().orAlso(Kind.BOOLEAN, Kind.STRING).prop("name", STRING);
    }

    static final Rule SECRET = closedMapping()
            .prop("name", STRING)
            .prop("environment", STRING)
            .prop("file", STRING)
            .prop("external", openExternal())
            .prop("labels", LIST_OR_DICT)
            .prop("driver", STRING)
            .prop("driver_opts", DRIVER_OPTS)
            .prop("template_driver", STRING);

    static final Rule CONFIG = closedMapping()
            .prop("name", STRING)
            .prop("content", STRING)
            .prop("environment", STRING)
            .prop("file", STRING)
            .prop("external", openExternal())
            .prop("labels", LIST_OR_DICT)
            .prop("template_driver", STRING);

    static final Rule MODEL = closedMapping()
            .prop("name", STRING)
            .prop("model", STRING)
            .prop("context_size", INTEGER)
            .prop("runtime_flags", listOf(STRING))
            .required("model");

    /**
     * The document. {@code services}, {@code volumes}, {@code secrets} and {@code configs} allow only
     * names; {@code networks} and {@code models} leave other keys unchecked, as the schema does.
     */
    static final MappingRule DOCUMENT = closedMapping()
            .prop("version", STRING)
            .prop("name", STRING)
            .prop("include", listOf(INCLUDE))
            .prop("services", mapping().closed().keys(KeyPattern.NAME, ServiceDefinition.SERVICE))
            .prop("models", mapping().keys(KeyPattern.NAME, MODEL))
            .prop("networks", mapping().keys(KeyPattern.NAME, NETWORK))
            .prop("volumes", mapping().closed().keys(KeyPattern.NAME, VOLUME))
            .prop("secrets", mapping().closed().keys(KeyPattern.NAME, SECRET))
            .prop("configs", mapping().closed().keys(KeyPattern.NAME, CONFIG));
}
