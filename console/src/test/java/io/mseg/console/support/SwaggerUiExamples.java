package io.mseg.console.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request body Swagger UI puts in "Try it out" for an operation of an OpenAPI 3.1
 * document, built as its sample generator builds it (swagger-ui,
 * {@code json-schema-2020-12-samples}): the media type's first example if it has one;
 * otherwise from the schema, where a schema's {@code examples}, then {@code default},
 * then {@code example} is taken as it is, an object gets each property that is not
 * read-only, an array one item, an enumeration its first value, and other values a
 * placeholder of their type ({@code "string"}, {@code 0}, {@code true}, the current
 * time).
 */
public final class SwaggerUiExamples {

	private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonNode document;

	public SwaggerUiExamples(JsonNode document) {
		this.document = document;
	}

	/** The body of an operation's request, in its first (default) media type. */
	public JsonNode requestBody(JsonNode operation) {
		JsonNode content = operation.path("requestBody").path("content");
		Map.Entry<String, JsonNode> first = content.properties().iterator().next();
		JsonNode media = first.getValue();
		if (media.path("examples").isObject() && !media.path("examples").isEmpty()) {
			JsonNode example = resolve(media.path("examples").properties().iterator().next().getValue());
			return parsed(example.path("value"));
		}
		if (media.has("example")) {
			return parsed(media.get("example"));
		}
		return sample(media.path("schema"));
	}

	private JsonNode sample(JsonNode reference) {
		JsonNode schema = resolve(reference);
		JsonNode plain = plainValue(schema);
		String type = type(schema);
		if (plain != null) {
			return (plain.isString() && !type.equals("string")) ? parsed(plain) : plain;
		}
		switch (type) {
			case "object": {
				ObjectNode object = NODES.objectNode();
				for (var property : schema.path("properties").properties()) {
					JsonNode value = resolve(property.getValue());
					if (!value.path("readOnly").asBoolean(false) && !value.path("deprecated").asBoolean(false)) {
						object.set(property.getKey(), sample(property.getValue()));
					}
				}
				JsonNode additional = schema.get("additionalProperties");
				if (additional != null && additional.isBoolean() && additional.asBoolean()) {
					object.set("additionalProp1", NODES.objectNode());
				}
				else if (additional != null && additional.isObject()) {
					for (int i = 1; i <= 3; i++) {
						object.set("additionalProp" + i, sample(additional));
					}
				}
				return object;
			}
			case "array": {
				ArrayNode array = NODES.arrayNode();
				if (schema.has("items")) {
					array.add(sample(schema.get("items")));
				}
				int min = schema.path("minItems").asInt(0);
				for (int i = 0; array.size() > 0 && array.size() < min; i++) {
					array.add(array.get(i));
				}
				return array;
			}
			default:
				return primitive(schema, type);
		}
	}

	private static JsonNode primitive(JsonNode schema, String type) {
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return schema.path("enum").get(0);
		}
		switch (type) {
			case "boolean":
				return NODES.booleanNode(true);
			case "integer":
			case "number": {
				long value = 0;
				if (schema.has("minimum")) {
					value = schema.get("minimum").asLong();
				}
				if (schema.has("maximum")) {
					value = schema.get("maximum").asLong();
				}
				return NODES.numberNode(value);
			}
			default: {
				if (schema.has("pattern")) {
					throw new IllegalStateException("Swagger UI would make up a random string for the pattern "
							+ schema.get("pattern") + ": give the property an example");
				}
				String value = switch (schema.path("format").asString("")) {
					case "date-time" -> Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
					case "date" -> LocalDate.now(ZoneOffset.UTC).toString();
					case "uuid" -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
					case "email" -> "user@example.com";
					case "ipv4" -> "198.51.100.42";
					default -> "string";
				};
				int max = schema.path("maxLength").asInt(0);
				return NODES.stringNode((max > 0 && value.length() > max) ? value.substring(0, max) : value);
			}
		}
	}

	/** {@code examples[0]}, then {@code default}, then {@code example}, or null. */
	private static JsonNode plainValue(JsonNode schema) {
		if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
			return schema.path("examples").get(0);
		}
		if (schema.has("default")) {
			return schema.get("default");
		}
		return schema.get("example");
	}

	/** The declared type, or the one its keywords imply. */
	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isString()) {
			return type.asString();
		}
		if (type != null && type.isArray() && !type.isEmpty()) {
			for (JsonNode each : type) {
				if (each.asString().equals("array") || each.asString().equals("object")) {
					return each.asString();
				}
			}
			return type.get(0).asString();
		}
		if (schema.has("properties") || schema.has("additionalProperties") || schema.has("required")) {
			return "object";
		}
		if (schema.has("items")) {
			return "array";
		}
		return "string";
	}

	private JsonNode resolve(JsonNode node) {
		return resolve(this.document, node);
	}

	/** Follows {@code $ref}s within an OpenAPI document. */
	public static JsonNode resolve(JsonNode document, JsonNode node) {
		JsonNode ref = node.get("$ref");
		if (ref == null) {
			return node;
		}
		JsonNode target = document;
		for (String step : ref.asString().substring(2).split("/")) {
			target = target.path(step);
		}
		return resolve(document, target);
	}

	/** An example given as JSON text is sent as that text. */
	private static JsonNode parsed(JsonNode value) {
		if (!value.isString()) {
			return value;
		}
		try {
			return JSON.readTree(value.asString());
		}
		catch (RuntimeException ex) {
			return value;
		}
	}

}
