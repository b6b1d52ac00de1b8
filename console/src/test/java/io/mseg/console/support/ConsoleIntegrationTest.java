package io.mseg.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole console on a random port over real HTTP, with
 * the embedded PostgreSQL in a fresh data directory (or the database named by
 * {@code SPRING_DATASOURCE_URL}). Each test works in a namespace of its own, so tests
 * never see each other's objects even when they share a database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class ConsoleIntegrationTest {

	@LocalServerPort
	private int port;

	protected ApiClient api;

	/** A namespace created for the current test, such as {@code /t-1b2c3d}. */
	protected String tenant;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("mseg.data-dir", ConsoleIntegrationTest::newDataDirectory);
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
		this.api = new ApiClient("http://localhost:" + this.port);
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", "{\"name\": \"" + name + "\"}").expectStatus(201);
		this.tenant = "/" + name;
	}

	/** Creates {@code tenant/name} and returns its path. */
	protected String childNamespace(String parent, String name) {
		this.api.post(parent, "/namespaces", "{\"name\": \"" + name + "\"}").expectStatus(201);
		return parent + "/" + name;
	}

}
