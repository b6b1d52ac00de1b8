package io.mseg.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.mseg.console.fuzz.Answer;
import io.mseg.console.fuzz.ApiDescription;
import io.mseg.console.fuzz.ApiDescription.Operation;
import io.mseg.console.fuzz.BodyMutations;
import io.mseg.console.fuzz.BodyText;
import io.mseg.console.fuzz.Credential;
import io.mseg.console.fuzz.Draft;
import io.mseg.console.fuzz.ExampleBodies;
import io.mseg.console.fuzz.FailureReport;
import io.mseg.console.fuzz.Mutation;
import io.mseg.console.fuzz.Mutation.Outcome;
import io.mseg.console.fuzz.Oracle;
import io.mseg.console.fuzz.RequestMutations;
import io.mseg.console.fuzz.RunLog;
import io.mseg.console.fuzz.Transport;
import io.mseg.console.pki.Pem;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standing fuzz test of the HTTP API, generated from {@code openapi/openapi.json}: for
 * every operation it sends bad requests (mutated JSON and YAML bodies, odd content types,
 * path, query and header values, methods and HTTP framing) as the admin, a viewer, an
 * enforcer, nobody and a garbage token, and checks every answer: no 5xx; a 4xx is a
 * problem document; an operation answers only the statuses its OpenAPI entry lists (so
 * that the document tells what can happen); no Java internals show; what must be refused
 * is refused; a refused request changes nothing (the audit trail, which records every
 * change, stays as it was). All failures are reported at the end, grouped, with one
 * reproducible example each.
 * <p>
 * {@code -Dfuzz.seed=N} replays a run (the seed is printed), {@code -Dfuzz.requests=N}
 * sets its size (at least one request per operation and kind of mutation is always
 * planned first), {@code -Dfuzz.case=N,M} sends only those requests of the plan.
 */
@TestPropertySource(
		properties = { "mseg.enforcers.enrollments-per-minute=1000000", "logging.level.io.mseg.console.requests=WARN" })
class ApiFuzzIntegrationTests extends ConsoleIntegrationTest {

	private static final Path OPENAPI = Path.of("..", "openapi", "openapi.json");

	private static final int DEFAULT_REQUESTS = 4000;

	/** Operations that get each kind of request the server refuses before routing it. */
	private static final int SAMPLED_OPERATIONS = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private ConsoleProperties properties;

	@Autowired
	private JdbcTemplate jdbc;

	private ApiDescription description;

	private Transport transport;

	private String otherTenant;

	private final Map<String, Fixture> fixtures = new HashMap<>();

	private final Map<String, String> otherIds = new HashMap<>();

	private TestEnforcer enforcer;

	private String enrollmentToken;

	private JsonNode transferDocument;

	private ExampleBodies examples;

	private String fingerprint;

	private int fingerprintReads;

	private int created;

	private int coverage;

	@Test
	void everyOperationSurvivesBadRequests() throws IOException {
		long seed = Long.getLong("fuzz.seed", System.nanoTime() % 1_000_000_000L);
		int size = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
		Set<Integer> only = cases(System.getProperty("fuzz.case", ""));
		System.out.println(
				"API fuzz: seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), " + size + " requests planned");
		this.description = ApiDescription.read(OPENAPI);
		setUp();
		Mutation.Context context = context();
		List<Mutation> mutations = new ArrayList<>(new BodyMutations(context).all());
		mutations.addAll(new RequestMutations(context).all());
		List<Planned> plan = plan(mutations, seed, size);

		FailureReport report = new FailureReport();
		RunLog log = new RunLog();
		this.fingerprint = fingerprint();
		long started = System.nanoTime();
		Duration cpuStarted = cpu();
		for (Planned planned : plan) {
			if (only.isEmpty() || only.contains(planned.index())) {
				run(planned, report, log);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuSeconds = cpu().minus(cpuStarted).toMillis() / 1e3;
		String summary = String.format(
				"API fuzz: seed %d, %d requests to %d operations (%d kinds of mutation; the first %d cover each kind "
						+ "for each operation it applies to, and each credential) in %.1f s (%.1f s of CPU, client and "
						+ "console together), plus %d reads of the state (changed by %d accepted requests); "
						+ "statuses %s%n%s",
				seed, log.sent(), this.description.operations().size(), mutations.size(), this.coverage, seconds,
				cpuSeconds, this.fingerprintReads, log.changes(), log.statuses(), log.controlNotes());
		String text = summary + "\n" + (report.isEmpty() ? "no failures\n" : report.render(seed));
		System.out.println(text);
		System.out.println("API fuzz: the slowest kinds of request: " + log.slowest(12));
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "api-fuzz-report.txt"), text);
		Files.writeString(Path.of("target", "api-fuzz-cases.tsv"), log.tsv());
		// The full report (every group with its example) is above and in the file; the
		// failure message keeps to the summary and the digest.
		assertThat(report.isEmpty())
			.as("API fuzz failures; every group with an example request is in console/target/api-fuzz-report.txt"
					+ "%n%s%n%s", summary, report.renderDigest(seed))
			.isTrue();
	}

