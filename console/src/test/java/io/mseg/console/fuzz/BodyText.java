package io.mseg.console.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A body tree written as JSON or YAML, then spliced at markers: what no writer produces
 * on its own (duplicate keys, raw bytes that are not UTF-8, nesting beyond any parser's
 * limit) goes in as a marker string that is replaced in the written bytes.
 */
public final class BodyText {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final List<Splice> splices = new ArrayList<>();

	private int markers;

	/** The formats of bodies. */
	public enum Format {

		JSON("json", "application/json"), YAML("yaml", "application/yaml");

		private final String label;

		private final String mediaType;

		Format(String label, String mediaType) {
			this.label = label;
			this.mediaType = mediaType;
		}

		public String label() {
			return this.label;
		}

		public String mediaType() {
			return this.mediaType;
		}

	}

	/**
	 * A new marker that, written as a whole string value or key (quoted or not), is
	 * replaced by {@code raw}.
	 */
	public String token(byte[] raw) {
		String marker = marker();
		this.splices.add(new Splice(marker, raw, true));
		return marker;
	}

	public String token(String raw) {
		return token(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** A new marker, to put inside a string, that is replaced by {@code raw}. */
	public String inside(byte[] raw) {
		String marker = marker();
		this.splices.add(new Splice(marker, raw, false));
		return marker;
	}

	private String marker() {
		return "zqFUZZ" + (this.markers++) + "zq";
	}

	public byte[] write(JsonNode tree, Format format) {
		String text = (format == Format.JSON) ? JSON.writeValueAsString(tree) : YAML.writeValueAsString(tree);
		return splice(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Plain JSON or YAML, without splices. */
	public static byte[] plain(JsonNode tree, Format format) {
		return new BodyText().write(tree, format);
	}

	private byte[] splice(byte[] text) {
		byte[] result = text;
		for (Splice splice : this.splices) {
			byte[] quoted = ("\"" + splice.marker + "\"").getBytes(StandardCharsets.UTF_8);
			byte[] bare = splice.marker.getBytes(StandardCharsets.UTF_8);
			if (splice.whole && indexOf(result, quoted) >= 0) {
				result = replace(result, quoted, splice.raw);
			}
			else {
				result = replace(result, bare, splice.raw);
			}
		}
		return result;
	}

	private static byte[] replace(byte[] text, byte[] target, byte[] replacement) {
		int at = indexOf(text, target);
		if (at < 0) {
			throw new IllegalStateException("marker " + new String(target, StandardCharsets.UTF_8) + " not written");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + replacement.length);
		out.write(text, 0, at);
		out.writeBytes(replacement);
		out.write(text, at + target.length, text.length - at - target.length);
		return out.toByteArray();
	}

	static int indexOf(byte[] text, byte[] target) {
		outer: for (int i = 0; i <= text.length - target.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (text[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private record Splice(String marker, byte[] raw, boolean whole) {
	}

}
