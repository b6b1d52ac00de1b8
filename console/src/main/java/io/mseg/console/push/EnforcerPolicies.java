package io.mseg.console.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mseg.console.render.EnforcerPolicyBody;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.RenderedPolicy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rendered policy of each enforcer, with the version at which its content last
 * changed. The content hash and that version live in the enforcer's row, shared by every
 * replica: whichever replica first sees new content records it, the others agree.
 */
@Component
public class EnforcerPolicies {

	private final PolicyState state;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Timer computations;

	EnforcerPolicies(PolicyState state, JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.state = state;
		this.computations = Timer.builder("mseg.rendered.policy.computations")
			.description("Computations of an enforcer's rendered policy, and their duration")
			.register(meters);
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * An enforcer's document as of now.
	 *
	 * @param body the document, its version included
	 * @param etag the quoted content hash (the same on every replica)
	 * @param changed whether this computation found new content (then {@code version} is
	 * the current policy version)
	 */
	public record Document(EnforcerPolicyBody body, String etag, boolean changed) {

		public long version() {
			return this.body.version();
		}

	}

	/** The enforcer's document as the enforcer gets it (every known address). */
	@Transactional
	public Optional<Document> current(String enforcerId) {
		return compute(List.of(enforcerId), this.state.current(), this.state.version()).stream().findFirst();
	}

	/**
	 * Recomputes the documents of some enforcers against the current state and records
	 * those whose content changed, in one statement per changed enforcer.
	 */
	@Transactional
	public List<Document> recompute(Collection<String> enforcerIds) {
		return compute(enforcerIds, this.state.current(), this.state.version());
	}

	private List<Document> compute(Collection<String> enforcerIds, PolicyIndex index, long stateVersion) {
		Map<String, Stored> stored = stored(enforcerIds);
		List<Document> documents = new ArrayList<>();
		for (String enforcerId : enforcerIds) {
			Stored row = stored.get(enforcerId);
			if (row == null) {
				continue;
			}
			long start = System.nanoTime();
			List<ProcessingUnit> units = index.processingUnitsOfEnforcer(enforcerId);
			RenderedPolicy rendered = index.render(units, this.clock.instant());
			EnforcerPolicyBody content = EnforcerPolicyBody.of(enforcerId, 0, rendered, row.namespace(),
					(IpAddress address) -> true);
			String hash = hash(content);
			this.computations.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
			// The update is conditional, so that of two computations racing to record the
			// same new
			// content (on one replica or two) exactly one finds it changed and sends an
			// event.
			boolean changed = !hash.equals(row.hash()) && this.jdbc
				.sql("update enforcers set policy_hash = ?, policy_version = ? where id = ?::uuid "
						+ "and policy_hash is distinct from ?")
				.params(hash, stateVersion, enforcerId, hash)
				.update() == 1;
			long version;
			if (changed) {
				version = stateVersion;
			}
			else if (hash.equals(row.hash()) && row.version() != null) {
				version = row.version();
			}
			else {
				version = this.jdbc.sql("select coalesce(policy_version, ?) from enforcers where id = ?::uuid")
					.params(stateVersion, enforcerId)
					.query(Long.class)
					.single();
			}
			documents.add(new Document(content.withVersion(version), "\"" + hash + "\"", changed));
		}
		return documents;
	}

	private Map<String, Stored> stored(Collection<String> enforcerIds) {
		Map<String, Stored> rows = new LinkedHashMap<>();
		if (enforcerIds.isEmpty()) {
			return rows;
		}
		this.jdbc
			.sql("select id::text, namespace, policy_hash, policy_version from enforcers "
					+ "where id::text in (:ids) and not revoked")
			.param("ids", enforcerIds)
			.query((row, n) -> rows.put(row.getString(1),
					new Stored(NamespacePath.parse(row.getString(2)), row.getString(3), (Long) row.getObject(4))))
			.list();
		return rows;
	}

	private record Stored(NamespacePath namespace, String hash, Long version) {

	}

	private String hash(EnforcerPolicyBody content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
