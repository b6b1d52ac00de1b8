package io.mseg.policy.index;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.policy.Scenarios.Scenario;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.render.PolicyRenderer;
import io.mseg.policy.render.RenderedPolicy;

/**
 * The reference the index is checked against: the objects in plain maps, rendered from a
 * fresh snapshot by the scanning renderer.
 *
 * @param pus processing units by id
 * @param networks external networks by id
 * @param policies policies by id
 */
record World(Map<String, ProcessingUnit> pus, Map<String, ExternalNetwork> networks,
		Map<String, NetworkPolicy> policies) {

	static World empty() {
		return new World(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
	}

	static World of(Scenario scenario) {
		World world = empty();
		scenario.pus().forEach((pu) -> world.pus.put(pu.id(), pu));
		scenario.networks().forEach((network) -> world.networks.put(network.id(), network));
		scenario.policies().forEach((policy) -> world.policies.put(policy.id(), policy));
		return world;
	}

	/** The same world with every policy enabled and never expiring. */
	World allActive() {
		World active = new World(this.pus, this.networks, new LinkedHashMap<>());
		this.policies.forEach((id, p) -> active.policies.put(id,
				new NetworkPolicy(p.id(), p.name(), p.namespace(), p.action(), p.mode(), p.subject(), p.object(),
						p.ports(), p.fallback(), false, null, p.observationEnabled(), p.propagate(), p.logsEnabled())));
		return active;
	}

	PolicySnapshot snapshot() {
		return new PolicySnapshot(this.pus.values(), this.networks.values(), this.policies.values());
	}

	List<ProcessingUnit> allPus() {
		return List.copyOf(this.pus.values());
	}

	/** Each unit's rendered policy on its own, by unit id. */
	Map<String, RenderedPolicy> renderEach(Instant now) {
		PolicySnapshot snapshot = snapshot();
		Map<String, RenderedPolicy> rendered = new LinkedHashMap<>();
		this.pus.values().forEach((pu) -> rendered.put(pu.id(), PolicyRenderer.render(snapshot, List.of(pu), now)));
		return rendered;
	}

}
