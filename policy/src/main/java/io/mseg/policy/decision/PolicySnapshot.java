package io.mseg.policy.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;

/**
 * An immutable view of everything a decision needs: processing units, external networks
 * and policies, sorted so that results do not depend on input order.
 */
public final class PolicySnapshot {

	/** Order of processing units: namespace, name, id. */
	public static final Comparator<ProcessingUnit> PROCESSING_UNIT_ORDER = Comparator
		.comparing((ProcessingUnit pu) -> pu.namespace().value())
		.thenComparing(ProcessingUnit::name, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ProcessingUnit::id);

	/** Order of external networks: namespace, name, id. */
	public static final Comparator<ExternalNetwork> EXTERNAL_NETWORK_ORDER = Comparator
		.comparing((ExternalNetwork n) -> n.namespace().value())
		.thenComparing(ExternalNetwork::name, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ExternalNetwork::id);

	private final List<ProcessingUnit> processingUnits;

	private final List<ExternalNetwork> externalNetworks;

	private final List<NetworkPolicy> policies;

	private final Map<String, ProcessingUnit> byId = new HashMap<>();

	private final Map<IpAddress, ProcessingUnit> byAddress = new LinkedHashMap<>();

	/**
	 * Builds a snapshot.
	 * @param pus the processing units; ids must be unique
	 * @param networks the external networks
	 * @param policies the policies, active or not
	 * @throws IllegalArgumentException when two processing units share an id
	 */
	public PolicySnapshot(Collection<ProcessingUnit> pus, Collection<ExternalNetwork> networks,
			Collection<NetworkPolicy> policies) {
		this.processingUnits = sorted(pus, PROCESSING_UNIT_ORDER);
		this.externalNetworks = sorted(networks, EXTERNAL_NETWORK_ORDER);
		this.policies = sorted(policies, PolicyOrder.EVALUATION);
		for (ProcessingUnit pu : this.processingUnits) {
			if (this.byId.putIfAbsent(pu.id(), pu) != null) {
				throw new IllegalArgumentException("two processing units have the id " + pu.id());
			}
			// An address claimed twice (overlapping private ranges) goes to the first
			// unit in
			// snapshot order, so the answer is at least deterministic.
			pu.addresses().forEach((address) -> this.byAddress.putIfAbsent(address, pu));
		}
	}

	/**
	 * The processing units.
	 * @return them, by namespace, name and id
	 */
	public Collection<ProcessingUnit> processingUnits() {
		return this.processingUnits;
	}

	/**
	 * The external networks.
	 * @return them, by namespace, name and id
	 */
	public Collection<ExternalNetwork> externalNetworks() {
		return this.externalNetworks;
	}

	/**
	 * All policies, including inactive ones.
	 * @return them, in evaluation order ({@link PolicyOrder#EVALUATION})
	 */
	public Collection<NetworkPolicy> policies() {
		return this.policies;
	}

	public Optional<ProcessingUnit> processingUnit(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	/**
	 * The processing unit that owns an address, whatever its namespace: such an address
	 * is never treated as part of an external network.
	 * @param a an address
	 * @return the owner, if any
	 */
	public Optional<ProcessingUnit> processingUnitByAddress(IpAddress a) {
		return Optional.ofNullable(this.byAddress.get(a));
	}

	/**
	 * Every address of every processing unit.
	 * @return an unmodifiable set
	 */
	public Set<IpAddress> processingUnitAddresses() {
		return Collections.unmodifiableSet(this.byAddress.keySet());
	}

	/**
	 * The policies a side's enforcer evaluates for a processing unit at {@code now}:
	 * active, applying to the unit, decided on this side, local selector matching.
	 * @param pu the processing unit of the side
	 * @param side the side
	 * @param now the evaluation time
	 * @return the policies in evaluation order, observation policies included
	 */
	public List<NetworkPolicy> policiesFor(ProcessingUnit pu, Side side, Instant now) {
		List<NetworkPolicy> selected = new ArrayList<>();
		for (NetworkPolicy policy : this.policies) {
			if (policy.isActive(now) && Scope.selects(policy, side, pu)) {
				selected.add(policy);
			}
		}
		return selected;
	}

	private static <T> List<T> sorted(Collection<T> items, Comparator<? super T> order) {
		if (items == null) {
			return List.of();
		}
		List<T> copy = new ArrayList<>(items);
		copy.sort(order);
		return List.copyOf(copy);
	}

}
