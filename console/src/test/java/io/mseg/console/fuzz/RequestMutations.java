package io.mseg.console.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.mseg.console.fuzz.ApiDescription.Operation;
import io.mseg.console.fuzz.ApiDescription.Parameter;
import io.mseg.console.fuzz.BodyText.Format;
import io.mseg.console.fuzz.Mutation.Context;
import io.mseg.console.fuzz.Mutation.Mutator;
import io.mseg.console.fuzz.Mutation.Outcome;

import static io.mseg.console.fuzz.BodyMutations.pick;

/**
 * Bad requests around the body: content types, path and query parameters, headers,
 * methods, and the HTTP framing itself (sent over a raw socket).
 */
public final class RequestMutations {

	private static final Predicate<Operation> ALL = (op) -> true;

	private static final Predicate<Operation> WITH_BODY = Operation::hasBody;

	private static final Predicate<Operation> WITH_ID = (op) -> op.has("path", "id");

	private static final Predicate<Operation> PAGED = (op) -> op.has("query", "page");

	private static final Predicate<Operation> WITH_NAMESPACE = Operation::takesNamespace;

	private static final Predicate<Operation> WITH_IF_MATCH = (op) -> op.has("header", "If-Match");

	private static final String BOUNDARY = "fuzzboundary";

	private final Context context;

	public RequestMutations(Context context) {
		this.context = context;
	}

	public List<Mutation> all() {
		List<Mutation> all = new ArrayList<>();
		contentTypes(all);
		paths(all);
		queries(all);
		headers(all);
		methods(all);
		framing(all);
		return all;
	}

	private void contentTypes(List<Mutation> all) {
		String family = "content type";
		for (String type : List.of("text/plain", "application/xml", "application/octet-stream",
				"application/x-www-form-urlencoded")) {
			all.add(new Mutation(family, "Content-Type " + type, WITH_BODY, (d, op, r, n) -> {
				d.setHeader("Content-Type", type);
				if (type.endsWith("urlencoded")) {
					d.body = "name=fuzz&role=viewer".getBytes(StandardCharsets.UTF_8);
				}
				return Outcome.refuse("a JSON body labelled " + type);
			}));
		}
		all.add(new Mutation(family, "no Content-Type", WITH_BODY, (d, op, r, n) -> {
			d.removeHeader("Content-Type");
			return Outcome.refuse("a JSON body without Content-Type");
		}));
		all.add(new Mutation(family, "malformed Content-Type", WITH_BODY, (d, op, r, n) -> {
			String type = pick(List.of(";;", "application/", "json", "application/json; charset=\"", "/",
					"application/json; =", "*/*"), r);
			d.setHeader("Content-Type", type);
			return Outcome.refuse("Content-Type: " + type);
		}));
		all.add(new Mutation(family, "JSON labelled as YAML", WITH_BODY.and(Operation::acceptsYaml), (d, op, r, n) -> {
			d.setHeader("Content-Type", Format.YAML.mediaType());
			return Outcome.any("JSON is YAML too");
		}));
		all.add(new Mutation(family, "YAML labelled as JSON", WITH_BODY, (d, op, r, n) -> {
			d.body = BodyText.plain(this.context.example(op, n), Format.YAML);
			d.setHeader("Content-Type", Format.JSON.mediaType());
			return Outcome.refuse("a YAML body with Content-Type: application/json");
		}));
		all.add(new Mutation(family, "charset other than UTF-8", WITH_BODY, (d, op, r, n) -> {
			String charset = pick(List.of("UTF-16", "ISO-8859-1", "x-fuzz", "UTF-32BE"), r);
			d.setHeader("Content-Type", "application/json; charset=" + charset);
			return Outcome.any("a UTF-8 body labelled charset=" + charset);
		}));
		all.add(new Mutation(family, "vendor JSON type", WITH_BODY, (d, op, r, n) -> {
			String type = pick(List.of("application/merge-patch+json", "application/problem+json",
					"application/vnd.fuzz+json", "text/json"), r);
			d.setHeader("Content-Type", type);
			return Outcome.any("Content-Type: " + type);
		}));
		all.add(new Mutation(family, "two Content-Type headers", WITH_BODY, (d, op, r, n) -> {
			d.addHeader("Content-Type", "application/yaml");
			return Outcome.any("Content-Type: application/json, then Content-Type: application/yaml");
		}));
		all.add(new Mutation(family, "multipart with a broken body", ALL, (d, op, r, n) -> {
			d.setHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
			d.body = pick(List.of(
					"--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
							+ "filename=\"a.json\"\r\nContent-Type: application/json\r\n\r\n{\"name\":",
					"garbage without any boundary", "--" + BOUNDARY + "\r\n\r\n\r\n--" + BOUNDARY,
					"--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n"), r)
				.getBytes(StandardCharsets.UTF_8);
			return new Outcome("multipart/form-data whose parts are broken", op.hasBody());
		}));
		all.add(new Mutation(family, "multipart without a boundary", ALL, (d, op, r, n) -> {
			d.setHeader("Content-Type", "multipart/form-data");
			d.body = "--x\r\n\r\nfuzz\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8);
			return new Outcome("Content-Type: multipart/form-data (no boundary)", op.hasBody());
		}));
		all.add(new Mutation(family, "multipart with the body as a part", WITH_BODY, (d, op, r, n) -> {
			String json = new String(d.body, StandardCharsets.UTF_8);
			d.setHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
			d.body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"body\"; filename=\"b.json\"\r\n"
					+ "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + BOUNDARY + "--\r\n")
				.getBytes(StandardCharsets.UTF_8);
			return Outcome.refuse("a well-formed multipart/form-data with the JSON body as its part");
		}));
		all.add(new Mutation(family, "unexpected body", WITH_BODY.negate(), (d, op, r, n) -> {
			d.setHeader("Content-Type", "application/json");
			d.body = "{\"name\": \"fuzz\", \"zzFuzzField\": 1}".getBytes(StandardCharsets.UTF_8);
			return Outcome.any("a JSON body on an operation that takes none");
		}));
	}

