package io.mseg.console.fuzz;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.mseg.console.fuzz.ApiDescription.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid request bodies built from the schemas' properties. The schema gives the shape;
 * what it cannot express (the syntax of tags, CIDRs, service ports, a CSR, the ID of an
 * existing unit) comes from a short list of values by property name. Names and addresses
 * are unique per request number, so that a body accepted by mistake never collides with a
 * later one.
 */
public final class ExampleBodies {

	private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

	private final ApiDescription api;

	private final Existing existing;

	public ExampleBodies(ApiDescription api, Existing existing) {
		this.api = api;
		this.existing = existing;
	}

	/** What valid bodies take from the console under test. */
	public interface Existing {

		/** A PEM certificate signing request. */
		String csr();

		/** The ID of an existing processing unit. */
		String unitId();

		/** A valid import document (an export). */
		JsonNode document();

		/** The name of a section of the enforcer's current rendered policy. */
		String section();

		/**
		 * The name a body for the operation must keep (an update keeps the object's
		 * name), or null.
		 */
		String fixedName(Operation operation);

	}

	/** A valid body for {@code operation}, request number {@code n}. */
	public JsonNode example(Operation operation, int n) {
		return value(operation, operation.bodySchema(), null, null, n);
	}

	private JsonNode value(Operation operation, JsonNode reference, String owner, String property, int n) {
		JsonNode schema = this.api.resolve(reference);
		String name = ApiDescription.refName(reference);
		JsonNode hinted = hint(operation, owner, name, property, n);
		if (hinted != null) {
			return hinted.isMissingNode() ? null : hinted;
		}
		String type = schema.path("type").asString("object");
		switch (type) {
			case "object": {
				ObjectNode object = NODES.objectNode();
				if (schema.has("properties")) {
					for (var entry : schema.get("properties").properties()) {
						if (entry.getValue().path("readOnly").asBoolean(false)) {
							continue;
						}
						JsonNode value = value(operation, entry.getValue(), (name != null) ? name : owner,
								entry.getKey(), n);
						if (value != null) {
							object.set(entry.getKey(), value);
						}
					}
				}
				else if (schema.path("additionalProperties").isObject()) {
					JsonNode value = value(operation, schema.get("additionalProperties"), name, null, n);
					object.set("fuzz", value);
				}
				return object;
			}
			case "array": {
				ArrayNode array = NODES.arrayNode();
				array.add(value(operation, schema.get("items"), owner, null, n));
				return array;
			}
			case "integer":
			case "number":
				if (schema.has("example")) {
					return schema.get("example");
				}
				return schema.has("default") ? schema.get("default") : NODES.numberNode(1);
			case "boolean":
				return NODES.booleanNode(false);
			default:
				if (schema.has("enum")) {
					return schema.get("enum").get(0);
				}
				if ("date-time".equals(schema.path("format").asString(""))) {
					// An expiration must lie ahead, within a year.
					return NODES.stringNode((property != null && property.contains("expiration"))
							? Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString()
							: "2025-01-01T00:00:00Z");
				}
				if (schema.has("example")) {
					return schema.get("example");
				}
				return NODES.stringNode(schema.has("default") ? schema.get("default").asString() : "fuzz");
		}
	}

	/**
	 * A value the schema cannot express, a missing node to leave it out, or null.
	 * {@code owner} names the schema of the object that holds {@code property},
	 * {@code schema} the schema of the value.
	 */
	private JsonNode hint(Operation operation, String owner, String schema, String property, int n) {
		if ("TransferDocument".equals(schema)) {
			return this.existing.document();
		}
		if ("ExplainRequest".equals(owner) && "source".equals(property)) {
			return NODES.objectNode().put("address", "203.0.113.7");
		}
		if ("ExplainRequest".equals(owner) && "destination".equals(property)) {
			return NODES.objectNode().put("processingUnitID", this.existing.unitId());
		}
		if ("ExternalNetwork".equals(owner) && "source".equals(property)) {
			// Entries or a source, never both (the schema cannot say so): the example is
			// a
			// network with entries.
			return NODES.missingNode();
		}
		if (property == null) {
			return null;
		}
		switch (property) {
			case "name": {
				if (operation.path().endsWith("/certificate")) {
					// A renewal never renames: the enforcer leaves its name out.
					return NODES.missingNode();
				}
				String fixed = this.existing.fixedName(operation);
				return NODES.stringNode((fixed != null) ? fixed : "fz-" + n);
			}
			case "associatedTags":
			case "tags":
				return strings("fuzz=t" + n);
			case "subject":
			case "object":
				return NODES.arrayNode().add(strings("app=fuzz"));
			case "entries":
				return strings("198.51.100.0/24");
			case "servicePorts":
			case "ports":
				return strings("tcp/443");
			case "addresses":
				return strings(address(n));
			case "certificateRequest":
				return NODES.stringNode(this.existing.csr());
			case "sections":
				return strings(this.existing.section());
			case "maxUses":
				return NODES.numberNode(10);
			case "currentVersion":
				return NODES.stringNode("1.0.0");
			case "description":
				return NODES.stringNode("fuzz " + n);
			case "label":
				return NODES.stringNode("fuzz-" + n);
			case "domain":
			case "enforcerID":
			case "icmpCode":
			case "icmpType":
			case "processingUnitID":
				return NODES.missingNode();
			default:
				return null;
		}
	}

	private static ArrayNode strings(String... values) {
		ArrayNode array = NODES.arrayNode();
		for (String value : values) {
			array.add(value);
		}
		return array;
	}

	/** A unique IPv4 address for request {@code n}, in 10.64.0.0/10. */
	public static String address(int n) {
		return "10." + (64 + (n / 62_500) % 64) + "." + ((n / 250) % 250) + "." + (n % 250 + 1);
	}

}
