package io.mseg.console.push;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.wire.SectionNames;
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

	/** From how many enforcers a recomputation renders on several cores. */
	static final int PARALLEL_FROM = 64;

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
		return compute(List.of(enforcerId)).stream().findFirst();
	}

	/**
	 * An enforcer's document as of now, recording nothing: for reading sections of it,
	 * whose content does not depend on the version. Only a whole document or an index
	 * served, and a push, record new content; a request for sections that did would make
	 * the push of a change find nothing new and send no event, while the enforcer
	 * assembles the index it fetched before the change.
	 */
	@Transactional(readOnly = true)
	public Optional<EnforcerPolicyBody> content(String enforcerId) {
		Map<String, Stored> stored = stored(List.of(enforcerId));
		Instant now = this.clock.instant();
		return this.state.read((index, version) -> render(stored, index, now))
			.stream()
			.findFirst()
			.map(Computed::content);
	}

	/**
	 * Recomputes the documents of some enforcers against the current state and records
	 * those whose content changed, in one statement for all of them.
	 */
	@Transactional
	public List<Document> recompute(Collection<String> enforcerIds) {
		return compute(enforcerIds);
	}

	private List<Document> compute(Collection<String> enforcerIds) {
		Map<String, Stored> stored = stored(enforcerIds);
		Instant now = this.clock.instant();
		// Only rendering runs under the state's read lock, never a query: a thread that
		// holds the lock must not wait for a pooled connection, since requests holding
		// connections may be waiting for the lock.
		Rendered rendered = this.state.read((index, version) -> new Rendered(version, render(stored, index, now)));
		long stateVersion = rendered.version();
		List<Computed> computed = rendered.computed();
		List<Computed> differing = computed.stream().filter((c) -> !c.hash().equals(c.row().hash())).toList();
		Set<String> changed = recordChanged(differing, stateVersion);
		Map<String, Long> recorded = recordedVersions(
				differing.stream().map(Computed::enforcerId).filter((id) -> !changed.contains(id)).toList(),
				stateVersion);
		List<Document> documents = new ArrayList<>(computed.size());
		for (Computed c : computed) {
			long version;
			if (changed.contains(c.enforcerId())) {
				version = stateVersion;
			}
			else if (c.hash().equals(c.row().hash()) && c.row().version() != null) {
				version = c.row().version();
			}
			else {
				version = recorded.getOrDefault(c.enforcerId(), stateVersion);
			}
			documents.add(new Document(c.content().withVersion(version), "\"" + c.hash() + "\"",
					changed.contains(c.enforcerId())));
		}
		return documents;
	}

	private List<Computed> render(Map<String, Stored> stored, PolicyIndex index, Instant now) {
		// Rendering and hashing are pure CPU over a thread-safe index: spread over the
		// cores when a change affects many enforcers.
		Stream<Map.Entry<String, Stored>> rows = stored.entrySet().stream();
		return ((stored.size() >= PARALLEL_FROM) ? rows.parallel() : rows)
			.map((row) -> render(row.getKey(), row.getValue(), index, now))
			.toList();
	}

	/** Documents rendered from the state at a version. */
	private record Rendered(long version, List<Computed> computed) {
	}

	private Computed render(String enforcerId, Stored row, PolicyIndex index, Instant now) {
		long start = System.nanoTime();
		List<ProcessingUnit> units = index.processingUnitsOfEnforcer(enforcerId);
		RenderedPolicy rendered = index.render(units, now);
		EnforcerPolicyBody content = EnforcerPolicyBody.of(enforcerId, 0, rendered, row.namespace(),
				(IpAddress address) -> true);
		String hash = hash(content);
		this.computations.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		return new Computed(enforcerId, row, content, hash);
	}

	/**
	 * Records new content in one statement. The update is conditional, so that of two
	 * computations racing to record the same new content (on one replica or two) exactly
	 * one finds it changed and sends an event, and content rendered from an older state
	 * never replaces what a newer one recorded.
	 * @return the ids of the enforcers whose row this call changed
	 */
	private Set<String> recordChanged(List<Computed> differing, long stateVersion) {
		if (differing.isEmpty()) {
			return Set.of();
		}
		// Sorted, so that concurrent batches lock rows in the same order.
		List<Computed> sorted = differing.stream().sorted(Comparator.comparing(Computed::enforcerId)).toList();
		return new HashSet<>(this.jdbc
			.sql("update enforcers e set policy_hash = v.hash, policy_version = ? "
					+ "from unnest(?::uuid[], ?::text[]) as v(id, hash) "
					+ "where e.id = v.id and e.policy_hash is distinct from v.hash "
					+ "and (e.policy_version is null or e.policy_version <= ?) returning e.id::text")
			.params(stateVersion, sorted.stream().map(Computed::enforcerId).toArray(String[]::new),
					sorted.stream().map(Computed::hash).toArray(String[]::new), stateVersion)
			.query(String.class)
			.list());
	}

	/** The versions recorded by whoever recorded the content first, in one query. */
	private Map<String, Long> recordedVersions(List<String> enforcerIds, long stateVersion) {
		Map<String, Long> versions = new HashMap<>();
		if (!enforcerIds.isEmpty()) {
			this.jdbc.sql("select id::text, coalesce(policy_version, ?) from enforcers where id = any(?::uuid[])")
				.params(stateVersion, enforcerIds.toArray(String[]::new))
				.query((row, n) -> versions.put(row.getString(1), row.getLong(2)))
				.list();
		}
		return versions;
	}

	private Map<String, Stored> stored(Collection<String> enforcerIds) {
		Map<String, Stored> rows = new LinkedHashMap<>();
		if (enforcerIds.isEmpty()) {
			return rows;
		}
		this.jdbc
			.sql("select id::text, namespace, policy_hash, policy_version from enforcers "
					+ "where id = any(?::uuid[]) and not revoked")
			.params((Object) uuids(enforcerIds))
			.query((row, n) -> rows.put(row.getString(1),
					new Stored(NamespacePath.parse(row.getString(2)), row.getString(3), (Long) row.getObject(4))))
			.list();
		return rows;
	}

	/** The ids that are UUIDs in canonical form (others name no enforcer). */
	static String[] uuids(Collection<String> enforcerIds) {
		return enforcerIds.stream().filter(EnforcerPolicies::isUuid).toArray(String[]::new);
	}

	private static boolean isUuid(String id) {
		try {
			// Only the canonical text, which is what the rows hold.
			return UUID.fromString(id).toString().equals(id);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private record Computed(String enforcerId, Stored row, EnforcerPolicyBody content, String hash) {

	}

	private record Stored(NamespacePath namespace, String hash, Long version) {

	}

	private String hash(EnforcerPolicyBody content) {
		return SectionNames.of(this.json.writeValueAsString(content));
	}

}
