package io.mseg.policy.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.mseg.policy.decision.PolicyOrder;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.Scope;
import io.mseg.policy.decision.Side;
import io.mseg.policy.index.PolicyStore.Role;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.PolicyRenderer;
import io.mseg.policy.render.RemoteNetwork;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.RenderedRule;

/**
 * All processing units, external networks and policies, with the indexes that make
 * rendering and change impact cheap. Thread-safe (internal ReadWriteLock: many concurrent
 * readers, one writer).
 *
 * <p>
 * Each mutation answers the ids of the processing units whose rendered policy (as
 * {@link #render} computes it for that unit alone) may have changed: a superset of those
 * that did change, found through the indexes. The rule of a policy on a side does not
 * depend on the unit it is rendered for, so it is cached until a mutation touches the
 * policy or one of its remote ends.
 */
public final class PolicyIndex {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final TaggedObjects<ProcessingUnit> pus = new TaggedObjects<>(ProcessingUnit::id, ProcessingUnit::namespace,
			ProcessingUnit::tags);

	private final TaggedObjects<ExternalNetwork> networks = new TaggedObjects<>(ExternalNetwork::id,
			ExternalNetwork::namespace, ExternalNetwork::tags);

	private final PolicyStore policies = new PolicyStore();

	private final AddressIndex addresses = new AddressIndex();

	private final Map<String, Set<String>> pusByEnforcer = new HashMap<>();

	/** Rules by policy id and side, filled by readers, emptied by writers. */
	private final Map<RuleKey, RenderedRule> rules = new ConcurrentHashMap<>();

	/**
	 * The units each policy applies to on a side, active or not, by policy id and side;
	 * only used by writers.
	 */
	private final Map<RuleKey, Set<String>> applying = new HashMap<>();

	private final PolicyRenderer.Source source = new IndexSource();

	private volatile PolicySnapshot snapshot;

	/** An empty index. */
	public PolicyIndex() {
	}

	/**
	 * An index of everything in a snapshot.
	 * @param snapshot the objects and policies
	 * @return the index
	 */
	public static PolicyIndex of(PolicySnapshot snapshot) {
		PolicyIndex index = new PolicyIndex();
		snapshot.processingUnits().forEach(index::addProcessingUnit);
		snapshot.externalNetworks().forEach(index::addExternalNetwork);
		// Objects first: anchors are chosen by how many objects have each tag.
		snapshot.policies().forEach(index::addPolicy);
		return index;
	}

	/**
	 * Adds or replaces a processing unit (by id).
	 * @param pu the processing unit
	 * @return the ids of the processing units whose rendered policy may have changed:
	 * this one; those with a rule whose remote side selects it, before or after; and,
	 * when its addresses change, those with a rule whose external network may cover an
	 * old or new address (their known addresses change)
	 */
	public Set<String> put(ProcessingUnit pu) {
		Objects.requireNonNull(pu, "pu");
		return write(() -> {
			ProcessingUnit old = this.pus.get(pu.id());
			if (pu.equals(old)) {
				return Set.of();
			}
			if (old != null) {
				removeProcessingUnit(old);
			}
			addProcessingUnit(pu);
			return processingUnitImpact(old, pu);
		});
	}

	/**
	 * Removes a processing unit.
	 * @param id its id
	 * @return the ids of the processing units whose rendered policy may have changed, as
	 * for {@link #put(ProcessingUnit)}; empty when the id is unknown
	 */
	public Set<String> removeProcessingUnit(String id) {
		return write(() -> {
			ProcessingUnit old = this.pus.get(id);
			if (old == null) {
				return Set.of();
			}
			removeProcessingUnit(old);
			return processingUnitImpact(old, null);
		});
	}

	/**
	 * Adds or replaces an external network (by id).
	 * @param network the external network
	 * @return the ids of the processing units with a rule that lists it, before or after
	 */
	public Set<String> put(ExternalNetwork network) {
		Objects.requireNonNull(network, "network");
		return write(() -> {
			ExternalNetwork old = this.networks.get(network.id());
			if (network.equals(old)) {
				return Set.of();
			}
			if (old != null) {
				removeExternalNetwork(old);
			}
			addExternalNetwork(network);
			return externalNetworkImpact(old, network);
		});
	}

	/**
	 * Removes an external network.
	 * @param id its id
	 * @return the ids of the processing units with a rule that listed it; empty when the
	 * id is unknown
	 */
	public Set<String> removeExternalNetwork(String id) {
		return write(() -> {
			ExternalNetwork old = this.networks.get(id);
			if (old == null) {
				return Set.of();
			}
			removeExternalNetwork(old);
			return externalNetworkImpact(old, null);
		});
	}

