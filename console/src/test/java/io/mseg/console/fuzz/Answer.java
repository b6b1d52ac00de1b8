package io.mseg.console.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console answered a fuzz request: status, headers (names in lower case), body;
 * or, when no HTTP answer came, why.
 */
public record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure) {

	public static Answer none(String failure) {
		return new Answer(-1, Map.of(), new byte[0], failure);
	}

	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	public String describe(int bodyExcerpt) {
		if (this.status < 0) {
			return "no HTTP answer: " + this.failure;
		}
		String type = header("content-type");
		return this.status + ((type != null) ? ", Content-Type: " + type : ", no Content-Type") + ", body ("
				+ this.body.length + " bytes): " + Excerpts.printable(this.body, bodyExcerpt);
	}

}