	private void paths(List<Mutation> all) {
		String family = "path";
		all.add(new Mutation(family, "random UUID", WITH_ID, (d, op, r, n) -> {
			String id = new UUID(r.nextLong(), r.nextLong()).toString();
			d.path = withId(op, id);
			return Outcome.refuse("id " + id);
		}));
		all.add(new Mutation(family, "id that is no UUID", WITH_ID, (d, op, r, n) -> {
			String id = pick(List.of("abc", "12345", "-1", "null", "%20", "%27%20OR%20%271%27%3D%271", "0x41", "*",
					"%24%7Bjndi%3Aldap%3A%2F%2Fx%7D"), r);
			d.path = withId(op, id);
			return Outcome.refuse("id " + id);
		}));
		all.add(new Mutation(family, "another tenant's object", WITH_ID.and((op) -> otherId(op) != null),
				(d, op, r, n) -> {
					d.path = withId(op, otherId(op));
					return Outcome.refuse(
							"the ID of an object in " + this.context.otherTenant() + ", asked in the fuzz namespace");
				}));
		List<String[]> encodings = List.of(new String[] { "encoded NUL (%00)", "%00" },
				new String[] { "encoded dot-dot (%2e%2e)", "%2e%2e" },
				new String[] { "encoded slash (%2F)", "%2Fnamespaces" },
				new String[] { "overlong UTF-8 (%C0%AF)", "%C0%AF" },
				new String[] { "encoded surrogate (%ED%A0%80)", "%ED%A0%80" },
				new String[] { "encoded non-ASCII (%C3%A9)", "%C3%A9t%C3%A9" },
				new String[] { "encoded backslash (%5C)", "%5C..%5C" });
		for (String[] encoding : encodings) {
			all.add(new Mutation(family, encoding[0] + " in the id", WITH_ID, (d, op, r, n) -> {
				String fixture = fixtureId(op);
				String id = r.nextBoolean() ? encoding[1] : fixture + encoding[1];
				d.path = withId(op, id);
				return Outcome.refuse("id " + Excerpts.printable(id, 60));
			}));
		}
		all.add(new Mutation(family, "very long id (8 KiB)", WITH_ID, (d, op, r, n) -> {
			d.path = withId(op, "a".repeat(8192));
			return Outcome.refuse("id of 8,192 x 'a'");
		}));
		all.add(new Mutation(family, "path parameter (;x)", WITH_ID, (d, op, r, n) -> {
			String suffix = pick(List.of(";x", ";jsessionid=1", ";"), r);
			d.path = withId(op, fixtureId(op) + suffix);
			return Outcome.any("id followed by " + suffix);
		}));
		all.add(new Mutation(family, "dot segments", WITH_ID, (d, op, r, n) -> {
			String path = pick(List.of(op.path().replace("{id}", "../" + op.collection() + "/" + fixtureId(op)),
					op.path().replace("{id}", fixtureId(op) + "/.."), op.path().replace("{id}", "./" + fixtureId(op))),
					r);
			d.path = path.replace("{id}", fixtureId(op));
			return Outcome.any(Excerpts.printable(d.path, 100));
		}));
		all.add(new Mutation(family, "double slash", ALL, (d, op, r, n) -> {
			d.path = "/" + d.path;
			return Outcome.any("//" + d.path.substring(2));
		}));
		all.add(new Mutation(family, "trailing slash", ALL, (d, op, r, n) -> {
			d.path = d.path + "/";
			return Outcome.any(d.path);
		}));
		all.add(new Mutation(family, "unknown sub-path", ALL, (d, op, r, n) -> {
			d.path = d.path + "/zz-fuzz";
			return Outcome.any(d.path);
		}));
		all.add(new Mutation(family, "encoded NUL after the path", ALL, (d, op, r, n) -> {
			d.path = d.path + "%00";
			return Outcome.any(d.path);
		}));
		for (String[] raw : List.of(new String[] { "invalid percent-encoding (%zz)", "%zz" },
				new String[] { "raw control byte in the target", "\u0001" },
				new String[] { "raw non-ASCII bytes in the target", "\u00c3\u00a9" },
				new String[] { "space in the target", " x" }, new String[] { "raw NUL byte in the target", "\u0000" },
				new String[] { "fragment in the target", "#frag" })) {
			all.add(new Mutation("framing", raw[0], ALL, (d, op, r, n) -> {
				d.raw = true;
				d.path = d.path + raw[1];
				return Outcome.any(Excerpts.printable(d.path, 100));
			}));
		}
	}

