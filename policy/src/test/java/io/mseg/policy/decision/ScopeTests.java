package io.mseg.policy.decision;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;

import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

class ScopeTests {

	private final NetworkPolicy inAcme = policy("p", "/acme").subject("a=b").object("a=b").build();

	private final NetworkPolicy propagatedFromAcme = policy("p", "/acme").subject("a=b")
		.object("a=b")
		.propagate()
		.build();

	@Test
	void aPolicyAppliesToProcessingUnitsOfItsOwnNamespace() {
		assertThat(Scope.appliesTo(this.inAcme, unitIn("/acme"))).isTrue();
		assertThat(Scope.appliesTo(this.inAcme, unitIn("/acme/prod"))).isFalse();
	}

	@Test
	void aPropagatedPolicyAlsoAppliesToDescendants() {
		assertThat(Scope.appliesTo(this.propagatedFromAcme, unitIn("/acme/prod/web"))).isTrue();
	}

	@Test
	void propagationNeverGoesUpwardOrSideways() {
		NetworkPolicy inProd = policy("p", "/acme/prod").subject("a=b").object("a=b").propagate().build();
		assertThat(Scope.appliesTo(inProd, unitIn("/acme"))).isFalse();
		assertThat(Scope.appliesTo(inProd, unitIn("/acme/dev"))).isFalse();
		assertThat(Scope.appliesTo(this.propagatedFromAcme, unitIn("/acme-other"))).isFalse();
	}

	@Test
	void remoteProcessingUnitsMustLieInThePolicysSubtree() {
		assertThat(Scope.remoteInScope(this.inAcme, unitIn("/acme"))).isTrue();
		assertThat(Scope.remoteInScope(this.inAcme, unitIn("/acme/prod"))).isTrue();
		assertThat(Scope.remoteInScope(this.inAcme, unitIn("/"))).isFalse();
		assertThat(Scope.remoteInScope(this.inAcme, unitIn("/other"))).isFalse();
	}

	@Test
	void remoteExternalNetworksMayComeFromTheSubtreeOrPropagateFromAnAncestor() {
		assertThat(Scope.remoteInScope(this.inAcme, networkIn("/acme/prod", false))).isTrue();
		assertThat(Scope.remoteInScope(this.inAcme, networkIn("/", true))).isTrue();
		assertThat(Scope.remoteInScope(this.inAcme, networkIn("/", false))).isFalse();
		assertThat(Scope.remoteInScope(this.inAcme, networkIn("/other", true))).isFalse();
	}

	@Test
	void aPolicySelectsOnlyOnTheSidesItsModeDecides() {
		ProcessingUnit unit = unitIn("/acme");
		NetworkPolicy incoming = policy("p", "/acme").incoming().subject("a=b").object("a=b").build();
		assertThat(Scope.selects(incoming, Side.INCOMING, unit)).isTrue();
		assertThat(Scope.selects(incoming, Side.OUTGOING, unit)).isFalse();
	}

	@Test
	void externalNetworksNeverMatchASideThatMustBeProcessingUnits() {
		ExternalNetwork internet = networkIn("/acme", false);
		NetworkPolicy bidirectional = policy("p", "/acme").subject("a=b").object("ext=internet").build();
		NetworkPolicy outgoing = policy("p", "/acme").outgoing().subject("a=b").object("ext=internet").build();
		assertThat(Scope.remoteMatches(bidirectional, Side.OUTGOING, internet)).isFalse();
		assertThat(Scope.remoteMatches(outgoing, Side.OUTGOING, internet)).isTrue();
	}

	private static ProcessingUnit unitIn(String namespace) {
		return pu("pu", namespace, null, "a=b");
	}

	private static ExternalNetwork networkIn(String namespace, boolean propagate) {
		return network("net", namespace, List.of("0.0.0.0/0"), null, propagate, "ext=internet");
	}

}
