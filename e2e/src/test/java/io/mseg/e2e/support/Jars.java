package io.mseg.e2e.support;

import java.nio.file.Path;

/**
 * Where the reactor put the console and enforcer jars.
 */
public final class Jars {

	private Jars() {
	}

	public static Path root() {
		String root = System.getProperty("mseg.root");
		if (root != null && !root.isBlank()) {
			return Path.of(root).toAbsolutePath();
		}
		Path here = Path.of("").toAbsolutePath();
		return here.getFileName().toString().equals("e2e") ? here.getParent() : here;
	}

	public static Path console() {
		return root().resolve("console/target/console.jar");
	}

	public static Path enforcer() {
		return root().resolve("enforcer/target/enforcer.jar");
	}

}
