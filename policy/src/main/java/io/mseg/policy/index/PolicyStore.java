package io.mseg.policy.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import io.mseg.policy.decision.Side;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.tag.TagExpression;

/**
 * Policies by id, and by namespace and anchor tag of each side's expression. Each clause
 * of an expression is filed under one of its tags, the anchor (the one fewest objects
 * have when the policy is added): an object can only match the clause if it has that tag
 * (or, for a {@code key=*} anchor, that key), so the policies that may select an object
 * are found from its tags, then checked exactly. Changes need external locking; reads may
 * run concurrently.
 */
final class PolicyStore {

	private final Map<String, NetworkPolicy> byId = new HashMap<>();

	private final Map<String, Anchors> anchorsById = new HashMap<>();

	/** Per role: namespace to anchor to policy ids, every policy. */
	private final Map<Role, Map<NamespacePath, Map<String, Set<String>>>> all = new HashMap<>();

	/** Per role: the same for policies that propagate to descendant namespaces. */
	private final Map<Role, Map<NamespacePath, Map<String, Set<String>>>> propagating = new HashMap<>();

	/**
	 * Per role: anchor to policy ids of every namespace, for objects that policies of a
	 * whole subtree may select (propagated networks): one lookup per tag instead of one
	 * per namespace and tag.
	 */
	private final Map<Role, Map<String, Set<String>>> everywhere = new HashMap<>();

	/** Expiration times of enabled policies, with how many policies have each. */
	private final NavigableMap<Instant, Integer> expirations = new TreeMap<>();

	PolicyStore() {
		for (Role role : Role.values()) {
			this.all.put(role, new HashMap<>());
			this.propagating.put(role, new HashMap<>());
			this.everywhere.put(role, new HashMap<>());
		}
	}

	/** Which expression of a policy. */
	enum Role {

		SUBJECT, OBJECT;

		/** The expression that selects the deciding side's own processing unit. */
		static Role local(Side side) {
			return (side == Side.OUTGOING) ? SUBJECT : OBJECT;
		}

		/** The expression that selects the other end. */
		static Role remote(Side side) {
			return (side == Side.OUTGOING) ? OBJECT : SUBJECT;
		}

		TagExpression of(NetworkPolicy policy) {
			return (this == SUBJECT) ? policy.subject() : policy.object();
		}

	}

	private record Anchors(List<String> subject, List<String> object) {

		List<String> of(Role role) {
			return (role == Role.SUBJECT) ? this.subject : this.object;
		}

	}

	NetworkPolicy get(String id) {
		return this.byId.get(id);
	}

	Collection<NetworkPolicy> all() {
		return Collections.unmodifiableCollection(this.byId.values());
	}

	int size() {
		return this.byId.size();
	}

	/**
	 * Adds a policy whose id is not yet stored.
	 * @param policy the policy
	 * @param frequency how many objects a clause tag matches, to choose anchors
	 */
	void add(NetworkPolicy policy, ToIntFunction<String> frequency) {
		Anchors anchors = new Anchors(anchors(policy.subject(), frequency), anchors(policy.object(), frequency));
		this.byId.put(policy.id(), policy);
		this.anchorsById.put(policy.id(), anchors);
		for (Role role : Role.values()) {
			anchors.of(role)
				.forEach((anchor) -> this.everywhere.get(role)
					.computeIfAbsent(anchor, (a) -> new HashSet<>())
					.add(policy.id()));
			file(this.all.get(role), policy, anchors.of(role));
			if (policy.propagate()) {
				file(this.propagating.get(role), policy, anchors.of(role));
			}
		}
		if (!policy.disabled() && policy.expirationTime() != null) {
			this.expirations.merge(policy.expirationTime(), 1, Integer::sum);
		}
	}

	void remove(NetworkPolicy policy) {
		Anchors anchors = this.anchorsById.remove(policy.id());
		this.byId.remove(policy.id());
		for (Role role : Role.values()) {
			unfile(this.everywhere.get(role), policy.id(), anchors.of(role));
			unfile(this.all.get(role), policy, anchors.of(role));
			if (policy.propagate()) {
				unfile(this.propagating.get(role), policy, anchors.of(role));
			}
		}
		if (!policy.disabled() && policy.expirationTime() != null) {
			this.expirations.computeIfPresent(policy.expirationTime(), (time, n) -> (n == 1) ? null : n - 1);
		}
	}