	private void queries(List<Mutation> all) {
		String family = "query";
		query(all, "page overflow (page=1073741825&pagesize=2)", PAGED, false, "page", "1073741825", "pagesize", "2");
		query(all, "largest int page", PAGED, false, "page", "2147483647", "pagesize",
				String.valueOf(this.context.maxPageSize()));
		query(all, "negative page", PAGED, true, "page", "-1");
		query(all, "page=0", PAGED, true, "page", "0");
		query(all, "pagesize=0", PAGED, true, "pagesize", "0");
		query(all, "negative pagesize", PAGED, true, "pagesize", "-5");
		query(all, "pagesize above the maximum", PAGED, true, "pagesize",
				String.valueOf(this.context.maxPageSize() + 1));
		all.add(new Mutation(family, "page beyond the int range", PAGED, (d, op, r, n) -> {
			String value = pick(List.of("2147483648", "99999999999999999999", "-2147483649"), r);
			d.setQuery(pick(List.of("page", "pagesize"), r), value);
			return Outcome.refuse(d.target());
		}));
		for (String[] kind : List.of(new String[] { "non-numeric page", "abc", "one", "1e3", "%00", "1%00", "1 2" },
				new String[] { "hexadecimal page (0x10)", "0x10", "0X1", "#10" },
				new String[] { "non-ASCII digits in page", "%EF%BC%91", "%D9%A1", "%E0%A5%A7" })) {
			all.add(new Mutation(family, kind[0], PAGED, (d, op, r, n) -> {
				String value = kind[1 + r.nextInt(kind.length - 1)];
				d.setQuery(pick(List.of("page", "pagesize"), r), value.replace(" ", "%20").replace("#", "%23"));
				return Outcome.refuse(d.target());
			}));
		}
		query(all, "fractional page", PAGED, true, "page", "1.5");
		query(all, "empty page value", PAGED, false, "page", "");
		all.add(new Mutation(family, "repeated page", PAGED, (d, op, r, n) -> {
			d.query.add(new String[] { "page", "1" });
			d.query.add(new String[] { "page", "2" });
			return Outcome.any(d.target());
		}));
		Predicate<Operation> flags = (op) -> !booleans(op).isEmpty();
		all.add(new Mutation(family, "non-boolean flag", flags, (d, op, r, n) -> {
			String flag = pick(booleans(op), r).name();
			d.setQuery(flag, pick(List.of("maybe", "2", "truee", "-1", "%00"), r));
			return Outcome.refuse(d.target());
		}));
		all.add(new Mutation(family, "repeated flag (true and false)", flags, (d, op, r, n) -> {
			String flag = pick(booleans(op), r).name();
			d.query.add(new String[] { flag, "true" });
			d.query.add(new String[] { flag, "false" });
			return Outcome.any(d.target());
		}));
		Predicate<Operation> strings = (op) -> !stringParameters(op).isEmpty();
		all.add(new Mutation(family, "NUL in a string parameter", strings, (d, op, r, n) -> {
			d.setQuery(pick(stringParameters(op), r).name(), pick(List.of("%00", "a%00b"), r));
			return Outcome.any(d.target());
		}));
		all.add(new Mutation(family, "invalid UTF-8 in a string parameter", strings, (d, op, r, n) -> {
			d.setQuery(pick(stringParameters(op), r).name(), pick(List.of("%C0%AF", "%FF", "%ED%A0%80", "a%E2%82"), r));
			return Outcome.any(d.target());
		}));
		all.add(new Mutation(family, "long string parameter (16 KiB)", strings, (d, op, r, n) -> {
			d.setQuery(pick(stringParameters(op), r).name(), "a".repeat(16_384));
			return Outcome.any("16,384 x 'a'");
		}));
		all.add(new Mutation(family, "unknown query parameter", ALL, (d, op, r, n) -> {
			d.setQuery(pick(List.of("zzfuzz", "pageSize", "limit", "namespace", "X-Namespace"), r), "1");
			return Outcome.any(d.target());
		}));
		all.add(new Mutation(family, "parameter without a value", ALL, (d, op, r, n) -> {
			List<String> names = new ArrayList<>(op.parameters("query").stream().map(Parameter::name).toList());
			names.add("zzfuzz");
			d.setQuery(pick(names, r), null);
			return Outcome.any(d.target());
		}));
		all.add(new Mutation(family, "empty parameters (?&&=&)", ALL, (d, op, r, n) -> {
			d.target = d.path + pick(List.of("?&&=&", "?=", "?%00=1", "??", "?&"), r);
			return Outcome.any(d.target);
		}));
	}

