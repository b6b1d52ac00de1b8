package io.mseg.console.fuzz;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every place in a body tree a mutation can touch: each value (a property of an object or
 * an element of an array) with its path and, where the API description says, its schema;
 * and each object whose set of fields is closed (its schema lists properties).
 */
public final class BodySlots {

	private final ApiDescription api;

	private final JsonNode rootSchema;

	private final boolean rootIsArray;

	private final List<Slot> values = new ArrayList<>();

	private final List<Slot> objects = new ArrayList<>();

	public BodySlots(ApiDescription api, JsonNode rootSchema, JsonNode root) {
		this.api = api;
		this.rootSchema = rootSchema;
		this.rootIsArray = root.isArray();
		walk(root, new ArrayList<>(), null, null, -1);
	}

	private void walk(JsonNode node, List<String> path, JsonNode container, String key, int index) {
		JsonNode schema = this.api.schemaAt(this.rootSchema, path);
		Slot slot = new Slot(List.copyOf(path), container, key, index, node, schema);
		if (container != null) {
			this.values.add(slot);
		}
		if (node.isObject()) {
			if (schema != null && (schema.has("properties") || this.api.isCollectionMap(schema))) {
				this.objects.add(slot);
			}
			for (var property : node.properties()) {
				path.add(property.getKey());
				walk(property.getValue(), path, node, property.getKey(), -1);
				path.remove(path.size() - 1);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				path.add("[" + i + "]");
				walk(node.get(i), path, node, null, i);
				path.remove(path.size() - 1);
			}
		}
	}

	/** Every value but the root. */
	public List<Slot> values() {
		return this.values;
	}

	/** Objects with a closed set of fields, the root's first. */
	public List<Slot> objects() {
		return this.objects;
	}

	/** The properties of closed objects: fields a client can misspell. */
	public List<Slot> fields() {
		List<Slot> fields = new ArrayList<>();
		for (Slot object : this.objects) {
			object.value()
				.properties()
				.forEach((p) -> this.values.stream()
					.filter((v) -> v.container() == object.value() && p.getKey().equals(v.key()))
					.findFirst()
					.ifPresent(fields::add));
		}
		return fields;
	}

	/**
	 * Whether {@code slot} is at the top of the body: the root object, a field of it, or
	 * (for a body that is a list) an element or a field of one.
	 */
	public boolean isTopLevel(Slot slot, boolean asObject) {
		int depth = slot.path().size() - (this.rootIsArray ? 1 : 0);
		return asObject ? depth <= 0 : depth <= 1;
	}

	/** The schema of the object or list that holds {@code slot}. */
	public JsonNode parentSchema(Slot slot) {
		return this.api.schemaAt(this.rootSchema, slot.path().subList(0, slot.path().size() - 1));
	}

	/** One place in the tree. */
	public record Slot(List<String> path, JsonNode container, String key, int index, JsonNode value, JsonNode schema) {

		public String pathText() {
			StringBuilder text = new StringBuilder();
			for (String step : this.path) {
				if (!step.startsWith("[") && !text.isEmpty()) {
					text.append('.');
				}
				text.append(step);
			}
			return text.isEmpty() ? "(root)" : text.toString();
		}

		/** The schema's type, else the type of the value in the example. */
		public String type() {
			if (this.schema != null && this.schema.has("type")) {
				return this.schema.get("type").asString();
			}
			if (this.schema != null && (this.schema.has("properties") || this.schema.has("additionalProperties"))) {
				return "object";
			}
			if (this.value.isString()) {
				return "string";
			}
			if (this.value.isIntegralNumber()) {
				return "integer";
			}
			if (this.value.isNumber()) {
				return "number";
			}
			if (this.value.isBoolean()) {
				return "boolean";
			}
			return this.value.isArray() ? "array" : "object";
		}

		public boolean isRequired(JsonNode parentSchema) {
			return parentSchema != null && this.key != null
					&& parentSchema.path("required").valueStream().anyMatch((r) -> r.asString().equals(this.key));
		}

		/** Puts {@code replacement} where this slot's value is. */
		public void replace(JsonNode replacement) {
			if (this.container instanceof ObjectNode object) {
				object.set(this.key, replacement);
			}
			else {
				((ArrayNode) this.container).set(this.index, replacement);
			}
		}

	}

}