	/**
	 * The policies whose {@code role} expression may select a processing unit for which
	 * they apply: those of its namespace, and the propagating ones of its ancestors.
	 * @param role the expression that must select the unit
	 * @param upward the unit's namespace and its ancestors, nearest first
	 * @param keys the unit's index keys ({@link TaggedObjects#keysOf})
	 * @return candidate policy ids, to be checked exactly
	 */
	Set<String> applyingCandidates(Role role, List<NamespacePath> upward, Set<String> keys) {
		Set<String> ids = new HashSet<>();
		collect(this.all.get(role), upward.get(0), keys, ids);
		for (int i = 1; i < upward.size(); i++) {
			collect(this.propagating.get(role), upward.get(i), keys, ids);
		}
		return ids;
	}

	/**
	 * The policies whose {@code role} expression may select an object as remote end:
	 * those owned by its namespace or an ancestor, and with {@code alsoBelow} those of
	 * every namespace (for a propagated external network, which policies of its whole
	 * subtree may select; the caller checks the scope).
	 * @param role the expression that must select the object
	 * @param upward the object's namespace and its ancestors, nearest first
	 * @param alsoBelow whether policies of descendant namespaces may select it too
	 * @param keys the object's index keys ({@link TaggedObjects#keysOf})
	 * @return candidate policy ids, to be checked exactly
	 */
	Set<String> remoteCandidates(Role role, List<NamespacePath> upward, boolean alsoBelow, Set<String> keys) {
		Set<String> ids = new HashSet<>();
		if (alsoBelow) {
			Map<String, Set<String>> byAnchor = this.everywhere.get(role);
			for (String key : keys) {
				Set<String> anchored = byAnchor.get(key);
				if (anchored != null) {
					ids.addAll(anchored);
				}
			}
			return ids;
		}
		Map<NamespacePath, Map<String, Set<String>>> index = this.all.get(role);
		for (NamespacePath ns : upward) {
			collect(index, ns, keys, ids);
		}
		return ids;
	}

	/**
	 * The earliest expiration strictly after an instant among enabled policies.
	 * @param after the instant
	 * @return the expiration time, if any
	 */
	Optional<Instant> nextExpiration(Instant after) {
		return Optional.ofNullable(this.expirations.higherKey(after));
	}

	/** One anchor per clause: its tag that the fewest objects match. */
	private static List<String> anchors(TagExpression expression, ToIntFunction<String> frequency) {
		List<String> anchors = new ArrayList<>(expression.clauses().size());
		for (List<String> clause : expression.clauses()) {
			String anchor = clause.get(0);
			int fewest = frequency.applyAsInt(anchor);
			for (String tag : clause) {
				int n = frequency.applyAsInt(tag);
				if (n < fewest) {
					anchor = tag;
					fewest = n;
				}
			}
			anchors.add(anchor);
		}
		return anchors;
	}

	private static void file(Map<NamespacePath, Map<String, Set<String>>> index, NetworkPolicy policy,
			List<String> anchors) {
		Map<String, Set<String>> byAnchor = index.computeIfAbsent(policy.namespace(), (ns) -> new HashMap<>());
		for (String anchor : anchors) {
			byAnchor.computeIfAbsent(anchor, (a) -> new HashSet<>()).add(policy.id());
		}
	}

	private static void unfile(Map<NamespacePath, Map<String, Set<String>>> index, NetworkPolicy policy,
			List<String> anchors) {
		Map<String, Set<String>> byAnchor = index.get(policy.namespace());
		unfile(byAnchor, policy.id(), anchors);
		if (byAnchor.isEmpty()) {
			index.remove(policy.namespace());
		}
	}

	private static void unfile(Map<String, Set<String>> byAnchor, String id, List<String> anchors) {
		for (String anchor : anchors) {
			Set<String> ids = byAnchor.get(anchor);
			if (ids != null) {
				ids.remove(id);
				if (ids.isEmpty()) {
					byAnchor.remove(anchor);
				}
			}
		}
	}

	private static void collect(Map<NamespacePath, Map<String, Set<String>>> index, NamespacePath namespace,
			Set<String> keys, Set<String> into) {
		Map<String, Set<String>> byAnchor = index.get(namespace);
		if (byAnchor == null) {
			return;
		}
		for (String key : keys) {
			Set<String> ids = byAnchor.get(key);
			if (ids != null) {
				into.addAll(ids);
			}
		}
	}

}
