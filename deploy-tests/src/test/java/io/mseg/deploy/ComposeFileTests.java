package io.mseg.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} parses and wires PostgreSQL, the console and the enforcer
 * together (no Docker engine here: the file is checked as data).
 */
class ComposeFileTests {

	private final JsonNode compose = Repository.yaml(Repository.read("docker-compose.yml"));

	private final JsonNode services = this.compose.path("services");

	@Test
	void definesTheDatabaseTheConsoleAndOneEnforcer() {
		assertThat(this.services.propertyNames()).containsExactlyInAnyOrder("db", "console", "enforcer");
	}

	@Test
	void databaseIsPostgres17WithAVolumeAndAHealthCheck() {
		JsonNode db = this.services.path("db");
		assertThat(db.path("image").asString()).isEqualTo("postgres:17");
		assertThat(volumes(db)).contains("db-data:/var/lib/postgresql/data");
		assertThat(healthTest(db)).contains("pg_isready");
		assertThat(this.compose.path("volumes").has("db-data")).isTrue();
	}

	@Test
	void consoleUsesThatDatabaseWithItsCredentials() {
		JsonNode db = this.services.path("db");
		JsonNode env = this.services.path("console").path("environment");
		String database = db.at("/environment/POSTGRES_DB").asString();
		assertThat(env.path("SPRING_DATASOURCE_URL").asString()).isEqualTo("jdbc:postgresql://db:5432/" + database);
		assertThat(env.path("SPRING_DATASOURCE_USERNAME").asString())
			.isEqualTo(db.at("/environment/POSTGRES_USER").asString());
		assertThat(env.path("SPRING_DATASOURCE_PASSWORD").asString())
			.isEqualTo(db.at("/environment/POSTGRES_PASSWORD").asString());
		assertThat(dependsOn(this.services.path("console"), "db")).isEqualTo("service_healthy");
	}

	@Test
	void consoleKeepsItsDataAndCaOnAVolume() {
		JsonNode console = this.services.path("console");
		String dataDir = console.at("/environment/MSEG_DATA_DIR").asString();
		assertThat(dataDir).isEqualTo("/var/lib/mseg");
		assertThat(volumes(console)).contains("console-data:" + dataDir);
		assertThat(this.compose.path("volumes").has("console-data")).isTrue();
	}

	@Test
	void consoleBootstrapTokenComesFromTheEnvironmentWithAUsableLocalDefault() {
		String token = this.services.at("/console/environment/MSEG_BOOTSTRAP_TOKEN").asString();
		Matcher matcher = Pattern.compile("\\$\\{MSEG_BOOTSTRAP_TOKEN:-([^}]+)}").matcher(token);
		assertThat(matcher.matches()).as(token).isTrue();
		// The console refuses a preset token shorter than 16 printable characters.
		assertThat(matcher.group(1)).hasSizeGreaterThanOrEqualTo(16).matches("[\\x21-\\x7e]+");
	}

	@Test
	void consoleIsHealthyWhenItsReadinessGroupIsUpAndIsPublishedOnLoopbackOnly() {
		JsonNode console = this.services.path("console");
		assertThat(healthTest(console)).contains("https://localhost:8443/actuator/health/readiness");
		assertThat(Manifests.elements(console.path("ports"))).extracting(JsonNode::asString)
			.containsExactly("127.0.0.1:8443:8443");
	}

	@Test
	void enforcerReachesTheConsoleByANameInItsCertificate() {
		List<String> command = strings(this.services.at("/enforcer/command"));
		assertThat(command).contains("--console=https://console:8443");
		List<String> hosts = List.of(this.services.at("/console/environment/MSEG_TLS_HOSTS").asString().split(","));
		assertThat(hosts).contains("console");
		assertThat(dependsOn(this.services.path("enforcer"), "console")).isEqualTo("service_healthy");
	}

	@Test
	void enforcerEnrollsWithTheTokenFromMsegEnrollmentToken() {
		assertThat(strings(this.services.at("/enforcer/command"))).contains("--token=${MSEG_ENROLLMENT_TOKEN:-}");
		String operations = Repository.read("docs/operations.md");
		assertThat(operations).contains("## Compose quick start");
		String quickStart = operations.substring(operations.indexOf("## Compose quick start"));
		assertThat(quickStart).contains("/enrollmenttokens", "MSEG_ENROLLMENT_TOKEN", "docker compose up");
	}

	@Test
	void enforcerHasNetAdminOnlyAndKeepsItsStateOnAVolume() {
		JsonNode enforcer = this.services.path("enforcer");
		assertThat(strings(enforcer.path("cap_add"))).containsExactly("NET_ADMIN");
		assertThat(strings(enforcer.path("cap_drop"))).containsExactly("ALL");
		assertThat(enforcer.has("privileged")).isFalse();
		assertThat(volumes(enforcer)).contains("enforcer-state:/var/lib/mseg-enforcer");
		assertThat(this.compose.path("volumes").has("enforcer-state")).isTrue();
	}

	@Test
	void imagesAreBuiltFromTheRepositorysDockerfiles() {
		for (String service : List.of("console", "enforcer")) {
			JsonNode build = this.services.path(service).path("build");
			assertThat(build.path("context").asString()).isEqualTo(".");
			String dockerfile = build.path("dockerfile").asString();
			assertThat(dockerfile).isEqualTo(service + "/Dockerfile");
			assertThat(Files.isRegularFile(Repository.file(dockerfile))).isTrue();
		}
	}

	@Test
	void everyNamedVolumeIsDeclared() {
		List<String> named = new ArrayList<>();
		this.services.properties()
			.forEach((service) -> volumes(service.getValue()).stream()
				.map((volume) -> volume.split(":")[0])
				.filter((source) -> !source.startsWith(".") && !source.startsWith("/"))
				.forEach(named::add));
		assertThat(this.compose.path("volumes").propertyNames()).containsAll(named);
	}

	private static List<String> volumes(JsonNode service) {
		return strings(service.path("volumes"));
	}

	private static String healthTest(JsonNode service) {
		return String.join(" ", strings(service.at("/healthcheck/test")));
	}

	private static String dependsOn(JsonNode service, String dependency) {
		return service.at("/depends_on/" + dependency + "/condition").asString();
	}

	private static List<String> strings(JsonNode array) {
		return Manifests.elements(array).stream().map(JsonNode::asString).toList();
	}

}
