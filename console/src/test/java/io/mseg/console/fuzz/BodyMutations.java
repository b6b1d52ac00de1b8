package io.mseg.console.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import io.mseg.console.fuzz.ApiDescription.Operation;
import io.mseg.console.fuzz.BodySlots.Slot;
import io.mseg.console.fuzz.BodyText.Format;
import io.mseg.console.fuzz.Mutation.Context;
import io.mseg.console.fuzz.Mutation.Mutator;
import io.mseg.console.fuzz.Mutation.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad bodies, in JSON and in YAML: a valid example body with one thing wrong at one place
 * of its tree (an unknown or misspelled field, a duplicate key, a wrong type, a huge or
 * deeply nested value, NUL, bytes that are not UTF-8), or its text broken (truncated,
 * malformed, followed by more, empty).
 */
public final class BodyMutations {

	private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

	private static final List<String> UNKNOWN_FIELDS = List.of("zzFuzzField", "extraField", "metadata", "apiVersion",
			"x-comment", "_links", "kind", "spec");

	/**
	 * Byte sequences that are not UTF-8, by class (a decoder may let one class through
	 * and not another), each with what it is.
	 */
	static final Map<String, List<Object[]>> INVALID_UTF8 = Map
		.of("overlong",
				List.of(new Object[] { "overlong '/' (C0 AF)", bytes(0xC0, 0xAF) },
						new Object[] { "overlong NUL (C0 80)", bytes(0xC0, 0x80) },
						new Object[] { "3-byte overlong '/' (E0 80 AF)", bytes(0xE0, 0x80, 0xAF) }),
				"CESU-8 surrogates",
				List.of(new Object[] { "CESU-8 surrogate pair for U+1F600", bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80) },
						new Object[] { "lone high surrogate U+D800", bytes(0xED, 0xA0, 0x80) },
						new Object[] { "lone low surrogate U+DC00", bytes(0xED, 0xB0, 0x80) }),
				"above U+10FFFF",
				List.of(new Object[] { "F4 90 80 80 (U+110000)", bytes(0xF4, 0x90, 0x80, 0x80) },
						new Object[] { "5-byte form (F8 88 80 80 80)", bytes(0xF8, 0x88, 0x80, 0x80, 0x80) }),
				"broken sequence",
				List.of(new Object[] { "stray continuation byte (80)", bytes(0x80) },
						new Object[] { "byte FF", bytes(0xFF) },
						new Object[] { "truncated 3-byte sequence (E2 82)", bytes(0xE2, 0x82) }));

	/** Every sequence of {@link #INVALID_UTF8}, whatever its class. */
	private static final List<Object[]> ANY_INVALID_UTF8 = INVALID_UTF8.values()
		.stream()
		.flatMap(List::stream)
		.toList();

	private static final List<String> BIG_INTEGERS = List.of("2147483648", "-2147483649", "9223372036854775808",
			"123456789012345678901234567890", "1e400", "-1e400");

	private static final int DEPTH = 5000;

	private final Context context;

	private final Map<String, BodySlots> shapes = new HashMap<>();

	public BodyMutations(Context context) {
		this.context = context;
	}

	public List<Mutation> all() {
		List<Mutation> all = new ArrayList<>();
		for (Format format : Format.values()) {
			kinds(format, all);
		}
		return all;
	}

	private void kinds(Format f, List<Mutation> all) {
		String p = f.label() + ": ";
		Predicate<Operation> takes = (op) -> op.hasBody() && (f == Format.JSON || op.acceptsYaml());
		all.add(kind(p + "valid body (control)", takes, tree(f, (root, slots, text, r) -> Outcome.any("the example"))));
		all.add(kind(p + "unknown field (top level)", takes.and((op) -> !objects(op, true).isEmpty()),
				tree(f, (root, slots, text, r) -> unknownField(slots, true, r))));
		all.add(kind(p + "unknown field (nested)", takes.and((op) -> !objects(op, false).isEmpty()),
				tree(f, (root, slots, text, r) -> unknownField(slots, false, r))));
		all.add(kind(p + "misspelled field (top level)", takes.and((op) -> !fields(op, true).isEmpty()),
				tree(f, (root, slots, text, r) -> misspelled(slots, true, r))));
		all.add(kind(p + "misspelled field (nested)", takes.and((op) -> !fields(op, false).isEmpty()),
				tree(f, (root, slots, text, r) -> misspelled(slots, false, r))));
		all.add(kind(p + "duplicate key (top level)", takes.and((op) -> !fields(op, true).isEmpty()),
				tree(f, (root, slots, text, r) -> duplicate(slots, text, true, r))));
		all.add(kind(p + "duplicate key (nested)", takes.and((op) -> !fields(op, false).isEmpty()),
				tree(f, (root, slots, text, r) -> duplicate(slots, text, false, r))));
		all.add(kind(p + "wrong type", takes, tree(f, (root, slots, text, r) -> wrongType(slots, r))));
		all.add(kind(p + "unknown enum value", takes.and((op) -> !enums(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(enums(slots), r);
					String value = slot.value().asString();
					String wrong = r.nextBoolean() ? value.substring(0, value.length() - 1) : "Fuzz" + value;
					slot.replace(NODES.stringNode(wrong));
					return Outcome.refuse(slot.pathText() + " = \"" + wrong + "\"");
				})));
		all.add(kind(p + "null for a required field", takes.and((op) -> !required(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(required(slots), r);
					slot.replace(NODES.nullNode());
					return Outcome.refuse(slot.pathText() + " = null");
				})));
		all.add(kind(p + "integer out of range", takes.and((op) -> !integers(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(integers(slots), r);
					String value = pick(BIG_INTEGERS, r);
					slot.replace(NODES.stringNode(text.token(value)));
					return Outcome.refuse(slot.pathText() + " = " + value);
				})));
		all.add(kind(p + "fraction for an integer", takes.and((op) -> !integers(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(integers(slots), r);
					slot.replace(NODES.stringNode(text.token("1.5")));
					return Outcome.refuse(slot.pathText() + " = 1.5");
				})));
		all.add(kind(p + "long string (64 KiB)", takes.and((op) -> !strings(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(strings(slots), r);
					slot.replace(NODES.stringNode("a".repeat(65_536)));
					return Outcome.any(slot.pathText() + " = 65,536 x 'a'");
				})));
		all.add(kind(p + "body over the size limit", takes.and((op) -> !strings(op).isEmpty()), (d, op, r, n) -> {
			JsonNode root = this.context.example(op, n);
			BodySlots slots = new BodySlots(this.context.api(), op.bodySchema(), root);
			Slot slot = pick(strings(slots), r);
			int size = (int) Math.min(Integer.MAX_VALUE - 1024, this.context.maxBodySize(op) + 1024);
			slot.replace(NODES.stringNode("a".repeat(size)));
			write(d, root, new BodyText(), f);
			// Without it, a client that writes tens of megabytes before it reads loses
			// the 413 when the server stops reading and closes.
			d.expectContinue = true;
			return Outcome.refuse(slot.pathText() + " = " + size + " x 'a' (limit " + this.context.maxBodySize(op)
					+ " bytes), with Expect: 100-continue");
		}));
		all.add(kind(p + "long array (20,000 items)", takes.and((op) -> !arrays(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(arrays(slots), r);
					ArrayNode array = NODES.arrayNode();
					JsonNode first = slot.value().isEmpty() ? NODES.stringNode("x") : slot.value().get(0);
					for (int i = 0; i < 20_000; i++) {
						array.add(first.isString() ? NODES.stringNode(first.asString() + i) : first.deepCopy());
					}
					slot.replace(array);
					return Outcome.any(slot.pathText() + " = 20,000 items like " + first);
				})));
		all.add(kind(p + "deep nesting (5,000 levels)", takes, tree(f, (root, slots, text, r) -> {
			Slot slot = pick(slots.values(), r);
			boolean arrays = r.nextBoolean();
			String nested = arrays ? "[".repeat(DEPTH) + "]".repeat(DEPTH)
					: "{\"a\": ".repeat(DEPTH) + "1" + "}".repeat(DEPTH);
			slot.replace(NODES.stringNode(text.token(nested)));
			return Outcome.refuse(slot.pathText() + " = " + (arrays ? "[[[...]]]" : "{\"a\": {\"a\": ...}}") + ", "
					+ DEPTH + " levels");
		})));
		all.add(kind(p + "NUL character (escaped)", takes.and((op) -> !strings(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(strings(slots), r);
					slot.replace(NODES.stringNode(slot.value().asString() + "\u0000x"));
					return Outcome
						.refuse(slot.pathText() + " ends with " + ((f == Format.JSON) ? "\\u0000" : "\\0") + "x");
				})));
		all.add(kind(p + "NUL byte (raw)", takes.and((op) -> !strings(op).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(strings(slots), r);
					slot.replace(NODES.stringNode(slot.value().asString() + text.inside(bytes(0))));
					return Outcome.refuse(slot.pathText() + " ends with a raw 00 byte");
				})));
		for (String utf8Class : List.of("overlong", "CESU-8 surrogates", "above U+10FFFF", "broken sequence")) {
			all.add(kind(p + "invalid UTF-8 (" + utf8Class + ") in a string", takes.and((op) -> !strings(op).isEmpty()),
					tree(f, (root, slots, text, r) -> {
						Slot slot = pick(strings(slots), r);
						Object[] sequence = pick(INVALID_UTF8.get(utf8Class), r);
						slot.replace(NODES.stringNode(slot.value().asString() + text.inside((byte[]) sequence[1])));
						return Outcome.refuse(slot.pathText() + " ends with " + sequence[0]);
					})));
		}
		all.add(kind(p + "invalid UTF-8 in a key", takes.and((op) -> !fields(op, true).isEmpty()),
				tree(f, (root, slots, text, r) -> {
					Slot slot = pick(slots.fields(), r);
					Object[] sequence = pick(ANY_INVALID_UTF8, r);
					String key = slot.key().substring(0, 1) + text.inside((byte[]) sequence[1])
							+ slot.key().substring(1);
					rename((ObjectNode) slot.container(), slot.key(), key);
					return Outcome.refuse(slot.pathText() + ": key with " + sequence[0] + " after its first letter");
				})));
		all.add(kind(p + "truncated", takes, text(f, (valid, r) -> {
			int cut = 1 + r.nextInt(Math.max(1, valid.length - 2));
			// Cut YAML is often YAML still, saying less: only JSON must be refused.
			return new Object[] { java.util.Arrays.copyOf(valid, cut),
					new Outcome("cut after " + cut + " of " + valid.length + " bytes", f == Format.JSON) };
		})));
		all.add(kind(p + "malformed syntax", takes, text(f, (valid, r) -> malformed(f, valid, r))));
		all.add(kind(p + "trailing content", takes, text(f, (valid, r) -> {
			String body = new String(valid, StandardCharsets.UTF_8);
			List<String> endings = (f == Format.JSON) ? List.of(" " + body, " x", "]", "\n{}")
					: List.of("\n---\n" + body, "\n...\nzz: 1\n", "\n--- fuzz\n");
			String ending = pick(endings, r);
			return new Object[] { (body + ending).getBytes(StandardCharsets.UTF_8),
					Outcome.refuse("followed by " + Excerpts.printable(ending, 40)) };
		})));
		all.add(kind(p + "wrong root type", takes, (d, op, r, n) -> {
			boolean array = this.context.example(op, n).isArray();
			List<String> roots = new ArrayList<>((f == Format.JSON) ? List.of("\"fuzz\"", "42", "true", "null")
					: List.of("fuzz", "42", "true", "~"));
			roots.add(array ? "{}" : "[]");
			String root = pick(roots, r);
			d.body = root.getBytes(StandardCharsets.UTF_8);
			d.setHeader("Content-Type", f.mediaType());
			boolean isNull = root.equals("null") || root.equals("~");
			return new Outcome("the body is " + root, !isNull || op.bodyRequired());
		}));
		all.add(kind(p + "empty body", takes, (d, op, r, n) -> {
			d.body = new byte[0];
			d.setHeader("Content-Type", f.mediaType());
			return new Outcome("no bytes", op.bodyRequired());
		}));
		if (f == Format.YAML) {
			all.add(kind(p + "alias bomb", takes.and((op) -> !this.context.example(op, 0).isArray()),
					text(f, (valid, r) -> {
						StringBuilder bomb = new StringBuilder(new String(valid, StandardCharsets.UTF_8));
						bomb.append("\nzz0: &zz0 [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
						for (int level = 1; level <= 6; level++) {
							bomb.append("zz").append(level).append(": &zz").append(level).append(" [");
							for (int i = 0; i < 9; i++) {
								bomb.append((i > 0) ? "," : "").append("*zz").append(level - 1);
							}
							bomb.append("]\n");
						}
						return new Object[] { bomb.toString().getBytes(StandardCharsets.UTF_8),
								Outcome.refuse("six levels of aliases (9^6 scalars) in unknown fields zz0..zz6") };
					})));
			all.add(kind(p + "custom tag", takes.and((op) -> !strings(op).isEmpty()),
					tree(f, (root, slots, text, r) -> {
						Slot slot = pick(strings(slots), r);
						String tagged = pick(List.of("!!binary \"ZnV6eg==\"", "!fuzz \"x\"", "!!set {a, b}",
								"!!timestamp \"2025-01-01\"", "!<tag:fuzz.example,2025:x> \"x\""), r);
						slot.replace(NODES.stringNode(text.token(tagged)));
						// Tags change what a value is or mean nothing here: refused.
						return Outcome.refuse(slot.pathText() + " = " + tagged);
					})));
			all.add(kind(p + "YAML 1.1 boolean", takes.and((op) -> !booleans(op).isEmpty()),
					tree(f, (root, slots, text, r) -> {
						Slot slot = pick(booleans(slots), r);
						String value = pick(List.of("yes", "no", "on", "off", "y", "N"), r);
						slot.replace(NODES.stringNode(text.token(value)));
						return Outcome.any(slot.pathText() + " = " + value);
					})));
			all.add(kind(p + "JSON text", takes, (d, op, r, n) -> {
				d.body = BodyText.plain(this.context.example(op, n), Format.JSON);
				d.setHeader("Content-Type", f.mediaType());
				return Outcome.any("the example as JSON, which is YAML too");
			}));
		}
	}

	private static Mutation kind(String name, Predicate<Operation> applies, Mutator mutator) {
		return new Mutation("body", name, applies, mutator);
	}

	/** Edits the example tree; the edit answers null when the tree offers no place. */
	private interface TreeEdit {

		Outcome edit(JsonNode root, BodySlots slots, BodyText text, Random random);

	}

	/** Edits the example's text; answers the new bytes and the outcome. */
	private interface TextEdit {

		Object[] edit(byte[] valid, Random random);

	}

	private Mutator tree(Format format, TreeEdit edit) {
		return (draft, operation, random, n) -> {
			JsonNode root = this.context.example(operation, n);
			BodySlots slots = new BodySlots(this.context.api(), operation.bodySchema(), root);
			BodyText text = new BodyText();
			Outcome outcome = edit.edit(root, slots, text, random);
			if (outcome != null) {
				write(draft, root, text, format);
			}
			return outcome;
		};
	}

	private Mutator text(Format format, TextEdit edit) {
		return (draft, operation, random, n) -> {
			Object[] edited = edit.edit(BodyText.plain(this.context.example(operation, n), format), random);
			if (edited == null) {
				return null;
			}
			draft.body = (byte[]) edited[0];
			draft.setHeader("Content-Type", format.mediaType());
			return (Outcome) edited[1];
		};
	}

	private static void write(Draft draft, JsonNode root, BodyText text, Format format) {
		draft.body = text.write(root, format);
		draft.setHeader("Content-Type", format.mediaType());
	}

	private Outcome unknownField(BodySlots slots, boolean top, Random r) {
		List<Slot> objects = slots.objects().stream().filter((s) -> slots.isTopLevel(s, true) == top).toList();
		if (objects.isEmpty()) {
			return null;
		}
		Slot slot = pick(objects, r);
		Set<String> taken = propertyNames(slot);
		List<String> names = UNKNOWN_FIELDS.stream().filter((name) -> !taken.contains(name)).toList();
		String name = pick(names, r);
		JsonNode value = pick(List.of(NODES.stringNode("x"), NODES.numberNode(1), NODES.booleanNode(true),
				NODES.objectNode(), NODES.arrayNode().add("x")), r);
		((ObjectNode) slot.value()).set(name, value);
		String where = slot.path().isEmpty() ? "" : slot.pathText() + ".";
		return Outcome.refuse(where + name + " = " + value);
	}

	private Outcome misspelled(BodySlots slots, boolean top, Random r) {
		List<Slot> fields = slots.fields().stream().filter((s) -> slots.isTopLevel(s, false) == top).toList();
		if (fields.isEmpty()) {
			return null;
		}
		Slot slot = pick(fields, r);
		Set<String> taken = propertyNames(
				slots.objects().stream().filter((o) -> o.value() == slot.container()).findFirst().orElseThrow());
		String typo = typo(slot.key(), taken, r);
		rename((ObjectNode) slot.container(), slot.key(), typo);
		return Outcome.refuse(slot.pathText() + " spelt " + typo);
	}

	private Outcome duplicate(BodySlots slots, BodyText text, boolean top, Random r) {
		List<Slot> fields = slots.fields().stream().filter((s) -> slots.isTopLevel(s, false) == top).toList();
		if (fields.isEmpty()) {
			return null;
		}
		Slot slot = pick(fields, r);
		// A second value that is valid too, different where that is safe: a parser that
		// keeps the last one shows it in its answer.
		JsonNode second = slot.value().deepCopy();
		if (slot.value().isBoolean()) {
			second = NODES.booleanNode(!slot.value().asBoolean());
		}
		else if (slot.value().isString() && List.of("name", "description", "label").contains(slot.key())) {
			second = NODES.stringNode(slot.value().asString() + "-2");
		}
		// The marker becomes the key's own text: the written body has the key twice.
		((ObjectNode) slot.container()).set(text.inside(slot.key().getBytes(StandardCharsets.UTF_8)), second);
		return Outcome.refuse(slot.pathText() + " given twice, the second time as " + second);
	}

	private Outcome wrongType(BodySlots slots, Random r) {
		Slot slot = pick(slots.values(), r);
		String type = slot.type();
		List<JsonNode> wrong = new ArrayList<>();
		switch (type) {
			case "string" -> {
				wrong.add(NODES.objectNode().put("fuzz", 1));
				wrong.add(NODES.arrayNode().add("x"));
				if (slot.schema() != null && "date-time".equals(slot.schema().path("format").asString(""))) {
					wrong.add(NODES.stringNode("not-a-date"));
				}
			}
			case "integer", "number" -> {
				wrong.add(NODES.stringNode("abc"));
				wrong.add(NODES.objectNode());
				wrong.add(NODES.arrayNode().add(1));
			}
			case "boolean" -> {
				wrong.add(NODES.stringNode("maybe"));
				wrong.add(NODES.objectNode().put("a", true));
				wrong.add(NODES.arrayNode().add(true));
			}
			case "array" -> {
				wrong.add(NODES.stringNode("x"));
				wrong.add(NODES.objectNode().put("a", 1));
				wrong.add(NODES.numberNode(7));
			}
			default -> {
				wrong.add(NODES.stringNode("x"));
				wrong.add(NODES.arrayNode().add(1));
				wrong.add(NODES.numberNode(7));
			}
		}
		JsonNode value = pick(wrong, r);
		slot.replace(value);
		return Outcome.refuse(slot.pathText() + " (" + type + ") = " + value);
	}

	private static Object[] malformed(Format f, byte[] valid, Random r) {
		String body = new String(valid, StandardCharsets.UTF_8);
		List<String[]> variants = new ArrayList<>();
		if (f == Format.JSON) {
			if (body.contains("\":")) {
				variants.add(new String[] { "'=' instead of ':'", body.replaceFirst("\":", "\"=") });
				variants.add(new String[] { "an unquoted key", body.replaceFirst("\"([^\"]+)\":", "$1:") });
			}
			variants.add(new String[] { "a trailing comma",
					body.substring(0, body.length() - 1) + "," + body.substring(body.length() - 1) });
			variants.add(new String[] { "single quotes", body.replace('"', '\'') });
			variants.add(new String[] { "a comment", "/* fuzz */ " + body });
			if (body.contains(",")) {
				variants.add(new String[] { "a missing comma", body.replaceFirst(",", " ") });
			}
			variants.add(new String[] { "a mismatched closing bracket",
					body.substring(0, body.length() - 1) + (body.endsWith("}") ? "]" : "}") });
		}
		else {
			String[] lines = body.split("\n", -1);
			int line = (lines.length > 1 && lines[0].equals("---")) ? 1 : 0;
			lines[line] = "\t" + lines[line];
			variants.add(new String[] { "a tab indenting a line", String.join("\n", lines) });
			variants.add(new String[] { "an unclosed flow sequence", body + "zz: [a, b\n" });
			variants.add(new String[] { "an unclosed quote", body + "zz: \"abc\n" });
			variants.add(new String[] { "a mapping inside a scalar", body + "zz: a\n  yy: b\n" });
			variants.add(new String[] { "a line of only colons", body + ": :\n" });
		}
		String[] variant = pick(variants, r);
		return new Object[] { variant[1].getBytes(StandardCharsets.UTF_8), Outcome.refuse(variant[0]) };
	}

	/** A misspelling of {@code key} that is no field of the object. */
	static String typo(String key, Set<String> taken, Random r) {
		for (int attempt = 0; attempt < 50; attempt++) {
			String typo;
			int at = r.nextInt(key.length());
			switch (r.nextInt(6)) {
				case 0 -> typo = (key.length() > 1) ? key.substring(0, at) + key.substring(at + 1) : key + key;
				case 1 -> typo = key.substring(0, at) + key.charAt(at) + key.substring(at);
				case 2 -> typo = (key.length() > 1 && at < key.length() - 1)
						? key.substring(0, at) + key.charAt(at + 1) + key.charAt(at) + key.substring(at + 2)
						: key + "s";
				case 3 -> typo = Character.isUpperCase(key.charAt(0))
						? key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1)
						: key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);
				case 4 -> typo = key.toLowerCase(Locale.ROOT).equals(key) ? key + "s" : key.toLowerCase(Locale.ROOT);
				default -> typo = key.substring(0, at) + (char) ('a' + r.nextInt(26)) + key.substring(at + 1);
			}
			if (!typo.equals(key) && !taken.contains(typo)) {
				return typo;
			}
		}
		return key + "Typo";
	}

	private static void rename(ObjectNode object, String from, String to) {
		ObjectNode copy = object.deepCopy();
		object.removeAll();
		copy.properties().forEach((p) -> object.set(p.getKey().equals(from) ? to : p.getKey(), p.getValue()));
	}

	/** The names an object may have: its schema's properties, read-only ones included. */
	private Set<String> propertyNames(Slot object) {
		Set<String> names = new HashSet<>(object.value().propertyNames());
		if (object.schema() != null) {
			names.addAll(object.schema().path("properties").propertyNames());
		}
		return names;
	}

	private BodySlots shape(Operation op) {
		return this.shapes.computeIfAbsent(op.name(),
				(name) -> new BodySlots(this.context.api(), op.bodySchema(), this.context.example(op, 0)));
	}

	private List<Slot> objects(Operation op, boolean top) {
		if (!op.hasBody()) {
			return List.of();
		}
		BodySlots slots = shape(op);
		return slots.objects().stream().filter((s) -> slots.isTopLevel(s, true) == top).toList();
	}

	private List<Slot> fields(Operation op, boolean top) {
		if (!op.hasBody()) {
			return List.of();
		}
		BodySlots slots = shape(op);
		return slots.fields().stream().filter((s) -> slots.isTopLevel(s, false) == top).toList();
	}

	private List<Slot> enums(Operation op) {
		return op.hasBody() ? enums(shape(op)) : List.of();
	}

	private static List<Slot> enums(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.schema() != null && s.schema().has("enum")).toList();
	}

	private List<Slot> required(Operation op) {
		return op.hasBody() ? required(shape(op)) : List.of();
	}

	private static List<Slot> required(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.isRequired(slots.parentSchema(s))).toList();
	}

	private List<Slot> integers(Operation op) {
		return op.hasBody() ? integers(shape(op)) : List.of();
	}

	private static List<Slot> integers(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.type().equals("integer")).toList();
	}

	private List<Slot> strings(Operation op) {
		return op.hasBody() ? strings(shape(op)) : List.of();
	}

	private static List<Slot> strings(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.value().isString()).toList();
	}

	private List<Slot> arrays(Operation op) {
		return op.hasBody() ? arrays(shape(op)) : List.of();
	}

	private static List<Slot> arrays(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.value().isArray()).toList();
	}

	private List<Slot> booleans(Operation op) {
		return op.hasBody() ? booleans(shape(op)) : List.of();
	}

	private static List<Slot> booleans(BodySlots slots) {
		return slots.values().stream().filter((s) -> s.value().isBoolean()).toList();
	}

	static <T> T pick(List<T> items, Random random) {
		return items.get(random.nextInt(items.size()));
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
