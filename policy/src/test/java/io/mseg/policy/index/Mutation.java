package io.mseg.policy.index;

import java.util.List;
import java.util.Set;

import org.quicktheories.core.Gen;

import io.mseg.policy.Scenarios;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;

import static org.quicktheories.generators.Generate.pick;

/**
 * One change, applied the same way to an index and to a plain {@link World}.
 */
sealed interface Mutation {

	/**
	 * Applies the change to an index.
	 * @param index the index
	 * @return the impact the index answers
	 */
	Set<String> applyTo(PolicyIndex index);

	/**
	 * Applies the change to the reference world.
	 * @param world the world
	 */
	void applyTo(World world);

	/** The same change under another root namespace, ids prefixed. */
	Mutation rebase(String root, String idPrefix);

	/**
	 * Random changes of the scenarios' small worlds: puts more often than removes, ids
	 * from small pools so that existing objects are replaced and removed.
	 */
	static Gen<Mutation> mutations() {
		Gen<ProcessingUnit> pus = Scenarios.processingUnits();
		Gen<ExternalNetwork> networks = Scenarios.externalNetworks();
		Gen<NetworkPolicy> policies = Scenarios.pooledPolicies();
		Gen<Integer> kinds = pick(List.of(0, 0, 0, 1, 2, 2, 3, 4, 4, 4, 5, 6, 6));
		return (in) -> switch (kinds.generate(in)) {
			case 0 -> new PutPu(pus.generate(in));
			case 6 -> new ReaddressPu(pus.generate(in).id(), pus.generate(in).addresses());
			case 1 -> new RemovePu(pus.generate(in).id());
			case 2 -> new PutNetwork(networks.generate(in));
			case 3 -> new RemoveNetwork(networks.generate(in).id());
			case 4 -> new PutPolicy(policies.generate(in));
			default -> new RemovePolicy(policies.generate(in).id());
		};
	}

	record PutPu(ProcessingUnit pu) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.put(this.pu);
		}

		@Override
		public void applyTo(World world) {
			world.pus().put(this.pu.id(), this.pu);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new PutPu(Scenarios.rebase(this.pu, root, idPrefix));
		}

	}

	/** Gives an existing unit other addresses, nothing else changing. */
	record ReaddressPu(String id, List<IpAddress> addresses) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.processingUnit(this.id).map((pu) -> index.put(readdressed(pu))).orElse(Set.of());
		}

		@Override
		public void applyTo(World world) {
			world.pus().computeIfPresent(this.id, (id, pu) -> readdressed(pu));
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new ReaddressPu(idPrefix + this.id, this.addresses);
		}

		private ProcessingUnit readdressed(ProcessingUnit pu) {
			return new ProcessingUnit(pu.id(), pu.name(), pu.namespace(), pu.type(), this.addresses, pu.tags(),
					pu.enforcerId());
		}

	}

	record RemovePu(String id) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.removeProcessingUnit(this.id);
		}

		@Override
		public void applyTo(World world) {
			world.pus().remove(this.id);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new RemovePu(idPrefix + this.id);
		}

	}

	record PutNetwork(ExternalNetwork network) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.put(this.network);
		}

		@Override
		public void applyTo(World world) {
			world.networks().put(this.network.id(), this.network);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new PutNetwork(Scenarios.rebase(this.network, root, idPrefix));
		}

	}

	record RemoveNetwork(String id) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.removeExternalNetwork(this.id);
		}

		@Override
		public void applyTo(World world) {
			world.networks().remove(this.id);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new RemoveNetwork(idPrefix + this.id);
		}

	}

	record PutPolicy(NetworkPolicy policy) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.put(this.policy);
		}

		@Override
		public void applyTo(World world) {
			world.policies().put(this.policy.id(), this.policy);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new PutPolicy(Scenarios.rebase(this.policy, root, idPrefix));
		}

	}

	record RemovePolicy(String id) implements Mutation {

		@Override
		public Set<String> applyTo(PolicyIndex index) {
			return index.removeNetworkPolicy(this.id);
		}

		@Override
		public void applyTo(World world) {
			world.policies().remove(this.id);
		}

		@Override
		public Mutation rebase(String root, String idPrefix) {
			return new RemovePolicy(idPrefix + this.id);
		}

	}

}
