package io.mseg.console.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mseg.console.externalnetwork.ExternalNetworkService;
import io.mseg.console.networkpolicy.NetworkPolicyService;
import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what the decision core needs from the database: everything at once, consistent
 * with the policy version it answers, or the objects that changed since a version.
 */
@Service
public class PolicySnapshotService {

	private final ProcessingUnitService processingUnits;

	private final ExternalNetworkService externalNetworks;

	private final NetworkPolicyService policies;

	private final JdbcClient jdbc;

	PolicySnapshotService(ProcessingUnitService processingUnits, ExternalNetworkService externalNetworks,
			NetworkPolicyService policies, JdbcClient jdbc) {
		this.processingUnits = processingUnits;
		this.externalNetworks = externalNetworks;
		this.policies = policies;
		this.jdbc = jdbc;
	}

	/** Everything, and the policy version it is the state of. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Versioned current() {
		long version = version();
		return new Versioned(version, new PolicySnapshot(this.processingUnits.allModels(),
				this.externalNetworks.allModels(), this.policies.allModels()));
	}

	/**
	 * What changed after {@code version} (at most {@code limit} changes), each with the
	 * object's current state (empty when it is gone), consistent with the version
	 * answered.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Changes changesSince(long version, int limit) {
		long current = version();
		List<LoggedChange> logged = this.jdbc
			.sql("select version, kind, object_id from policy_changes where version > ? order by version limit ?")
			.params(version, limit)
			.query((row, n) -> new LoggedChange(row.getLong(1), row.getString(2), row.getString(3)))
			.list();
		Map<String, Map<String, ?>> states = new HashMap<>();
		logged.stream()
			.collect(Collectors.groupingBy(LoggedChange::kind,
					Collectors.mapping(LoggedChange::objectId, Collectors.toSet())))
			.forEach((kind, ids) -> states.put(kind, load(kind, ids)));
		List<Change> changes = logged.stream()
			.map((change) -> new Change(change.version(), change.kind(), change.objectId(),
					Optional.ofNullable(states.get(change.kind()).get(change.objectId()))))
			.toList();
		Long oldest = this.jdbc.sql("select min(version) from policy_changes")
			.query(Long.class)
			.optional()
			.orElse(null);
		boolean complete = changes.size() < limit;
		boolean gap = current > version && (oldest == null || oldest > version + 1);
		return new Changes(complete ? current : changes.get(changes.size() - 1).version(), changes, gap);
	}

	/** The policy version committed so far. */
	@Transactional(readOnly = true)
	public long version() {
		return this.jdbc.sql("select version from policy_state where id = 1").query(Long.class).single();
	}

	/** The current state of each of these objects of a kind that still exist, by ID. */
	private Map<String, ?> load(String kind, Set<String> ids) {
		return switch (kind) {
			case "processingunit" -> this.processingUnits.models(ids);
			case "externalnetwork" -> this.externalNetworks.models(ids);
			case "networkaccesspolicy" -> this.policies.models(ids);
			default -> Map.of();
		};
	}

	private record LoggedChange(long version, String kind, String objectId) {

	}

	/** A snapshot and its policy version. */
	public record Versioned(long version, PolicySnapshot snapshot) {

	}

	/**
	 * Changes after a version.
	 *
	 * @param version the version the state reaches once they are applied
	 * @param gap whether changes were pruned from the log in between: then only a full
	 * reload is right
	 */
	public record Changes(long version, List<Change> changes, boolean gap) {

	}

	/**
	 * One changed object and its state now: a {@link ProcessingUnit},
	 * {@link ExternalNetwork} or {@link NetworkPolicy}, or empty when deleted (or a kind
	 * that holds no policy state, such as a namespace).
	 */
	public record Change(long version, String kind, String objectId, Optional<?> current) {

	}

}