	private void query(List<Mutation> all, String name, Predicate<Operation> applies, boolean refuse,
			String... namesAndValues) {
		all.add(new Mutation("query", name, applies, (d, op, r, n) -> {
			for (int i = 0; i < namesAndValues.length; i += 2) {
				d.setQuery(namesAndValues[i], namesAndValues[i + 1]);
			}
			return new Outcome(d.target(), refuse);
		}));
	}

	private void headers(List<Mutation> all) {
		String family = "header";
		all.add(new Mutation(family, "X-Namespace not a path", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace",
					pick(List.of("not a path", "*", "/a b", "/a//b", "/a/./b", "/a\\b", "/%2e%2e"), r));
			return Outcome.refuse("X-Namespace: " + d.header("X-Namespace"));
		}));
		all.add(new Mutation(family, "X-Namespace with a dot-dot segment", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", this.context.tenant() + "/.." + this.context.otherTenant());
			return Outcome.refuse("X-Namespace: " + d.header("X-Namespace"));
		}));
		all.add(new Mutation(family, "X-Namespace that does not exist", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", this.context.tenant() + "/zz-missing-" + n);
			return Outcome.refuse("X-Namespace: " + d.header("X-Namespace"));
		}));
		all.add(new Mutation(family, "X-Namespace of another tenant", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", this.context.otherTenant());
			// The admin token is bound to /: every namespace is its own.
			return new Outcome("X-Namespace: " + this.context.otherTenant() + " (not below the viewer's "
					+ this.context.tenant() + ")", d.credential != Credential.ADMIN);
		}));
		all.add(new Mutation(family, "X-Namespace very long (8 KiB)", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", this.context.tenant() + "/" + "a".repeat(8192));
			return Outcome.refuse("X-Namespace: " + this.context.tenant() + "/ + 8,192 x 'a'");
		}));
		all.add(new Mutation(family, "X-Namespace without a leading slash", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", this.context.tenant().substring(1));
			return Outcome.any("X-Namespace: " + d.header("X-Namespace"));
		}));
		all.add(new Mutation(family, "X-Namespace odd but harmless", WITH_NAMESPACE, (d, op, r, n) -> {
			d.setHeader("X-Namespace", pick(List.of("", " ", this.context.tenant() + "/", " " + this.context.tenant(),
					"%2F" + this.context.tenant().substring(1)), r));
			return Outcome.any("X-Namespace: '" + d.header("X-Namespace") + "'");
		}));
		all.add(new Mutation(family, "two X-Namespace headers", WITH_NAMESPACE, (d, op, r, n) -> {
			d.addHeader("X-Namespace", this.context.otherTenant());
			return Outcome
				.any("X-Namespace: " + this.context.tenant() + ", then X-Namespace: " + this.context.otherTenant());
		}));
		all.add(new Mutation(family, "X-Namespace with raw bytes", WITH_NAMESPACE, (d, op, r, n) -> {
			d.raw = true;
			String bytes = pick(List.of("\u0000", "\u00c3\u00a9", "\u00ff", "\u00c0\u00af", "\u0001", "\u007f"), r);
			d.setHeader("X-Namespace", this.context.tenant() + bytes);
			return Outcome.any("X-Namespace: " + Excerpts.printable(d.header("X-Namespace"), 100));
		}));
		all.add(new Mutation(family, "X-Namespace on an operation without one", WITH_NAMESPACE.negate(),
				(d, op, r, n) -> {
					d.setHeader("X-Namespace", pick(List.of(this.context.otherTenant(), "not a path", "/"), r));
					return Outcome.any("X-Namespace: " + d.header("X-Namespace"));
				}));
		all.add(new Mutation(family, "If-Match stale", WITH_IF_MATCH, (d, op, r, n) -> {
			d.setHeader("If-Match", pick(List.of("\"999999\"", "W/\"999999\"", "\"999999\", \"999998\""), r));
			return Outcome.refuse("If-Match: " + d.header("If-Match"));
		}));
		all.add(new Mutation(family, "If-Match garbage", WITH_IF_MATCH, (d, op, r, n) -> {
			d.setHeader("If-Match", pick(
					List.of("garbage", "\"\"", "W/", "\"", "\"1\" garbage", "-1", "\"-0\"", "99999999999999999999999"),
					r));
			return Outcome.refuse("If-Match: " + d.header("If-Match"));
		}));
		all.add(new Mutation(family, "If-Match very long", WITH_IF_MATCH, (d, op, r, n) -> {
			d.setHeader("If-Match", "\"" + "9".repeat(8000) + "\"");
			return Outcome.refuse("If-Match: \"<8,000 x '9'>\"");
		}));
		all.add(new Mutation(family, "If-Match on an operation without it", WITH_IF_MATCH.negate(), (d, op, r, n) -> {
			d.setHeader("If-Match", pick(List.of("\"999999\"", "garbage", "*"), r));
			return Outcome.any("If-Match: " + d.header("If-Match"));
		}));
		all.add(new Mutation(family, "other declared header garbage", (op) -> !otherHeaders(op).isEmpty(),
				(d, op, r, n) -> {
					String name = pick(otherHeaders(op), r).name();
					d.setHeader(name, pick(List.of("garbage", "-1", "99999999999999999999999", "\"\"", "*",
							"\"" + "a".repeat(4000) + "\""), r));
					return Outcome.any(name + ": " + Excerpts.printable(d.header(name), 60));
				}));
		for (int size : new int[] { 16 * 1024, 64 * 1024 }) {
			all.add(new Mutation(family, "huge header (" + size / 1024 + " KiB)", ALL, (d, op, r, n) -> {
				d.setHeader("X-Fuzz", "a".repeat(size));
				return Outcome.any("X-Fuzz: " + size + " x 'a'");
			}));
		}
		all.add(new Mutation(family, "many headers (300)", ALL, (d, op, r, n) -> {
			for (int i = 0; i < 300; i++) {
				d.addHeader("X-Fuzz-" + i, "v");
			}
			return Outcome.any("300 headers X-Fuzz-i: v");
		}));
		all.add(new Mutation(family, "odd Accept", ALL, (d, op, r, n) -> {
			d.setHeader("Accept", pick(List.of("text/html", "application/xml", "image/png", "garbage;;", "*/*;q=0",
					"application/problem+json", "text/event-stream", "application/x-yaml"), r));
			return Outcome.any("Accept: " + d.header("Accept"));
		}));
		all.add(new Mutation(family, "Accept YAML", ALL, (d, op, r, n) -> {
			d.setHeader("Accept", "application/yaml");
			return Outcome.any("Accept: application/yaml");
		}));
		all.add(new Mutation(family, "Authorization not Bearer", ALL, (d, op, r, n) -> {
			d.authorization = pick(List.of("Basic YWRtaW46YWRtaW4=", "Token abc", "Digest username=\"a\"", "Bearer",
					"Bearer ", "Bearer  ", "Bearer\tabc"), r);
			return Outcome.refuse("Authorization: " + d.authorization);
		}));
		all.add(new Mutation(family, "very long token (16 KiB)", ALL, (d, op, r, n) -> {
			d.authorization = "Bearer " + "a".repeat(16_384);
			return Outcome.refuse("Authorization: Bearer <16,384 x 'a'>");
		}));
		all.add(new Mutation(family, "token with raw bytes", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.authorization = "Bearer " + pick(List.of("abc\u0000def", "\u00c0\u00af", "mseg_\u00ff"), r);
			return Outcome.refuse("Authorization: " + Excerpts.printable(d.authorization, 60));
		}));
		all.add(new Mutation(family, "two Authorization headers", ALL, (d, op, r, n) -> {
			d.addHeader("Authorization", "Bearer garbage-second-token");
			return Outcome.any("the credential's Authorization, then Authorization: Bearer garbage-second-token");
		}));
	}

	private void methods(List<Mutation> all) {
		String family = "method";
		for (String method : List.of("TRACE", "PATCH", "FUZZ", "PROPFIND")) {
			all.add(new Mutation(family, method, ALL, (d, op, r, n) -> {
				d.method = method;
				if (method.equals("TRACE")) {
					d.body = null;
				}
				return Outcome.refuse(method + " " + d.path);
			}));
		}
		for (String method : List.of("HEAD", "OPTIONS")) {
			all.add(new Mutation(family, method, ALL, (d, op, r, n) -> {
				d.method = method;
				d.body = null;
				return Outcome.any(method + " " + d.path);
			}));
		}
		all.add(new Mutation(family, "lower-case method", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.method = op.method().toLowerCase(Locale.ROOT);
			return Outcome.any(d.method + " " + d.path);
		}));
		all.add(new Mutation(family, "method the path does not declare", (op) -> !undeclared(op).isEmpty(),
				(d, op, r, n) -> {
					d.method = pick(undeclared(op), r);
					return Outcome.refuse(d.method + " " + d.path);
				}));
	}

	private void framing(List<Mutation> all) {
		String family = "framing";
		all.add(new Mutation(family, "two different Content-Length headers", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.contentLength = false;
			byte[] body = (d.body != null) ? d.body : "{}".getBytes(StandardCharsets.UTF_8);
			d.body = body;
			d.addHeader("Content-Length", String.valueOf(body.length));
			d.addHeader("Content-Length", String.valueOf(body.length + 1));
			return Outcome.refuse("Content-Length: " + body.length + ", then Content-Length: " + (body.length + 1));
		}));
		all.add(new Mutation(family, "Content-Length and Transfer-Encoding", ALL, (d, op, r, n) -> {
			d.raw = true;
			byte[] body = (d.body != null) ? d.body : "{}".getBytes(StandardCharsets.UTF_8);
			d.body = chunked(body);
			d.addHeader("Transfer-Encoding", "chunked");
			return Outcome.any("a chunked body with a Content-Length too");
		}));
		all.add(new Mutation(family, "broken chunked body", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.contentLength = false;
			d.addHeader("Transfer-Encoding", "chunked");
			d.body = pick(List.of("zz\r\nabc\r\n0\r\n\r\n", "5\r\nab\r\n0\r\n\r\n", "ffffffffffffffffff\r\na\r\n",
					"3\r\nabc0\r\n\r\n"), r)
				.getBytes(StandardCharsets.ISO_8859_1);
			return Outcome.any("Transfer-Encoding: chunked, body " + Excerpts.printable(d.body, 60));
		}));
		all.add(new Mutation(family, "unsupported Transfer-Encoding", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.contentLength = false;
			d.addHeader("Transfer-Encoding", pick(List.of("gzip", "fuzz", "chunked, gzip", "identity"), r));
			d.body = "{}".getBytes(StandardCharsets.UTF_8);
			return Outcome.any("Transfer-Encoding: " + d.header("Transfer-Encoding"));
		}));
		all.add(new Mutation(family, "HTTP/1.0", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.version = "HTTP/1.0";
			d.host = r.nextBoolean();
			return Outcome.any("HTTP/1.0" + (d.host ? "" : " without Host"));
		}));
		all.add(new Mutation(family, "HTTP/1.1 without Host", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.host = false;
			return Outcome.any("no Host header");
		}));
		all.add(new Mutation(family, "unknown HTTP version", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.version = pick(List.of("HTTP/9.9", "HTTP/1.x", "FUZZ/1.1", "HTTP/2.0"), r);
			return Outcome.any(d.version);
		}));
		all.add(new Mutation(family, "absolute-form target on another host", ALL, (d, op, r, n) -> {
			d.raw = true;
			d.target = "https://evil.example" + d.target();
			return Outcome.any(d.target);
		}));
		all.add(new Mutation(family, "malformed header line", ALL, (d, op, r, n) -> {
			d.raw = true;
			String line = pick(List.of("X-Fuzz", "X-Namespace : " + this.context.tenant(), " folded continuation",
					": no name", "X Fuzz: space in the name", "X-Fuzz:\u0000"), r);
			d.addHeader("", line);
			return Outcome.any("header line '" + Excerpts.printable(line, 60) + "'");
		}));
	}

	private String withId(Operation op, String id) {
		return op.path().replace("{id}", id);
	}

	private String fixtureId(Operation op) {
		String id = this.context.fixtureId(op.collection());
		return (id != null) ? id : "00000000-0000-0000-0000-000000000000";
	}

	private String otherId(Operation op) {
		return this.context.otherId(op.collection());
	}

	private static List<Parameter> booleans(Operation op) {
		return op.parameters("query").stream().filter(Parameter::isBoolean).toList();
	}

	private static List<Parameter> stringParameters(Operation op) {
		return op.parameters("query")
			.stream()
			.filter((p) -> "string".equals(p.schema().path("type").asString("")))
			.toList();
	}

	private static List<Parameter> otherHeaders(Operation op) {
		return op.parameters("header")
			.stream()
			.filter((p) -> !Set.of("X-Namespace", "If-Match").contains(p.name()))
			.toList();
	}

	private List<String> undeclared(Operation op) {
		Set<String> declared = this.context.api().methodsOf(op.path());
		return List.of("GET", "PUT", "POST", "DELETE").stream().filter((m) -> !declared.contains(m)).toList();
	}

	private static byte[] chunked(byte[] body) {
		String head = Integer.toHexString(body.length) + "\r\n";
		byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] out = new byte[head.length() + body.length + tail.length];
		System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
		System.arraycopy(body, 0, out, head.length(), body.length);
		System.arraycopy(tail, 0, out, head.length() + body.length, tail.length);
		return out;
	}

}
