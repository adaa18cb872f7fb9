package dev.berth.compose.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Compose JSON schema from ../shared, run by networknt's validator: the reference we are held against. */
final class ReferenceSchema {

    private final Schema schema;
    private final String name;

    private ReferenceSchema(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** The compose-spec repository's copy (draft-07). */
    static ReferenceSchema spec(Path shared) {
        return load("compose-spec draft-07", shared.resolve("compose-spec/schema/compose-spec/compose-spec.json"),
                SpecificationVersion.DRAFT_7);
    }

    /** compose-go's copy (2020-12), the one `docker compose` validates with. */
    static ReferenceSchema composeGo(Path shared) {
        return load("compose-go 2020-12", shared.resolve("compose-spec/schema/compose-go/compose-spec.json"),
                SpecificationVersion.DRAFT_2020_12);
    }

    private static ReferenceSchema load(String name, Path file, SpecificationVersion version) {
        try {
            String json = Files.readString(file);
            // the schema's $id is relative ("compose_spec.json"): give it the file's URI as base
            SchemaLocation base = SchemaLocation.of(file.toUri().toString());
            return new ReferenceSchema(name, SchemaRegistry.withDefaultDialect(version).getSchema(base, json, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Error> errors(Object tree) {
        return schema.validate(JsonTrees.toJson(tree));
    }

    boolean isValid(Object tree) {
        return errors(tree).isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
