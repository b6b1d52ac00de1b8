package io.mseg.console.flow;

import java.sql.Timestamp;

import io.mseg.console.networkpolicy.NetworkPolicyService;
import io.mseg.policy.model.NamespacePath;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a policy's hits, summed over the namespaces of the request's subtree; keeps the
 * table free of the rows of deleted policies.
 */
@Service
class PolicyHits {

	private final NetworkPolicyService policies;

	private final JdbcClient jdbc;

	PolicyHits(NetworkPolicyService policies, JdbcClient jdbc) {
		this.policies = policies;
		this.jdbc = jdbc;
	}

	/** 404 (as reading the policy would answer) for a policy the namespace cannot see. */
	@Transactional(readOnly = true)
	PolicyHitsBody of(NamespacePath scope, String id) {
		String policyId = this.policies.get(scope, id).body().id();
		String below = scope.equals(NamespacePath.ROOT) ? "/" : scope.value() + "/";
		return this.jdbc
			.sql("select coalesce(sum(hits), 0), max(last_hit_time) from policy_hits where policy_id = ?::uuid "
					+ "and (namespace = ? or starts_with(namespace, ?))")
			.params(policyId, scope.value(), below)
			.query((row, n) -> {
				Timestamp last = row.getTimestamp(2);
				return new PolicyHitsBody(policyId, row.getLong(1), (last != null) ? last.toInstant() : null);
			})
			.single();
	}

	/** Removes the hits of policies deleted since. */
	int forgetDeletedPolicies() {
		return this.jdbc.sql(
				"delete from policy_hits h where not exists (select 1 from network_policies p where p.id = h.policy_id)")
			.update();
	}

}
