package io.mseg.console.externalnetwork;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.mseg.console.database.JsonColumns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lists the mass-removal guard holds, stored beside the network but outside its
 * entity: up to the feed entry limit of entries, read only when an admin accepts one.
 * Calls join the caller's transaction.
 */
@Component
class HeldLists {

	private static final JsonColumns.StringList JSON = new JsonColumns.StringList();

	private final JdbcClient jdbc;

	HeldLists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Names a list by its content: the same list fetched again has the same digest. */
	static String digest(List<String> entries) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (String entry : entries) {
				sha256.update(entry.getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) '\n');
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void store(UUID network, List<String> entries) {
		this.jdbc.sql("update external_networks set source_held_entries = ?::jsonb where id = ?")
			.params(JSON.convertToDatabaseColumn(entries), network)
			.update();
	}

	/** The held list, if it is still the one with this digest. */
	Optional<List<String>> find(UUID network, String digest) {
		return this.jdbc.sql("select source_held_entries from external_networks where id = ?")
			.param(network)
			.query(String.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.map(JSON::convertToEntityAttribute)
			.filter((entries) -> digest(entries).equals(digest));
	}

	void clear(UUID network) {
		this.jdbc.sql("update external_networks set source_held_entries = null where id = ?").param(network).update();
	}

}
