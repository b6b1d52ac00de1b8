package io.mseg.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mseg.console.ConsoleApplication;
import io.mseg.console.ConsoleProperties;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole console on a random port over real HTTPS (its
 * own CA, trusted by the test client), with the embedded PostgreSQL in a fresh data
 * directory (or the database named by {@code SPRING_DATASOURCE_URL}). The client calls as
 * the bootstrap admin; each test works in a namespace of its own, so tests never see each
 * other's objects even when they share a database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class ConsoleIntegrationTest {

	/**
	 * The preset bootstrap admin token (fixed, so that a shared database keeps working
	 * across runs).
	 */
	protected static final String ADMIN_TOKEN = "mseg-test-bootstrap-admin-token";

	@LocalServerPort
	private int port;

	@Autowired
	private ConsoleProperties properties;

	@Autowired
	private DataSource dataSource;

	protected ApiClient api;

	/** A namespace created for the current test, such as {@code /t-1b2c3d}. */
	protected String tenant;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("mseg.data-dir", ConsoleIntegrationTest::newDataDirectory);
		registry.add("mseg.bootstrap-token", () -> ADMIN_TOKEN);
		// Feed tests drive their own refreshers: sources other tests create are not
		// fetched.
		registry.add("mseg.feeds.enabled", () -> "false");
	}

	static String newDataDirectory() {
		try {
			Path dir = Files.createTempDirectory("mseg-test-");
			dir.toFile().deleteOnExit();
			return dir.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void createTenant() {
		this.api = new ApiClient("https://localhost:" + this.port, Tls.trusting(caFile()), ADMIN_TOKEN);
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", "{\"name\": \"" + name + "\"}").expectStatus(201);
		this.tenant = "/" + name;
	}

	/** The console's CA certificate, as written to its data directory. */
	protected Path caFile() {
		return this.properties.dataDir().resolve("ca.pem");
	}

	protected Path dataDir() {
		return this.properties.dataDir();
	}

	/**
	 * Creates an API token with {@code role} for {@code namespace} and answers its
	 * secret.
	 */
	protected String token(String namespace, String role) {
		return this.api.post(namespace, "/apitokens", ApiClient.json("name", role + "-token", "role", role))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
	}

	/**
	 * Starts another replica of the console on this test's database and CA, as a Helm
	 * deployment runs them; the caller closes it.
	 * @param arguments more properties, such as {@code --mseg.feeds.enabled=true}
	 */
	protected ConfigurableApplicationContext startReplica(String... arguments) throws Exception {
		HikariDataSource database = this.dataSource.unwrap(HikariDataSource.class);
		Path replicaDir = Files.createTempDirectory("mseg-replica-");
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--mseg.data-dir=" + replicaDir,
				"--spring.datasource.url=" + database.getJdbcUrl(),
				"--spring.datasource.username=" + database.getUsername(),
				"--spring.datasource.password=" + database.getPassword(),
				"--mseg.tls.ca-cert=" + dataDir().resolve("ca.pem"),
				"--mseg.tls.ca-key=" + dataDir().resolve("ca-key.pem"), "--mseg.bootstrap-token="));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(ConsoleApplication.class).run(all.toArray(String[]::new));
	}

	/** An admin client of another replica. */
	protected ApiClient client(ConfigurableApplicationContext replica) {
		return new ApiClient("https://localhost:" + replica.getEnvironment().getProperty("local.server.port"),
				Tls.trusting(caFile()), ADMIN_TOKEN);
	}

	/** Creates {@code tenant/name} and returns its path. */
	protected String childNamespace(String parent, String name) {
		this.api.post(parent, "/namespaces", "{\"name\": \"" + name + "\"}").expectStatus(201);
		return parent + "/" + name;
	}

}
