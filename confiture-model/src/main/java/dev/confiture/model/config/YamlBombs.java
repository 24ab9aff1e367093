package dev.confiture.model.config;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Keeps an environment file from exhausting memory or time: a file larger than any environment
 * needs, and aliases that expand to a huge document ("billion laughs": each anchor a list of
 * aliases of the previous one), are refused by name. The expansion is measured on the composed
 * node graph, where an alias is a shared node, so measuring costs one visit per distinct node,
 * however many values the aliases stand for.
 */
final class YamlBombs {

    /** An environment file is a few hundred characters; a fleet's tenant list a few thousand lines. */
    static final int MAX_CHARS = 1_000_000;

    /** Values the document may stand for once every alias is expanded. */
    static final long MAX_EXPANDED_NODES = 100_000;

    static final String CODE = "CONFIG_YAML_BOMB";

    private YamlBombs() {
    }

    /**
     * SnakeYAML's own limits left wide (the size is checked before parsing and the expansion after),
     * so that refusals carry this class's message rather than a parser error.
     */
    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CHARS * 2);
        return options;
    }

    static ConfitureException refused(Path file, String why) {
        return new ConfitureException(CODE, "The environment file was refused as a YAML alias/size bomb: " + why
                + ". An environment needs no more than a few settings; remove the anchors (&) and aliases (*) that"
                + " multiply its values, or check that this is the file you meant.", file, 0, true, null);
    }

    /** Refuses a document whose aliases expand to more than {@link #MAX_EXPANDED_NODES} values, or refer to themselves. */
    static void refuseExpansion(Node root, Path file) {
        if (root == null) {
            return;
        }
        long size = expandedSize(root, new IdentityHashMap<>(), file);
        if (size > MAX_EXPANDED_NODES) {
            throw refused(file, "its aliases expand to more than " + MAX_EXPANDED_NODES + " values");
        }
    }

    /** Values under {@code node} with aliases expanded, capped just above the limit; -1 marks a node being measured. */
    private static long expandedSize(Node node, Map<Node, Long> sizes, Path file) {
        Long known = sizes.get(node);
        if (known != null) {
            if (known < 0) {
                throw refused(file, "an alias refers to a value that contains it");
            }
            return known;
        }
        sizes.put(node, -1L);
        long size = 1;
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                size = Math.min(size + expandedSize(item, sizes, file), MAX_EXPANDED_NODES + 1);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                size = Math.min(size + expandedSize(tuple.getKeyNode(), sizes, file)
                        + expandedSize(tuple.getValueNode(), sizes, file), MAX_EXPANDED_NODES + 1);
            }
        }
        sizes.put(node, size);
        return size;
    }
}
