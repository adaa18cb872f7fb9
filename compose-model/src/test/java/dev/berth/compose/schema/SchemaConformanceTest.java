package dev.berth.compose.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeError;
import dev.berth.compose.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our validator's verdict on every Compose document of the corpus equals the verdict of the Compose
 * JSON schema itself (run by networknt): compose-go's copy exactly, the spec's draft-07 copy except
 * where a document uses compose-go's additions.
 */
class SchemaConformanceTest {

    // behaviour 24: every typed field set to ${VARIABLE} still validates
    @Test
    void usingVariablesIsValid() throws Exception {
        Path file = SharedCorpus.shared().resolve("compose-spec/compose-go/schema/using-variables.yaml");
        var doc = YamlReader.read(file.toString(), Files.readString(file)).getFirst();
        assertEquals(List.of(), SchemaValidator.validate(doc.root(), doc.positions()));
    }

    @Test
    void corpusVerdictsMatchTheJsonSchema() {
        Path shared = SharedCorpus.shared();
        SharedCorpus.Corpus corpus = SharedCorpus.load(shared);
        ReferenceSchema composeGo = ReferenceSchema.composeGo(shared);
        ReferenceSchema spec = ReferenceSchema.spec(shared);
        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        List<String> invalid = new ArrayList<>();
        for (SharedCorpus.Doc doc : corpus.docs()) {
            Object root = doc.yaml().root();
            List<ComposeError> ours = SchemaValidator.validate(root, doc.yaml().positions());
            boolean reference = composeGo.isValid(root);
            if (ours.isEmpty() != reference) {
                disagreements.add(doc + ": ours=" + ours + " reference=" + composeGo.errors(root));
            }
            if (ours.isEmpty() && !spec.isValid(root) && !ComposeGoAdditions.uses(root)) {
                disagreements.add(doc + ": draft-07 rejects: " + spec.errors(root));
            }
            if (ours.isEmpty()) valid++;
            else invalid.add(ours.getFirst().toString());
        }
        System.out.printf("schema conformance: %d documents (%d valid, %d invalid), %d files unreadable%n",
                corpus.docs().size(), valid, corpus.docs().size() - valid, corpus.unreadable().size());
        invalid.forEach(e -> System.out.println("  invalid (both agree): " + e));
        assertTrue(corpus.docs().size() > 250, "corpus too small: " + corpus.docs().size());
        assertEquals(List.of(), disagreements);
    }
}
