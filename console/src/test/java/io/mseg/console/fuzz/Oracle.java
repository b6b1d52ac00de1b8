package io.mseg.console.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.console.fuzz.ApiDescription.Operation;
import io.mseg.console.fuzz.Mutation.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every answer to a fuzz request must satisfy: no 5xx; a 4xx is an RFC 9457 problem
 * document; an operation answers only statuses its OpenAPI entry lists (but those refused
 * before any routing); no Java class or other internal shows; a request that must be
 * refused is refused with a status that names the client's error; invalid credentials and
 * viewers change nothing. (That a refused request leaves the state alone is checked by
 * the test, which can read the audit trail.)
 */
public final class Oracle {

	/**
	 * The refusals that fit a bad request (409 and 412 do not: they speak of the state).
	 */
	static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 406, 411, 412, 413, 414, 415, 422, 428, 429,
			431);

	/**
	 * Refusals made before a request reaches any operation, which the document names once
	 * (in its description) rather than on every operation: the HTTP server's 405 for a
	 * method the path does not take, 414 for a URI and 431 for headers too long, 426 for
	 * an HTTP version it does not speak.
	 */
	static final Set<Integer> BEFORE_ROUTING = Set.of(405, 414, 426, 431);

	private static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|jakarta\\.|tools\\.jackson"
			+ "|com\\.fasterxml|io\\.mseg\\.|org\\.springframework|org\\.eclipse\\.jetty|org\\.hibernate"
			+ "|org\\.postgresql|Exception|\\bat [a-z]+\\.[a-zA-Z]|StreamReadConstraints|not marked as ignorable"
			+ "|SQLState|PSQL|ERROR: ");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** POSTs a viewer may make: they read (docs/api.md, Security). */
	private static final Set<String> VIEWER_POSTS = Set.of("POST /export", "POST /explain");

	private Oracle() {
	}

	/** The violations of one answer, each a name (to group by) and a detail. */
	public static List<Violation> check(Operation operation, Draft draft, Outcome outcome, Answer answer) {
		List<Violation> violations = new ArrayList<>();
		if (answer.status() < 0) {
			violations.add(new Violation("no HTTP answer", answer.failure()));
			return violations;
		}
		int status = answer.status();
		// 505 is the right answer to a version other than HTTP/1.0 and 1.1.
		boolean unsupportedVersion = status == 505 && !draft.version.equals("HTTP/1.0")
				&& !draft.version.equals("HTTP/1.1");
		if (status >= 500 && !unsupportedVersion) {
			violations.add(new Violation("server error (5xx)", "status " + status));
		}
		if (status >= 400 && status < 500 && !draft.method.equalsIgnoreCase("HEAD")) {
			String problem = problemDocument(status, answer);
			if (problem != null) {
				// Grouped by what came instead: each has its own source (the web server's
				// error page, the framework's error controller, an empty answer).
				String type = answer.header("content-type");
				String instead = (type != null) ? type.split(";")[0].strip() : "no Content-Type";
				violations.add(new Violation("refusal is not a problem document (" + instead + ")", problem));
			}
		}
		if (status < 500 && operation.isAddressedBy(draft.method, draft.target())
				&& !operation.statuses().contains(status) && !refusedBeforeRouting(operation, status)) {
			violations.add(new Violation("answered a status its OpenAPI entry does not list",
					status + " (it lists " + new java.util.TreeSet<>(operation.statuses()) + ")"));
		}
		Matcher internals = INTERNALS.matcher(answer.text());
		if (internals.find()) {
			violations
				.add(new Violation("internals in the body", "'" + around(answer.text(), internals.start()) + "'"));
		}
		if (status < 500 && outcome.mustRefuse() && !REFUSALS.contains(status)) {
			violations.add((status < 300) ? new Violation("accepted what must be refused", outcome.detail())
					: new Violation("refused with an unfitting status", status + " for " + outcome.detail()));
		}
		if (status >= 200 && status < 300 && draft.credential.isInvalid()
				&& !draft.method.equalsIgnoreCase("OPTIONS")) {
			violations.add(new Violation("answered without valid credentials", draft.credential.label()));
		}
		if (status >= 200 && status < 300 && draft.credential == Credential.VIEWER && isWrite(operation, draft)) {
			violations.add(new Violation("a viewer was allowed to write", draft.method + " " + draft.path));
		}
		return violations;
	}

	/**
	 * Besides {@link #BEFORE_ROUTING}: the body filters refuse a body over the limit
	 * (413), of a form or multipart type or in a charset other than UTF-8 (415) whatever
	 * the operation, so that operations without a body do not list them.
	 */
	private static boolean refusedBeforeRouting(Operation operation, int status) {
		return BEFORE_ROUTING.contains(status) || (!operation.hasBody() && (status == 413 || status == 415));
	}

	private static boolean isWrite(Operation operation, Draft draft) {
		String method = draft.method;
		if (method.equals("POST") && VIEWER_POSTS.contains(operation.name())) {
			return false;
		}
		return method.equals("POST") || method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
	}

	/** Why the answer is no problem document, or null. */
	private static String problemDocument(int status, Answer answer) {
		String type = answer.header("content-type");
		if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
			return "Content-Type " + ((type != null) ? type : "(none)");
		}
		JsonNode problem;
		try {
			problem = JSON.readTree(answer.body());
		}
		catch (RuntimeException ex) {
			return "a body that is not JSON";
		}
		if (problem == null || !problem.isObject()) {
			return "a body that is no JSON object";
		}
		if (!problem.path("status").isIntegralNumber() || problem.path("status").asInt() != status) {
			return "status member " + problem.path("status") + " for HTTP status " + status;
		}
		if (!problem.path("title").isString() || problem.path("title").asString().isBlank()) {
			return "no title";
		}
		return null;
	}

	private static String around(String text, int at) {
		int from = Math.max(0, at - 60);
		int to = Math.min(text.length(), at + 100);
		return Excerpts.printable(text.substring(from, to), 200);
	}

	/** One broken promise: a name to group by and what exactly happened. */
	public record Violation(String name, String detail) {
	}

}