	/**
	 * Adds or replaces a policy (by id).
	 * @param policy the policy, with an id
	 * @return the ids of the processing units it applies to on a side it decides, before
	 * or after, whether it is active or not
	 */
	public Set<String> put(NetworkPolicy policy) {
		Objects.requireNonNull(policy, "policy");
		return write(() -> {
			NetworkPolicy old = this.policies.get(policy.id());
			if (policy.equals(old)) {
				return Set.of();
			}
			if (old != null) {
				removePolicy(old);
			}
			addPolicy(policy);
			return policyImpact(old, policy);
		});
	}

	/**
	 * Removes a policy.
	 * @param id its id
	 * @return the ids of the processing units it applied to; empty when the id is unknown
	 */
	public Set<String> removeNetworkPolicy(String id) {
		return write(() -> {
			NetworkPolicy old = this.policies.get(id);
			if (old == null) {
				return Set.of();
			}
			removePolicy(old);
			return policyImpact(old, null);
		});
	}

	public Optional<ProcessingUnit> processingUnit(String id) {
		return read(() -> Optional.ofNullable(this.pus.get(id)));
	}

	/**
	 * The processing units an enforcer protects.
	 * @param enforcerId the enforcer's id
	 * @return its processing units by namespace, name and id
	 */
	public List<ProcessingUnit> processingUnitsOfEnforcer(String enforcerId) {
		return read(() -> {
			List<ProcessingUnit> units = new ArrayList<>();
			this.pusByEnforcer.getOrDefault(enforcerId, Set.of()).forEach((id) -> units.add(this.pus.get(id)));
			units.sort(PolicySnapshot.PROCESSING_UNIT_ORDER);
			return List.copyOf(units);
		});
	}

	/**
	 * A consistent immutable copy, for the decision engine; built once per change.
	 * @return the snapshot of the current content
	 */
	public PolicySnapshot snapshot() {
		return read(() -> {
			PolicySnapshot current = this.snapshot;
			if (current == null) {
				current = new PolicySnapshot(this.pus.all(), this.networks.all(), this.policies.all());
				this.snapshot = current;
			}
			return current;
		});
	}

	public int processingUnitCount() {
		return read(this.pus::size);
	}

	public int policyCount() {
		return read(this.policies::size);
	}

	public int externalNetworkCount() {
		return read(this.networks::size);
	}

	/**
	 * Exactly what {@code PolicyRenderer.render(snapshot(), pus, now)} answers, computed
	 * with the indexes.
	 * @param pus the processing units to render (looked at as given, not by id)
	 * @param now the evaluation time
	 * @return the rendered policy
	 */
	public RenderedPolicy render(Collection<ProcessingUnit> pus, Instant now) {
		return read(() -> PolicyRenderer.render(this.source, pus, now));
	}

	/**
	 * The earliest {@code expirationTime} strictly after {@code after} among active
	 * policies (rendering changes then), if any.
	 * @param after an instant
	 * @return the next expiration
	 */
	public Optional<Instant> nextExpiration(Instant after) {
		return read(() -> this.policies.nextExpiration(after));
	}

	private void addProcessingUnit(ProcessingUnit pu) {
		this.snapshot = null;
		this.pus.add(pu);
		this.addresses.add(pu);
		if (pu.enforcerId() != null) {
			this.pusByEnforcer.computeIfAbsent(pu.enforcerId(), (id) -> new HashSet<>()).add(pu.id());
		}
	}

	private void removeProcessingUnit(ProcessingUnit pu) {
		this.snapshot = null;
		this.pus.remove(pu);
		this.addresses.remove(pu);
		if (pu.enforcerId() != null) {
			Set<String> ids = this.pusByEnforcer.get(pu.enforcerId());
			ids.remove(pu.id());
			if (ids.isEmpty()) {
				this.pusByEnforcer.remove(pu.enforcerId());
			}
		}
	}

	private void addExternalNetwork(ExternalNetwork network) {
		this.snapshot = null;
		this.networks.add(network);
		this.addresses.add(network);
	}

	private void removeExternalNetwork(ExternalNetwork network) {
		this.snapshot = null;
		this.networks.remove(network);
		this.addresses.remove(network);
	}

	private void addPolicy(NetworkPolicy policy) {
		Objects.requireNonNull(policy.id(), "policy.id");
		this.snapshot = null;
		this.policies.add(policy, (tag) -> this.pus.count(tag) + this.networks.count(tag));
	}

