package dev.infergate.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A named collection inside the live document that the admin API exposes as resources: routes by
 * id, pools by name (both lists), sections by name (a mapping).
 */
interface DocumentCollection {

    /** The resource kind in messages ({@code route}). */
    String kind();

    List<JsonNode> all(ObjectNode document);

    Optional<JsonNode> get(ObjectNode document, String key);

    /** Replaces the resource with this key, or appends it. */
    void put(ObjectNode document, String key, JsonNode value);

    boolean remove(ObjectNode document, String key);

    /** The key a new resource declares in its body, if any. */
    Optional<String> keyOf(JsonNode value);

    /** The pointer prefix of a resource in the document, for relating problems to it. */
    String pointer(ObjectNode document, String key);

    static DocumentCollection list(String field, String keyField, String kind) {
        return new ListCollection(field, keyField, kind);
    }

    /** A list of objects identified by one of their fields. */
    record ListCollection(String field, String keyField, String kind) implements DocumentCollection {

        @Override
        public List<JsonNode> all(ObjectNode document) {
            List<JsonNode> items = new ArrayList<>();
            document.path(field).forEach(items::add);
            return items;
        }

        @Override
        public Optional<JsonNode> get(ObjectNode document, String key) {
            int index = indexOf(document, key);
            return index < 0 ? Optional.empty() : Optional.of(document.path(field).get(index));
        }

        @Override
        public void put(ObjectNode document, String key, JsonNode value) {
            ArrayNode items = document.withArray(field);
            int index = indexOf(document, key);
            if (index < 0) {
                items.add(value);
            } else {
                items.set(index, value);
            }
        }

        @Override
        public boolean remove(ObjectNode document, String key) {
            int index = indexOf(document, key);
            if (index >= 0) {
                document.withArray(field).remove(index);
            }
            return index >= 0;
        }

        @Override
        public Optional<String> keyOf(JsonNode value) {
            JsonNode key = value.path(keyField);
            return key.isString() && !key.asString().isBlank() ? Optional.of(key.asString()) : Optional.empty();
        }

        @Override
        public String pointer(ObjectNode document, String key) {
            int index = indexOf(document, key);
            return "/" + field + "/" + (index < 0 ? document.path(field).size() : index);
        }

        private int indexOf(ObjectNode document, String key) {
            JsonNode items = document.path(field);
            for (int i = 0; i < items.size(); i++) {
                if (key.equals(items.get(i).path(keyField).asString(null))) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** The mapping of section name to settings. */
    record Sections() implements DocumentCollection {

        @Override
        public String kind() {
            return "section";
        }

        @Override
        public List<JsonNode> all(ObjectNode document) {
            List<JsonNode> items = new ArrayList<>();
            document.path("sections").properties().forEach(entry -> items.add(entry.getValue()));
            return items;
        }

        @Override
        public Optional<JsonNode> get(ObjectNode document, String key) {
            JsonNode section = document.path("sections").get(key);
            return Optional.ofNullable(section);
        }

        @Override
        public void put(ObjectNode document, String key, JsonNode value) {
            document.withObject("sections").set(key, value);
        }

        @Override
        public boolean remove(ObjectNode document, String key) {
            return document.withObject("sections").remove(key) != null;
        }

        @Override
        public Optional<String> keyOf(JsonNode value) {
            return Optional.empty();
        }

        @Override
        public String pointer(ObjectNode document, String key) {
            return "/sections/" + key.replace("~", "~0").replace("/", "~1");
        }
    }
}
