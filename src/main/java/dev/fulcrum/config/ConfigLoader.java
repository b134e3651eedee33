package dev.fulcrum.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads Fulcrum's YAML file into a {@link FulcrumConfig}.
 *
 * <p>The file is read into a tree and mapped by hand, not data-bound: binding stops at the first bad value,
 * while the mappers go on and report every problem of the file, each with its path, in one run.
 */
public final class ConfigLoader {

    private static final List<String> KEYS = List.of("loadBalancer", "admin", "listeners", "targetGroups");

    // Immutable once built, so sharing it is safe. Duplicate keys are errors: YAML would keep the last silently.
    // Empty plain scalars ("attributes:" with nothing under it) read as null, i.e. as an empty section.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build());

    private ConfigLoader() {
    }

    public static FulcrumConfig load(Path file) throws ConfigException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw fileProblem("cannot read " + file + ": " + e);
        }
        return parse(yaml, file.toAbsolutePath().getParent());
    }

    /** A configuration whose relative file names (certificates, keys) are read from the working directory. */
    public static FulcrumConfig parse(String yaml) throws ConfigException {
        return parse(yaml, Path.of(""));
    }

    /** @param baseDirectory where relative file names in it (certificates, keys) are read from */
    public static FulcrumConfig parse(String yaml, Path baseDirectory) throws ConfigException {
        JsonNode tree = read(yaml);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw fileProblem("empty (expected: a map with at least 'listeners')");
        }
        Problems problems = new Problems();
        FulcrumConfig config = map(Node.root(tree, problems), baseDirectory);
        problems.throwIfAny();
        return config;
    }

    private static FulcrumConfig map(Node root, Path baseDirectory) {
        if (!root.isMapOf(KEYS)) {
            return null;
        }
        Bindings bindings = new Bindings();
        Node targetGroups = root.get("targetGroups");
        ActionMapper actions = new ActionMapper(TargetGroupMapper.names(targetGroups));
        LoadBalancerConfig loadBalancer = LoadBalancerMapper.loadBalancer(root.get("loadBalancer"));
        AdminConfig admin = LoadBalancerMapper.admin(root.get("admin"), bindings);
        List<ListenerConfig> listeners = new ListenerMapper(actions, bindings, new TlsMapper(baseDirectory)).listeners(root.get("listeners"));
        return new FulcrumConfig(loadBalancer, admin, listeners, TargetGroupMapper.targetGroups(targetGroups));
    }

    private static JsonNode read(String yaml) throws ConfigException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonNode tree = YAML.readTree(parser);
            if (tree != null && parser.nextToken() != null) {
                throw fileProblem("more than one YAML document (expected: one)");
            }
            return tree;
        } catch (MarkedYAMLException e) {
            throw syntaxProblem(e.getProblemMark(), e.getProblem());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                throw syntaxProblem(marked.getProblemMark(), marked.getProblem());
            }
            JsonLocation at = e.getLocation();
            throw fileProblem("YAML syntax error" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fileProblem("cannot read YAML: " + e);
        }
    }

    private static ConfigException syntaxProblem(Mark mark, String problem) {
        // SnakeYAML counts lines and columns from 0; editors count from 1.
        return fileProblem("YAML syntax error" + (mark == null ? "" : " at line " + (mark.getLine() + 1)
                + ", column " + (mark.getColumn() + 1)) + ": " + problem);
    }

    private static ConfigException fileProblem(String message) {
        return new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE, message)));
    }
}