	private void removePolicy(NetworkPolicy policy) {
		this.snapshot = null;
		this.policies.remove(policy);
	}

	private Set<String> processingUnitImpact(ProcessingUnit old, ProcessingUnit now) {
		if (old == null || now == null || !sameLocalView(old, now)) {
			for (ProcessingUnit state : states(old, now)) {
				for (Side side : Side.values()) {
					for (NetworkPolicy policy : policiesSelectingLocal(state, side)) {
						this.applying.remove(new RuleKey(policy.id(), side));
					}
				}
			}
		}
		Set<String> impact = new HashSet<>();
		impact.add((now != null) ? now.id() : old.id());
		if (old != null && now != null && sameRemoteView(old, now)) {
			return impact;
		}
		for (ProcessingUnit state : states(old, now)) {
			for (Side side : Side.values()) {
				for (NetworkPolicy policy : policiesSelectingRemote(state, side)) {
					this.rules.remove(new RuleKey(policy.id(), side));
					impact.addAll(applyingIds(policy, side));
				}
			}
		}
		List<IpAddress> before = (old != null) ? old.addresses() : List.of();
		List<IpAddress> after = (now != null) ? now.addresses() : List.of();
		Set<IpAddress> changed = new HashSet<>();
		before.stream().filter((address) -> !after.contains(address)).forEach(changed::add);
		after.stream().filter((address) -> !before.contains(address)).forEach(changed::add);
		if (!changed.isEmpty()) {
			for (String id : this.addresses.networksThatMayCover(changed)) {
				impact.addAll(listing(this.networks.get(id)));
			}
		}
		return impact;
	}

	private Set<String> externalNetworkImpact(ExternalNetwork old, ExternalNetwork now) {
		Set<String> impact = new HashSet<>();
		for (ExternalNetwork state : states(old, now)) {
			for (Side side : Side.values()) {
				for (NetworkPolicy policy : policiesRendering(state, side)) {
					this.rules.remove(new RuleKey(policy.id(), side));
					impact.addAll(applyingIds(policy, side));
				}
			}
		}
		return impact;
	}

	private Set<String> policyImpact(NetworkPolicy old, NetworkPolicy now) {
		Set<String> impact = new HashSet<>();
		for (NetworkPolicy state : states(old, now)) {
			for (Side side : Side.values()) {
				this.rules.remove(new RuleKey(state.id(), side));
				this.applying.remove(new RuleKey(state.id(), side));
				impact.addAll(applyingIds(state, side));
			}
		}
		return impact;
	}

	/** The processing units with a rule that lists the network. */
	private Set<String> listing(ExternalNetwork network) {
		Set<String> ids = new HashSet<>();
		for (Side side : Side.values()) {
			for (NetworkPolicy policy : policiesRendering(network, side)) {
				ids.addAll(applyingIds(policy, side));
			}
		}
		return ids;
	}

	/** Whether other units' rules see no difference between the two. */
	private static boolean sameRemoteView(ProcessingUnit a, ProcessingUnit b) {
		return Objects.equals(a.name(), b.name()) && sameLocalView(a, b) && a.addresses().equals(b.addresses());
	}

	/** Whether the same policies apply to both. */
	private static boolean sameLocalView(ProcessingUnit a, ProcessingUnit b) {
		return a.namespace().equals(b.namespace()) && a.tags().equals(b.tags());
	}

	/** The policies, active or not, that select the unit on this side. */
	private List<NetworkPolicy> policiesSelectingLocal(ProcessingUnit pu, Side side) {
		List<NetworkPolicy> selecting = new ArrayList<>();
		for (String id : this.policies.applyingCandidates(Role.local(side), upward(pu.namespace()),
				TaggedObjects.keysOf(pu.tags()))) {
			NetworkPolicy policy = this.policies.get(id);
			if (Scope.selects(policy, side, pu)) {
				selecting.add(policy);
			}
		}
		return selecting;
	}

	/** The policies with a rule on this side whose remote side selects the unit. */
	private List<NetworkPolicy> policiesSelectingRemote(ProcessingUnit pu, Side side) {
		List<NetworkPolicy> selecting = new ArrayList<>();
		for (String id : this.policies.remoteCandidates(Role.remote(side), upward(pu.namespace()), false,
				TaggedObjects.keysOf(pu.tags()))) {
			NetworkPolicy policy = this.policies.get(id);
			if (side.decides(policy.mode()) && Scope.remoteMatches(policy, side, pu)) {
				selecting.add(policy);
			}
		}
		return selecting;
	}

