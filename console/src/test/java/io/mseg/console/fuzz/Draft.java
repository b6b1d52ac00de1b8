package io.mseg.console.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request being built: it starts valid for its operation and each mutation changes one
 * thing about it. Paths, query strings and header values are kept as they go on the wire
 * (ISO-8859-1, one char per byte), so a raw-socket request can carry any byte.
 */
public final class Draft {

	/** The Authorization header of the request's credential. */
	public static final String FROM_CREDENTIAL = "\u0000credential";

	public String method;

	public String path;

	public final List<String[]> query = new ArrayList<>();

	/** Name and value; an empty name is a raw header line (the value, as it is). */
	public final List<String[]> headers = new ArrayList<>();

	public byte[] body;

	public Credential credential;

	/** {@link #FROM_CREDENTIAL}, another header value, or null for none. */
	public String authorization = FROM_CREDENTIAL;

	/**
	 * Sent over a raw TLS socket instead of the JDK client (which refuses odd requests).
	 */
	public boolean raw;

	public String version = "HTTP/1.1";

	public boolean host = true;

	/** For raw requests whose body is framed by the mutation (chunked). */
	public boolean contentLength = true;

	/**
	 * Whether to send {@code Expect: 100-continue} and wait for the server's go-ahead
	 * before the body, as curl does with large bodies.
	 */
	public boolean expectContinue;

	/** A request-target given as is (absolute form), or null. */
	public String target;

	public Draft(String method, String path, Credential credential) {
		this.method = method;
		this.path = path;
		this.credential = credential;
	}

	public String target() {
		if (this.target != null) {
			return this.target;
		}
		StringBuilder target = new StringBuilder(this.path);
		for (int i = 0; i < this.query.size(); i++) {
			target.append((i == 0) ? '?' : '&').append(this.query.get(i)[0]);
			if (this.query.get(i)[1] != null) {
				target.append('=').append(this.query.get(i)[1]);
			}
		}
		return target.toString();
	}

	public String header(String name) {
		return this.headers.stream()
			.filter((h) -> h[0].equalsIgnoreCase(name))
			.map((h) -> h[1])
			.findFirst()
			.orElse(null);
	}

	public void setHeader(String name, String value) {
		removeHeader(name);
		if (value != null) {
			this.headers.add(new String[] { name, value });
		}
	}

	public void addHeader(String name, String value) {
		this.headers.add(new String[] { name, value });
	}

	public void removeHeader(String name) {
		this.headers.removeIf((h) -> h[0].equalsIgnoreCase(name));
	}

	public void setQuery(String name, String value) {
		this.query.removeIf((q) -> q[0].equals(name));
		this.query.add(new String[] { name, value });
	}

	/** Whether a well-behaved server may change anything for this request. */
	public boolean mayWrite() {
		String upper = this.method.toUpperCase(Locale.ROOT);
		return !upper.equals("GET") && !upper.equals("HEAD");
	}

	/** The request for a report: headers without secrets, the body cut short. */
	public String describe(int bodyExcerpt) {
		StringBuilder text = new StringBuilder();
		text.append(this.method).append(' ').append(Excerpts.printable(target(), 300)).append(' ').append(this.version);
		if (this.raw) {
			text.append("   (raw socket)");
		}
		text.append('\n');
		if (this.authorization == null) {
			text.append("    (no Authorization)\n");
		}
		else if (this.authorization.equals(FROM_CREDENTIAL)) {
			text.append("    Authorization: <").append(this.credential.label()).append(">\n");
		}
		else {
			text.append("    Authorization: ").append(Excerpts.printable(this.authorization, 80)).append('\n');
		}
		if (this.expectContinue) {
			text.append("    Expect: 100-continue\n");
		}
		for (String[] header : this.headers) {
			text.append("    ")
				.append(header[0].isEmpty() ? "(raw line) " : header[0] + ": ")
				.append(Excerpts.printable(header[1], 120))
				.append('\n');
		}
		if (this.body != null) {
			text.append("    body (")
				.append(this.body.length)
				.append(" bytes): ")
				.append(Excerpts.printable(this.body, bodyExcerpt))
				.append('\n');
		}
		return text.toString();
	}

	/** The header value in bytes as they go on the wire. */
	static byte[] wire(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
