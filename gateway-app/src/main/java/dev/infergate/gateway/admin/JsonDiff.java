package dev.infergate.gateway.admin;

import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What changed between two versions of the document, as a list of {@code add}, {@code remove}
 * and {@code replace} entries with JSON pointers. Routes and pools are compared by id and name,
 * not by position, so reordering or inserting one does not report every later one as changed.
 */
final class JsonDiff {

    private final JsonMapper json;

    JsonDiff(JsonMapper json) {
        this.json = json;
    }

    ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode changes = json.createArrayNode();
        walk(keyed(from), keyed(to), "", changes);
        return changes;
    }

    /** The document with routes and pools as objects keyed by id and name. */
    private JsonNode keyed(JsonNode document) {
        ObjectNode copy = document.isObject() ? (ObjectNode) document.deepCopy() : json.createObjectNode();
        copy.set("routes", byKey(document.path("routes"), "id"));
        copy.set("pools", byKey(document.path("pools"), "name"));
        return copy;
    }

    private ObjectNode byKey(JsonNode list, String key) {
        ObjectNode keyed = json.createObjectNode();
        for (JsonNode item : list) {
            keyed.set(item.path(key).asString(), item);
        }
        return keyed;
    }

    private void walk(JsonNode from, JsonNode to, String pointer, ArrayNode changes) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            from.propertyNames().forEach(names::add);
            to.propertyNames().forEach(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!from.has(name)) {
                    changes.addObject().put("op", "add").put("path", child).set("value", to.get(name));
                } else if (!to.has(name)) {
                    changes.addObject().put("op", "remove").put("path", child).set("oldValue", from.get(name));
                } else {
                    walk(from.get(name), to.get(name), child, changes);
                }
            }
            return;
        }
        ObjectNode change = changes.addObject().put("op", "replace").put("path", pointer);
        change.set("oldValue", from);
        change.set("value", to);
    }
}
