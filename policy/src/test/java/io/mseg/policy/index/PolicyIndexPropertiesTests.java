package io.mseg.policy.index;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mseg.policy.Scenarios;
import io.mseg.policy.Scenarios.Scenario;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.PolicyRenderer;
import io.mseg.policy.render.RemoteNetwork;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.RenderedRule;

import static io.mseg.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random small worlds changed by random sequences of mutations: after every change the
 * index renders exactly what the scanning renderer does, and its impact covers every unit
 * whose rendering changed. QuickTheories does not run a draw it has already tried, so
 * each property asks for more draws than the examples it must run at least ({@code N} in
 * {@code withExamples(draws) // N}).
 */
class PolicyIndexPropertiesTests {

	@Test
	void afterEveryMutationTheIndexRendersAsTheRendererAndItsImpactCoversEveryChangedUnit() {
		qt().withExamples(400) // 300
			.forAll(Scenarios.scenarios(), lists().of(Mutation.mutations()).ofSizeBetween(1, 12))
			.checkAssert((scenario, mutations) -> {
				World world = World.of(scenario);
				PolicyIndex index = PolicyIndex.of(scenario.snapshot());
				assertRendersAsTheRenderer(index, world);
				for (Mutation mutation : mutations) {
					Map<String, RenderedPolicy> before = world.renderEach(NOW);
					Set<String> impact = mutation.applyTo(index);
					mutation.applyTo(world);
					Map<String, RenderedPolicy> after = assertRendersAsTheRenderer(index, world);
					assertThat(impact).as("impact of %s", mutation).containsAll(changed(before, after));
				}
			});
	}

	@Test
	void aChangeInsideOneTenantReachesASiblingTenantOnlyThroughAnAddressItsNetworksMayCover() {
		qt().withExamples(400) // 300
			.forAll(Scenarios.scenarios(), lists().of(Mutation.mutations()).ofSizeBetween(1, 8))
			.checkAssert(PolicyIndexPropertiesTests::siblingTenantsStayApart);
	}

	/**
	 * Two tenants hold the same world (same tags, same addresses); the mutations happen
	 * in the first one only. A unit of the second may only be impacted when the change
	 * adds or removes an address that a network of its rules may cover (its known
	 * addresses then change).
	 */
	private static void siblingTenantsStayApart(Scenario scenario, List<Mutation> mutations) {
		World world = World.empty();
		PolicyIndex index = new PolicyIndex();
		for (String tenant : List.of("t1", "t2")) {
			String root = "/" + tenant;
			String prefix = tenant + "-";
			scenario.pus().forEach((pu) -> apply(new Mutation.PutPu(pu).rebase(root, prefix), index, world));
			scenario.networks().forEach((n) -> apply(new Mutation.PutNetwork(n).rebase(root, prefix), index, world));
			scenario.policies().forEach((p) -> apply(new Mutation.PutPolicy(p).rebase(root, prefix), index, world));
		}
		for (Mutation inFirst : mutations) {
			Mutation mutation = inFirst.rebase("/t1", "t1-");
			// Impact counts inactive policies too: compare with what they would render.
			Map<String, RenderedPolicy> before = world.allActive().renderEach(NOW);
			Set<IpAddress> changedAddresses = changedAddresses(mutation, world);
			Set<String> impact = apply(mutation, index, world);
			Map<String, RenderedPolicy> after = world.allActive().renderEach(NOW);
			for (String id : impact) {
				if (id.startsWith("t2-")) {
					assertThat(mayCoverAny(before.get(id), changedAddresses)
							|| mayCoverAny(after.get(id), changedAddresses))
						.as("%s impacts %s in the sibling tenant", mutation, id)
						.isTrue();
				}
			}
		}
	}

	private static Set<String> apply(Mutation mutation, PolicyIndex index, World world) {
		mutation.applyTo(world);
		return mutation.applyTo(index);
	}

	/** The addresses a unit mutation adds or removes, before it is applied. */
	private static Set<IpAddress> changedAddresses(Mutation mutation, World world) {
		String id;
		List<IpAddress> after;
		if (mutation instanceof Mutation.PutPu put) {
			id = put.pu().id();
			after = put.pu().addresses();
		}
		else if (mutation instanceof Mutation.ReaddressPu readdress) {
			id = readdress.id();
			after = world.pus().containsKey(id) ? readdress.addresses() : List.of();
		}
		else if (mutation instanceof Mutation.RemovePu remove) {
			id = remove.id();
			after = List.of();
		}
		else {
			return Set.of();
		}
		ProcessingUnit old = world.pus().get(id);
		List<IpAddress> before = (old != null) ? old.addresses() : List.of();
		Set<IpAddress> changed = new HashSet<>();
		before.stream().filter((a) -> !after.contains(a)).forEach(changed::add);
		after.stream().filter((a) -> !before.contains(a)).forEach(changed::add);
		return changed;
	}

	private static boolean mayCoverAny(RenderedPolicy rendered, Set<IpAddress> addresses) {
		return rendered != null && rendered.processingUnits()
			.stream()
			.flatMap((pu) -> Stream.concat(pu.incoming().stream(), pu.outgoing().stream()))
			.map(RenderedRule::externalNetworks)
			.flatMap(List::stream)
			.anyMatch((RemoteNetwork network) -> addresses.stream().anyMatch(network::mayCover));
	}

	/**
	 * Checks (a): rendering all units with the index, with the renderer on the index's
	 * snapshot and with the renderer on a fresh snapshot of the same objects gives one
	 * answer; and the same for each unit alone.
	 * @return each unit's rendering
	 */
	private static Map<String, RenderedPolicy> assertRendersAsTheRenderer(PolicyIndex index, World world) {
		List<ProcessingUnit> all = world.allPus();
		RenderedPolicy expected = PolicyRenderer.render(world.snapshot(), all, NOW);
		assertThat(index.render(all, NOW)).isEqualTo(expected);
		assertThat(PolicyRenderer.render(index.snapshot(), all, NOW)).isEqualTo(expected);
		Map<String, RenderedPolicy> each = world.renderEach(NOW);
		for (ProcessingUnit pu : all) {
			assertThat(index.render(List.of(pu), NOW)).as("rendering of %s", pu.id()).isEqualTo(each.get(pu.id()));
		}
		assertThat(index.processingUnitCount()).isEqualTo(world.pus().size());
		assertThat(index.externalNetworkCount()).isEqualTo(world.networks().size());
		assertThat(index.policyCount()).isEqualTo(world.policies().size());
		return each;
	}

	/** Units whose rendering differs, appeared or disappeared. */
	private static Set<String> changed(Map<String, RenderedPolicy> before, Map<String, RenderedPolicy> after) {
		Set<String> ids = new HashSet<>(before.keySet());
		ids.addAll(after.keySet());
		ids.removeIf((id) -> Objects.equals(before.get(id), after.get(id)));
		return ids;
	}

}
