package dev.berth.compose.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.model.Trees;
import dev.berth.compose.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Broken variants of valid documents get the same verdict from our validator as from the Compose
 * JSON schema (compose-go's copy, run by networknt). Every disagreement is listed on failure.
 */
class SchemaMutationTest {

    private static final int MUTANTS_PER_DOCUMENT = 60;

    @Test
    void randomMutantsOfTheCorpus() {
        Path shared = SharedCorpus.shared();
        ReferenceSchema reference = ReferenceSchema.composeGo(shared);
        Mutants mutants = new Mutants(20261128L, SchemaVocabulary.of(composeGoSchema(shared)));
        Tally tally = new Tally();
        for (SharedCorpus.Doc doc : SharedCorpus.load(shared).docs()) {
            Object root = doc.yaml().root();
            if (!reference.isValid(root)) continue;
            for (Mutants.Mutant m : mutants.of(root, MUTANTS_PER_DOCUMENT)) {
                tally.compare(reference, doc.name(), m);
            }
        }
        tally.print("random corpus mutants");
        assertTrue(tally.total > 10_000, "too few mutants: " + tally.total);
        assertTrue(tally.invalid > tally.total / 2, "most mutants should be invalid: " + tally.invalid);
        assertEquals(List.of(), tally.disagreements);
    }

    /**
     * Every property name of the schema, with values of every kind, put in every mapping of a document
     * that has each nested object of the schema: a known key's type, an unknown key's rejection, at
     * every level.
     */
    @Test
    void everyKeyInEveryMappingOfAFullDocument() {
        Path shared = SharedCorpus.shared();
        ReferenceSchema reference = ReferenceSchema.composeGo(shared);
        List<String> vocabulary = SchemaVocabulary.of(composeGoSchema(shared));
        Object base = YamlReader.read("full.yaml", FULL_DOCUMENT).getFirst().root();
        assertTrue(SchemaValidator.isValid(base), () -> SchemaValidator.validate(base, null).toString());
        assertTrue(reference.isValid(base), () -> reference.errors(base).toString());
        List<List<Object>> mappings = new ArrayList<>();
        collectMappings(base, new ArrayList<>(), mappings);
        Tally tally = new Tally();
        for (List<Object> at : mappings) {
            for (String key : keysToSweep(base, at, vocabulary)) {
                for (Object sample : samplesFor(base, at, key)) {
                    Object copy = Trees.copy(base);
                    Mutants.mapping(copy, at).put(key, Trees.copy(sample));
                    tally.compare(reference, "full.yaml", new Mutants.Mutant(Mutants.Change.VOCABULARY_KEY,
                            at + " + " + key + ": " + sample, copy));
                }
            }
        }
        tally.print("key sweep over " + mappings.size() + " mappings x " + vocabulary.size() + " keys");
        assertEquals(List.of(), tally.disagreements);
    }

    /**
     * Every vocabulary key for a mapping with fixed keys; a handful for a mapping that takes any key
     * (labels, options, ...), where one key is as good as another.
     */
    private static List<String> keysToSweep(Object base, List<Object> at, List<String> vocabulary) {
        Object copy = Trees.copy(base);
        Mutants.mapping(copy, at).put("helicopters", "x");
        boolean takesAnyKey = SchemaValidator.validate(copy, null).stream()
                .noneMatch(e -> e.message().startsWith("additional properties 'helicopters'"));
        if (!takesAnyKey) return vocabulary;
        List<String> some = new ArrayList<>();
        for (int i = 0; i < vocabulary.size(); i += 20) some.add(vocabulary.get(i));
        return some;
    }

    /** All samples for a key our rules know at that place; a few for keys they reject (any value is wrong). */
    private static List<Object> samplesFor(Object base, List<Object> at, String key) {
        Object copy = Trees.copy(base);
        Mutants.mapping(copy, at).put(key, "x");
        boolean unknown = SchemaValidator.validate(copy, null).stream()
                .anyMatch(e -> e.message().startsWith("additional properties '" + key + "'"));
        List<Object> samples = new ArrayList<>();
        samples.add(null);
        if (unknown) {
            samples.add(Map.of());
        } else {
            samples.addAll(Mutants.SAMPLES);
        }
        return samples;
    }

    private static void collectMappings(Object value, List<Object> path, List<List<Object>> out) {
        if (value instanceof Map<?, ?> m) {
            out.add(List.copyOf(path));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                path.add(e.getKey());
                collectMappings(e.getValue(), path, out);
                path.removeLast();
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                collectMappings(l.get(i), path, out);
                path.removeLast();
            }
        }
    }

    private static Path composeGoSchema(Path shared) {
        return shared.resolve("compose-spec/schema/compose-go/compose-spec.json");
    }

    /** Verdict counts and the disagreements between our validator and the reference. */
    private static final class Tally {
        int total;
        int invalid;
        final Map<Mutants.Change, Integer> byChange = new EnumMap<>(Mutants.Change.class);
        final List<String> disagreements = new ArrayList<>();

        void compare(ReferenceSchema reference, String doc, Mutants.Mutant m) {
            total++;
            byChange.merge(m.change(), 1, Integer::sum);
            var ours = SchemaValidator.validate(m.root(), null);
            boolean referenceValid = reference.isValid(m.root());
            if (!referenceValid) invalid++;
            if (ours.isEmpty() != referenceValid && disagreements.size() < 50) {
                disagreements.add(doc + " " + m.description() + ": ours=" + ours + " reference="
                        + reference.errors(m.root()));
            }
        }

        void print(String what) {
            System.out.printf("%s: %d mutants (%d invalid, %d still valid) %s, %d disagreements%n",
                    what, total, invalid, total - invalid, byChange, disagreements.size());
        }
    }

    /** A valid document with each nested object the schema defines, so every level gets swept. */
    private static final String FULL_DOCUMENT = """
            name: full
            include:
              - path: ./other.yaml
            services:
              web:
                image: busybox
                build:
                  context: .
                  ulimits:
                    nofile: {soft: 1, hard: 2}
                  secrets:
                    - source: s
                deploy:
                  resources:
                    limits: {cpus: '1'}
                    reservations:
                      devices:
                        - capabilities: [gpu]
                      generic_resources:
                        - discrete_resource_spec: {kind: gpu, value: 1}
                  restart_policy: {condition: any}
                  placement:
                    preferences:
                      - spread: node.labels.az
                  update_config: {parallelism: 1}
                  rollback_config: {parallelism: 1}
                healthcheck:
                  test: [CMD, "true"]
                develop:
                  watch:
                    - path: ./src
                      action: sync+exec
                      exec:
                        command: echo
                logging:
                  driver: json-file
                  options: {max-size: 10m}
                credential_spec: {file: spec.json}
                blkio_config:
                  device_read_bps:
                    - {path: /dev/sda, rate: 1}
                  weight_device:
                    - {path: /dev/sda, weight: 10}
                networks:
                  front:
                    aliases: [w]
                    driver_opts: {a: b}
                volumes:
                  - type: bind
                    source: ./a
                    target: /a
                    bind: {propagation: rshared}
                  - type: volume
                    source: v
                    target: /v
                    volume: {nocopy: true}
                  - type: tmpfs
                    target: /t
                    tmpfs: {size: 1}
                  - type: image
                    source: alpine
                    target: /i
                    image: {subpath: x}
                ports:
                  - target: 80
                secrets:
                  - source: s
                configs:
                  - source: c
                depends_on:
                  db:
                    condition: service_started
                ulimits:
                  nproc: 1
                  nofile: {soft: 1, hard: 2}
                provider:
                  type: x
                  options: {a: b}
                gpus:
                  - driver: nvidia
                devices:
                  - source: /dev/x
                env_file:
                  - path: ./a.env
                post_start:
                  - command: echo
                pre_start:
                  - image: alpine
                models:
                  m:
                    endpoint_var: E
                extends:
                  service: base
                storage_opt: {size: 1G}
              db:
                image: busybox
                environment: {A: b}
                extra_hosts: {a: 1.2.3.4}
                sysctls: {a: 1}
            networks:
              front:
                ipam:
                  config:
                    - subnet: 10.0.0.0/24
                      aux_addresses: {a: 10.0.0.2}
                  options: {a: b}
                driver_opts: {a: b}
                external: {name: x}
            volumes:
              v:
                driver_opts: {a: b}
                external: {name: x}
            secrets:
              s:
                file: ./s
                external: {name: x}
                driver_opts: {a: 1}
            configs:
              c:
                file: ./c
                external: {name: x}
            models:
              m:
                model: ai/x
            x-ext:
              anything: [1]
            """;
}
