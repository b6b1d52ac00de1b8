package io.mseg.cli.config;

import java.nio.file.Path;

/** Which certificates msegctl trusts for the console's TLS. */
public sealed interface Trust {

	/**
	 * The JDK's default trust store, for a console with a publicly trusted certificate.
	 */
	record SystemDefault() implements Trust {

	}

	/** The CA certificate(s) of a PEM file, such as the console's {@code ca.pem}. */
	record CaFile(Path file) implements Trust {

	}

	/**
	 * The certificate of the console's chain whose SHA-256 (of its DER encoding) is
	 * {@code sha256}, lowercase hex.
	 */
	record Fingerprint(String sha256) implements Trust {

	}

}