	/** The policies with a rule on this side that lists the network. */
	private List<NetworkPolicy> policiesRendering(ExternalNetwork network, Side side) {
		List<NetworkPolicy> rendering = new ArrayList<>();
		for (String id : this.policies.remoteCandidates(Role.remote(side), upward(network.namespace()),
				network.propagate(), TaggedObjects.keysOf(network.tags()))) {
			NetworkPolicy policy = this.policies.get(id);
			if (side.decides(policy.mode()) && PolicyRenderer.rendersNetwork(policy, side, network)) {
				rendering.add(policy);
			}
		}
		return rendering;
	}

	/**
	 * The processing units the policy applies to on this side, active or not (cached for
	 * the current policy with this id).
	 */
	private Set<String> applyingIds(NetworkPolicy policy, Side side) {
		if (!side.decides(policy.mode())) {
			return Set.of();
		}
		return this.applying.computeIfAbsent(new RuleKey(policy.id(), side), (key) -> {
			Set<String> ids = new HashSet<>();
			this.pus
				.matching(side.localSelector(policy), policy.namespace(), policy.propagate(),
						(pu) -> Scope.appliesTo(policy, pu))
				.forEach((pu) -> ids.add(pu.id()));
			return Collections.unmodifiableSet(ids);
		});
	}

	/** A namespace and its ancestors, nearest first (cached: parsing parents costs). */
	private List<NamespacePath> upward(NamespacePath namespace) {
		return this.pus.namespaces().upward(namespace);
	}

	private static <T> List<T> states(T old, T now) {
		List<T> states = new ArrayList<>(2);
		if (old != null) {
			states.add(old);
		}
		if (now != null) {
			states.add(now);
		}
		return states;
	}

	private Set<String> write(Supplier<Set<String>> mutation) {
		Lock write = this.lock.writeLock();
		write.lock();
		try {
			return Collections.unmodifiableSet(mutation.get());
		}
		finally {
			write.unlock();
		}
	}

	private <T> T read(Supplier<T> query) {
		Lock read = this.lock.readLock();
		read.lock();
		try {
			return query.get();
		}
		finally {
			read.unlock();
		}
	}

	private record RuleKey(String policyId, Side side) {

	}

	/** Rendering through the indexes; only called under the read lock. */
	private final class IndexSource implements PolicyRenderer.Source {

		@Override
		public List<NetworkPolicy> policiesFor(ProcessingUnit pu, Side side, Instant now) {
			List<NetworkPolicy> selected = policiesSelectingLocal(pu, side);
			selected.removeIf((policy) -> !policy.isActive(now));
			selected.sort(PolicyOrder.EVALUATION);
			return selected;
		}

		@Override
		public RenderedRule rule(NetworkPolicy policy, Side side) {
			RuleKey key = new RuleKey(policy.id(), side);
			RenderedRule rule = PolicyIndex.this.rules.get(key);
			if (rule == null) {
				rule = PolicyRenderer.rule(policy, side, remotePus(policy, side), remoteNetworks(policy, side));
				PolicyIndex.this.rules.putIfAbsent(key, rule);
			}
			return rule;
		}

		@Override
		public List<IpAddress> processingUnitAddressesCoveredBy(Collection<RemoteNetwork> networks) {
			return PolicyIndex.this.addresses.processingUnitAddressesCoveredBy(networks);
		}

		private List<ProcessingUnit> remotePus(NetworkPolicy policy, Side side) {
			List<ProcessingUnit> candidates = PolicyIndex.this.pus.matching(side.remoteSelector(policy),
					policy.namespace(), true, (pu) -> Scope.remoteInScope(policy, pu));
			candidates.sort(PolicySnapshot.PROCESSING_UNIT_ORDER);
			return candidates;
		}

		private List<ExternalNetwork> remoteNetworks(NetworkPolicy policy, Side side) {
			if (!side.remoteMayBeExternalNetwork(policy.mode())) {
				return List.of();
			}
			List<ExternalNetwork> candidates = new ArrayList<>();
			for (String id : PolicyIndex.this.networks.matching(side.remoteSelector(policy))) {
				ExternalNetwork network = PolicyIndex.this.networks.get(id);
				if (Scope.remoteInScope(policy, network)) {
					candidates.add(network);
				}
			}
			candidates.sort(PolicySnapshot.EXTERNAL_NETWORK_ORDER);
			return candidates;
		}

	}

}
