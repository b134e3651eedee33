package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Whatever a configuration file holds, the loader either accepts it or rejects it with problems that each name a
 * path: it never fails any other way (a crash would hide every other problem of the file from the user). The
 * complete example file is mutated at random, seeded: values replaced by values of every other shape, keys
 * removed or added, and the YAML text itself cut and scrambled.
 */
class ConfigFuzzTest {

    private static final long SEED = Long.getLong("fulcrum.fuzz.seed", 0xC0F1_6L);
    private static final int CASES = Integer.getInteger("fulcrum.fuzz.cases", 400);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyMutatedFileIsAcceptedOrRejectedWithPathsNeverCrashes() throws IOException {
        JsonNode full = YAML.readTree(resource("/config/full.yaml"));
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> crashes = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            SplittableRandom r = random.split();
            String yaml = r.nextInt(5) == 0 ? scramble(YAML.writeValueAsString(full), r)
                    : YAML.writeValueAsString(mutate(full.deepCopy(), r));
            try {
                ConfigLoader.parse(yaml);
            } catch (ConfigException e) {
                rejected++;
                assertThat(e.problems()).as(yaml).isNotEmpty()
                        .allSatisfy(p -> {
                            assertThat(p.path()).as(yaml).isNotBlank();
                            assertThat(p.message()).as(yaml).isNotBlank();
                        });
            } catch (RuntimeException e) {
                crashes.add("case " + i + ": " + e + "\n" + yaml);
            }
        }
        assertThat(crashes).isEmpty();
        assertThat(rejected).as("the mutations break most files").isGreaterThan(CASES / 2);
    }

    /** One to three structural edits somewhere in the tree. */
    private static JsonNode mutate(JsonNode root, SplittableRandom r) {
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<JsonNode> containers = new ArrayList<>();
            collectContainers(root, containers);
            JsonNode target = containers.get(r.nextInt(containers.size()));
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                switch (r.nextInt(4)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set("unknown" + r.nextInt(3), anyValue(r));
                    default -> object.set(name, anyValue(r));
                }
            } else if (target instanceof ArrayNode array && array.size() > 0) {
                int at = r.nextInt(array.size());
                switch (r.nextInt(4)) {
                    case 0 -> array.remove(at);
                    case 1 -> array.add(array.get(at).deepCopy()); // a duplicate: names, priorities, targets
                    default -> array.set(at, anyValue(r));
                }
            }
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectContainers(it.next(), out);
            }
        }
    }

    private static final List<Supplier<JsonNode>> VALUES = List.of(
            NODES::nullNode, () -> NODES.textNode(""), () -> NODES.textNode("x"), () -> NODES.numberNode(-1),
            () -> NODES.numberNode(0), () -> NODES.numberNode(99_999_999_999L), () -> NODES.numberNode(1.5),
            () -> NODES.booleanNode(true), NODES::arrayNode, NODES::objectNode,
            () -> NODES.arrayNode().add(1).add("a").addNull(), () -> NODES.objectNode().put("k", 1),
            () -> NODES.textNode("a".repeat(5000)), () -> NODES.textNode("*?*"), () -> NODES.textNode("0.0.0.0/33"),
            () -> NODES.textNode("::ffff:999.1.1.1"), () -> NODES.textNode("#{path}#{"),
            () -> NODES.textNode("HTTP_999"), () -> NODES.textNode("\u0000\r\n\t"), () -> NODES.textNode("65536"),
            () -> NODES.textNode("[::1]:99999"), () -> NODES.textNode("300-200"), () -> NODES.textNode("off"));

    private static JsonNode anyValue(SplittableRandom r) {
        return VALUES.get(r.nextInt(VALUES.size())).get();
    }

    /** Text-level damage: a cut, a removed or doubled line, a stray character. */
    private static String scramble(String yaml, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n")));
        int at = r.nextInt(lines.size());
        switch (r.nextInt(4)) {
            case 0 -> lines.subList(at, lines.size()).clear();
            case 1 -> lines.remove(at);
            case 2 -> lines.add(at, lines.get(at));
            default -> lines.set(at, lines.get(at) + List.of(":", "[", "{", "'", "\"", " &a", " *a", "\t").get(r.nextInt(8)));
        }
        return String.join("\n", lines);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