	/** Sends one planned request and checks its answer and the state after it. */
	private void run(Planned planned, FailureReport report, RunLog log) {
		Operation operation = planned.operation();
		Draft draft = baseDraft(operation, planned.credential(), planned.index());
		Outcome outcome = planned.mutation()
			.mutator()
			.apply(draft, operation, new Random(planned.seed()), planned.index());
		if (outcome == null) {
			return;
		}
		long sending = System.nanoTime();
		Answer answer = this.transport.send(draft);
		long took = System.nanoTime() - sending;
		List<Oracle.Violation> violations = new ArrayList<>(Oracle.check(operation, draft, outcome, answer));
		if (draft.mayWrite()) {
			String after = fingerprint();
			boolean changed = !after.equals(this.fingerprint);
			// Refused, failed or unanswered: nothing may have changed.
			if (changed && (answer.status() >= 400 || answer.status() < 0)) {
				violations.add(new Oracle.Violation("a refused request changed the state",
						"before: " + this.fingerprint + "; after: " + after + "; newest change: " + newestChange()));
			}
			this.fingerprint = after;
			if (answer.status() >= 200 && answer.status() < 300) {
				if (changed) {
					log.changed();
				}
				refreshFixtures(operation);
			}
		}
		log.add(planned.index(), operation.name(), planned.mutation(), planned.credential() == primary(operation),
				draft, outcome, answer, took);
		report.add(new FailureReport.Case(planned.index(), operation.name(), planned.mutation().name()), draft, outcome,
				answer, violations);
	}

	/** The plan: every applicable kind once per operation first, then random ones. */
	private List<Planned> plan(List<Mutation> mutations, long seed, int size) {
		Random random = new Random(seed);
		List<Planned> plan = new ArrayList<>();
		List<Operation> operations = this.description.operations();
		List<Object[]> coverage = new ArrayList<>();
		Map<String, List<Mutation>> applicable = new LinkedHashMap<>();
		for (Operation operation : operations) {
			List<Mutation> kinds = mutations.stream().filter((m) -> m.applies().test(operation)).toList();
			applicable.put(operation.name(), kinds);
			for (Mutation mutation : kinds) {
				if (mutation.perOperation()) {
					coverage.add(new Object[] { operation, mutation, primary(operation) });
				}
			}
			for (Credential credential : Credential.values()) {
				if (credential != primary(operation)) {
					coverage.add(new Object[] { operation, kinds.get(random.nextInt(kinds.size())), credential });
				}
			}
		}
		for (Mutation mutation : mutations) {
			if (!mutation.perOperation()) {
				List<Operation> some = new ArrayList<>(operations);
				Collections.shuffle(some, random);
				some.stream()
					.limit(SAMPLED_OPERATIONS)
					.forEach((operation) -> coverage.add(new Object[] { operation, mutation, primary(operation) }));
			}
		}
		Collections.shuffle(coverage, random);
		this.coverage = coverage.size();
		for (Object[] entry : coverage) {
			plan.add(new Planned(plan.size(), (Operation) entry[0], (Mutation) entry[1], (Credential) entry[2],
					random.nextLong()));
		}
		while (plan.size() < size) {
			Operation operation = operations.get(random.nextInt(operations.size()));
			List<Mutation> kinds = applicable.get(operation.name());
			plan.add(new Planned(plan.size(), operation, kinds.get(random.nextInt(kinds.size())),
					credential(operation, random), random.nextLong()));
		}
		return plan.subList(0, Math.min(plan.size(), Math.max(size, 1)));
	}

	private static Credential primary(Operation operation) {
		if (operation.isEnrollment()) {
			return Credential.ENROLLMENT;
		}
		return operation.isEnforcerSide() ? Credential.ENFORCER : Credential.ADMIN;
	}

	private static Credential credential(Operation operation, Random random) {
		int roll = random.nextInt(100);
		if (roll < 55) {
			return primary(operation);
		}
		if (roll < 70) {
			return Credential.VIEWER;
		}
		if (roll < 80) {
			return Credential.NONE;
		}
		if (roll < 90) {
			return Credential.GARBAGE;
		}
		Credential[] others = { Credential.ADMIN, Credential.ENFORCER, Credential.ENROLLMENT };
		return others[random.nextInt(others.length)];
	}

