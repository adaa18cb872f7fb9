package dev.berth.compose.schema;

import static dev.berth.compose.schema.Rules.BOOLEAN_OR_STRING;
import static dev.berth.compose.schema.Rules.INTEGER_OR_STRING;
import static dev.berth.compose.schema.Rules.NUMBER_OR_STRING;
import static dev.berth.compose.schema.Rules.STRING;
import static dev.berth.compose.schema.Rules.closedMapping;
import static dev.berth.compose.schema.Rules.enumOf;
import static dev.berth.compose.schema.Rules.listOf;
import static dev.berth.compose.schema.Rules.mapping;
import static dev.berth.compose.schema.Rules.oneOf;
import static dev.berth.compose.schema.Rules.types;

/** The schema's shared {@code definitions}: shapes used by several keys. */
final class CommonDefinitions {

    private CommonDefinitions() {
    }

    /** {@code list_of_strings}: distinct strings. */
    static final ListRule LIST_OF_STRINGS = listOf(STRING).unique();

    static final Rule STRING_OR_LIST = oneOf(STRING, LIST_OF_STRINGS);

    /** {@code list_or_dict}: {@code {KEY: scalar}} or {@code ["KEY=value"]} (environment, labels, ...). */
    static final Rule LIST_OR_DICT = oneOf(
            mapping().keys(KeyPattern.ANY, types(Kind.STRING, Kind.NUMBER, Kind.BOOLEAN, Kind.NULL)).closed(),
            listOf(STRING).unique());

    /** {@code command}: null, a shell string, or an exec list. */
    static final Rule COMMAND = oneOf(Rules.NULL, STRING, listOf(STRING));

    static final Rule EXTRA_HOSTS = oneOf(
            mapping().keys(KeyPattern.ANY, oneOf(STRING, listOf(STRING))).closed(),
            listOf(STRING).unique());

    static final Rule ULIMITS = mapping().keys(KeyPattern.LOWERCASE, oneOf(
            INTEGER_OR_STRING,
            closedMapping()
                    .prop("hard", INTEGER_OR_STRING)
                    .prop("soft", INTEGER_OR_STRING)
                    .required("soft", "hard")));

    /** {@code service_config_or_secret}: how a service mounts configs or secrets. */
    static final Rule SERVICE_CONFIG_OR_SECRET = listOf(oneOf(
            STRING,
            closedMapping()
                    .prop("source", STRING)
                    .prop("target", STRING)
                    .prop("uid", STRING)
                    .prop("gid", STRING)
                    .prop("mode", NUMBER_OR_STRING)));

    static final Rule ENV_FILE = oneOf(STRING, listOf(oneOf(
            STRING,
            mapping().closed()
                    .prop("path", STRING)
                    .prop("format", STRING)
                    .prop("required", BOOLEAN_OR_STRING)
                    .required("path"))));

    static final Rule LABEL_FILE = oneOf(STRING, listOf(STRING));

    static final Rule BLKIO_LIMIT = mapping().closed()
            .prop("path", STRING)
            .prop("rate", INTEGER_OR_STRING);

    static final Rule BLKIO_WEIGHT = mapping().closed()
            .prop("path", STRING)
            .prop("weight", INTEGER_OR_STRING);

    /** {@code service_hook}: post_start, pre_stop, develop.watch exec. */
    static final Rule SERVICE_HOOK = closedMapping()
            .prop("command", COMMAND)
            .prop("user", STRING)
            .prop("privileged", BOOLEAN_OR_STRING)
            .prop("working_dir", STRING)
            .prop("environment", LIST_OR_DICT)
            .required("command");

    /** {@code pre_start_hook} (compose-go's schema only): an init container run before the service. */
    static final Rule PRE_START_HOOK = closedMapping()
            .prop("command", COMMAND)
            .prop("image", STRING)
            .prop("user", STRING)
            .prop("privileged", BOOLEAN_OR_STRING)
            .prop("working_dir", STRING)
            .prop("environment", LIST_OR_DICT)
            .prop("per_replica", BOOLEAN_OR_STRING);

    /** {@code devices}: device reservations under deploy.resources.reservations. */
    static final Rule DEVICES = listOf(closedMapping()
            .prop("capabilities", LIST_OF_STRINGS)
            .prop("count", INTEGER_OR_STRING)
            .prop("device_ids", LIST_OF_STRINGS)
            .prop("driver", STRING)
            .prop("options", LIST_OR_DICT)
            .required("capabilities"));

    /**
     * {@code gpus}: {@code all} or a list of requests. The schema puts additionalProperties on the
     * list, where it means nothing, so the request mappings are open.
     */
    static final Rule GPUS = oneOf(
            enumOf("all"),
            listOf(mapping()
                    .prop("capabilities", LIST_OF_STRINGS)
                    .prop("count", INTEGER_OR_STRING)
                    .prop("device_ids", LIST_OF_STRINGS)
                    .prop("driver", STRING)
                    .prop("options", LIST_OR_DICT)));

    static final Rule GENERIC_RESOURCES = listOf(closedMapping()
            .prop("discrete_resource_spec", closedMapping()
                    .prop("kind", STRING)
                    .prop("value", NUMBER_OR_STRING)));

    /** Driver options of networks, volumes, secrets: {@code {name: string or number}}. */
    static final Rule DRIVER_OPTS = mapping().keys(KeyPattern.ANY_LINE, types(Kind.STRING, Kind.NUMBER));
}
