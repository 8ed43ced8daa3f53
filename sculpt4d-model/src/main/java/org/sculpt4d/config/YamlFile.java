package org.sculpt4d.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML config file such as Hunyuan3D's {@code config.yaml} (spec §7.1): read with SnakeYAML's safe constructor (plain
 * maps, lists, strings, numbers and booleans; anchors resolved), its sections reached by name. Every error is one
 * line naming the file.
 */
public final class YamlFile {
    private final Path file;
    private final Map<String, Object> root;

    private YamlFile(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static YamlFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such config file");
        Object doc;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            throw new IOException(file + ": not valid YAML: " + e.getProblem() + " at line "
                    + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1));
        } catch (YAMLException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        return new YamlFile(file, asMap(file + ": the document", doc));
    }

    /** Whether the top level has {@code key}. */
    public boolean has(String key) {
        return root.containsKey(key);
    }

    /** The mapping at {@code path} (keys from the top level down), with an error naming the file and the path. */
    public Map<String, Object> section(String... path) throws IOException {
        Map<String, Object> at = root;
        StringBuilder where = new StringBuilder();
        for (String key : path) {
            where.append(where.length() == 0 ? "" : ".").append(key);
            if (!at.containsKey(key)) throw new IOException(file + ": no '" + where + "' section");
            at = asMap(file + ": '" + where + "'", at.get(key));
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String what, Object node) throws IOException {
        if (!(node instanceof Map<?, ?> m)) throw new IOException(what + " is not a mapping");
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) throw new IOException(what + " has a key that is not a string: " + k);
        }
        return (Map<String, Object>) m;
    }
}