	/** A valid request for the operation, before its mutation. */
	private Draft baseDraft(Operation operation, Credential credential, int n) {
		String id = fixtureId(operation.collection());
		Draft draft = new Draft(operation.method(),
				operation.path().replace("{id}", (id != null) ? id : "00000000-0000-0000-0000-000000000000"),
				credential);
		if (operation.takesNamespace()) {
			draft.setHeader("X-Namespace", this.tenant);
		}
		draft.setHeader("Accept", "application/json");
		if (operation.has("query", "pagesize")) {
			// Short pages: the fuzz namespace fills up with what was accepted, and lists
			// of a hundred objects (audit records with their before and after) only cost
			// time.
			draft.setQuery("pagesize", "20");
		}
		if (operation.hasBody()) {
			draft.body = BodyText.plain(this.examples.example(operation, n), BodyText.Format.JSON);
			draft.setHeader("Content-Type", "application/json");
		}
		return draft;
	}

	private void setUp() {
		this.transport = new Transport("localhost", this.port, Tls.trusting(caFile()));
		this.transport.token(Credential.ADMIN, ADMIN_TOKEN);
		this.transport.token(Credential.VIEWER, token(this.tenant, "viewer"));
		this.transport.token(Credential.GARBAGE, "mseg_" + "0".repeat(43));
		this.otherTenant = "/o-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", ApiClient.json("name", this.otherTenant.substring(1))).expectStatus(201);
		this.enrollmentToken = this.api
			.post(this.tenant, "/enrollmenttokens", ApiClient.json("name", "fuzz", "maxUses", 100_000))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		this.transport.token(Credential.ENROLLMENT, this.enrollmentToken);
		this.enforcer = new TestEnforcer();
		String csr = this.enforcer.csr("fuzz");
		this.examples = new ExampleBodies(this.description, new ExampleBodies.Existing() {

			@Override
			public String csr() {
				return csr;
			}

			@Override
			public String unitId() {
				return fixtureId("processingunits");
			}

			@Override
			public JsonNode document() {
				return ApiFuzzIntegrationTests.this.transferDocument.deepCopy();
			}

			@Override
			public String section() {
				return currentSection();
			}

			@Override
			public String fixedName(Operation operation) {
				return ApiFuzzIntegrationTests.this.fixedName(operation);
			}

		});
		enroll();
		for (Operation create : this.description.operations()) {
			boolean collection = create.method().equals("POST") && !create.path().contains("{")
					&& this.description.operation("GET", create.path() + "/{id}").isPresent();
			if (collection && !create.isEnforcerSide()) {
				this.fixtures.put(create.collection(), create(create, this.tenant));
				this.otherIds.put(create.collection(), create(create, this.otherTenant).id);
			}
		}
		this.transferDocument = exportedSubtree();
	}

	/** Creates an object with the operation's example body, as the admin. */
	private Fixture create(Operation create, String namespace) {
		int n = 1_000_000 + this.created++;
		JsonNode body = this.examples.example(create, n);
		Response response = this.api.post(namespace, create.path(), body.toString());
		assertThat(response.status()).as("creating a fixture with %s %s", create.name(), response.body())
			.isEqualTo(201);
		JsonNode created = response.json();
		return new Fixture(created.get("ID").asString(), created.path("name").asString(""));
	}

	private void enroll() {
		Response response = this.api.withToken(this.enrollmentToken)
			.post(null, "/enforcers",
					ApiClient.json("name", "fuzz-enforcer", "certificateRequest", this.enforcer.csr("fuzz")))
			.expectStatus(201);
		this.fixtures.put("enforcers", new Fixture(response.id(), "fuzz-enforcer"));
		this.enforcer.useCertificate(Pem.certificates(response.json().get("certificate").asString()).get(0));
		this.transport.enforcer(
				Tls.withClientCertificate(caFile(), this.enforcer.keys().getPrivate(), this.enforcer.certificate()));
	}

	/**
	 * A valid import document: the export of a subtree built from the example bodies (its
	 * unit without addresses, which belong to one unit only).
	 */
	private JsonNode exportedSubtree() {
		String source = childNamespace(this.tenant, "src");
		childNamespace(source, "child");
		int n = 2_000_000;
		for (String collection : List.of("externalnetworks", "networkaccesspolicies", "processingunits")) {
			Operation create = this.description.operation("POST", "/" + collection).orElseThrow();
			ObjectNode body = (ObjectNode) this.examples.example(create, n++);
			body.remove("addresses");
			this.api.post(source, "/" + collection, body.toString()).expectStatus(201);
		}
		return this.api.post(source, "/export", "{}").expectStatus(200).json();
	}

	/** After a change that succeeded: an object the requests need may be gone. */
	private void refreshFixtures(Operation operation) {
		String collection = operation.collection();
		Fixture fixture = this.fixtures.get(collection);
		if (fixture == null) {
			return;
		}
		Response current = this.api.get(this.tenant, "/" + collection + "/" + fixture.id);
		// Revoked, or protected by a change that was accepted (protected objects refuse
		// every change without override=true): as good as gone.
		boolean gone = current.status() == 404
				|| (current.status() == 200 && (current.json().path("revoked").asBoolean(false)
						|| current.json().path("protected").asBoolean(false)));
		if (current.status() == 200 && !gone) {
			this.fixtures.put(collection, new Fixture(fixture.id, current.json().path("name").asString("")));
			return;
		}
		if (collection.equals("enforcers")) {
			enroll();
		}
		else {
			this.description.operation("POST", "/" + collection)
				.ifPresent((create) -> this.fixtures.put(collection, create(create, this.tenant)));
		}
		this.fingerprint = fingerprint();
	}

	private String fixtureId(String collection) {
		Fixture fixture = this.fixtures.get(collection);
		return (fixture != null) ? fixture.id : null;
	}

	/**
	 * A section of the enforcer's rendered policy as it is now: the names change with
	 * every unit address, so each request fetches the index again.
	 */
	private String currentSection() {
		Draft index = new Draft("GET", "/enforcers/" + fixtureId("enforcers") + "/renderedpolicy/index",
				Credential.ENFORCER);
		Answer answer = this.transport.send(index);
		if (answer.status() != 200) {
			return "0".repeat(32);
		}
		return JSON.readTree(answer.text()).path("knownProcessingUnitAddresses").asString("0".repeat(32));
	}

	/** An update keeps the object's name (renaming is no mutation under test). */
	private String fixedName(Operation operation) {
		if (!operation.method().equals("PUT") || !operation.path().endsWith("{id}")) {
			return null;
		}
		Fixture fixture = this.fixtures.get(operation.collection());
		return (fixture != null) ? fixture.name : null;
	}

	/**
	 * The state in one string: the size of the audit trail, which records every change,
	 * and its newest record; the uses of enrollment tokens and what enforcers reported
	 * (neither is audited). Read from the database: two HTTPS requests per write would
	 * double the time of a run.
	 */
	private String fingerprint() {
		this.fingerprintReads++;
		return this.jdbc.queryForObject("select (select count(*) || ' audit records, newest #' || coalesce(max(id), 0) "
				+ "from audit_records) || '; enrollment uses ' || (select coalesce(sum(uses), 0) from enrollment_tokens)"
				+ " || '; enforcers ' || (select coalesce(md5(string_agg(concat_ws('|', id, revoked, "
				+ "certificate_serial, enforcer_version, start_time, last_sync_time, enforcement_status), ',' "
				+ "order by id)), '-') from enforcers)", String.class);
	}

	/** The newest audit record, to say what a refused request changed. */
	private String newestChange() {
		return this.jdbc
			.queryForObject("select coalesce((select operation || ' ' || kind || ' ' || object_name || ' in '"
					+ " || namespace from audit_records order by id desc limit 1), 'none')", String.class);
	}

	private Mutation.Context context() {
		return new Mutation.Context() {

			@Override
			public ApiDescription api() {
				return ApiFuzzIntegrationTests.this.description;
			}

			@Override
			public String tenant() {
				return ApiFuzzIntegrationTests.this.tenant;
			}

			@Override
			public String otherTenant() {
				return ApiFuzzIntegrationTests.this.otherTenant;
			}

			@Override
			public String fixtureId(String collection) {
				return ApiFuzzIntegrationTests.this.fixtureId(collection);
			}

			@Override
			public String otherId(String collection) {
				return ApiFuzzIntegrationTests.this.otherIds.get(collection);
			}

			@Override
			public JsonNode example(Operation operation, int n) {
				return ApiFuzzIntegrationTests.this.examples.example(operation, n);
			}

			@Override
			public long maxBodySize(Operation operation) {
				return operation.path().equals("/import")
						? ApiFuzzIntegrationTests.this.properties.maxImportSize().toBytes()
						: ApiFuzzIntegrationTests.this.properties.maxBodySize().toBytes();
			}

			@Override
			public int maxPageSize() {
				return ApiFuzzIntegrationTests.this.properties.maxPageSize();
			}

		};
	}

	/** CPU time of this JVM, where the console and the client both run. */
	private static Duration cpu() {
		return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private static Set<Integer> cases(String list) {
		Set<Integer> cases = new HashSet<>();
		for (String item : list.split(",")) {
			if (!item.isBlank()) {
				cases.add(Integer.parseInt(item.strip()));
			}
		}
		return cases;
	}

	private record Planned(int index, Operation operation, Mutation mutation, Credential credential, long seed) {
	}

	private record Fixture(String id, String name) {
	}

}
