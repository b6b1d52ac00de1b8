package io.mseg.policy.render;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.port.ServicePorts;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyRendererTests {

	final ProcessingUnit redis = pu("redis", "/shop", "10.233.0.10", "app=redis");

	final ProcessingUnit cart = pu("cart", "/shop", "10.233.0.11", "app=cartservice");

	final ProcessingUnit frontend = pu("frontend", "/shop", "10.233.0.13", "app=frontend");

	final ProcessingUnit otherTenant = pu("other", "/other", "10.9.0.1", "app=cartservice");

	final ExternalNetwork internet = network("internet", "/shop", List.of("0.0.0.0/0", "!10.0.0.0/8"), null, false,
			"ext:name=internet");

	final ExternalNetwork dns = network("dns", "/shop", List.of("8.8.8.8"), List.of("udp/53"), false,
			"ext:name=internet");

	final NetworkPolicy cartToRedis = policy("cart-to-redis", "/shop").subject("app=cartservice")
		.object("app=redis")
		.ports("tcp/6379")
		.build();

	final NetworkPolicy internetToRedis = policy("internet-to-redis", "/shop").incoming()
		.subject("ext:name=internet")
		.object("app=redis")
		.ports("tcp/6379")
		.build();

	@Test
	void incomingRulesResolveRemoteProcessingUnitsToAddresses() {
		RenderedPuPolicy rendered = render(List.of(this.cartToRedis), this.redis);
		assertThat(rendered.pu()).isEqualTo(this.redis);
		assertThat(rendered.outgoing()).isEmpty();
		assertThat(rendered.incoming()).singleElement().satisfies((rule) -> {
			assertThat(rule.policyId()).isEqualTo("cart-to-redis");
			assertThat(rule.ports().toStrings()).containsExactly("tcp/6379");
			assertThat(rule.processingUnits())
				.containsExactly(new RemotePu("cart", "cart", this.cart.namespace(), List.of(ip("10.233.0.11"))));
			assertThat(rule.externalNetworks()).isEmpty();
		});
	}

	@Test
	void outgoingRulesAreTheSymmetricView() {
		RenderedPuPolicy rendered = render(List.of(this.cartToRedis), this.cart);
		assertThat(rendered.incoming()).isEmpty();
		assertThat(rendered.outgoing()).singleElement()
			.satisfies((rule) -> assertThat(rule.processingUnits()).extracting(RemotePu::id).containsExactly("redis"));
	}

	@Test
	void remoteProcessingUnitsOutsideThePolicysSubtreeAreLeftOut() {
		RenderedPuPolicy rendered = render(List.of(this.cartToRedis), this.redis);
		assertThat(rendered.incoming().get(0).processingUnits()).extracting(RemotePu::id).doesNotContain("other");
	}

	@Test
	void externalNetworksAppearWithTheirEntriesAndEffectivePorts() {
		RenderedRule rule = render(List.of(this.internetToRedis), this.redis).incoming().get(0);
		assertThat(rule.processingUnits()).isEmpty();
		assertThat(rule.externalNetworks()).singleElement().satisfies((network) -> {
			assertThat(network.id()).isEqualTo("internet");
			assertThat(network.included()).map(Object::toString).containsExactly("0.0.0.0/0");
			assertThat(network.excluded()).map(Object::toString).containsExactly("10.0.0.0/8");
			assertThat(network.servicePorts()).isEqualTo(ServicePorts.ANY);
			assertThat(network.effectivePorts().toStrings()).containsExactly("tcp/6379");
		});
	}

	@Test
	void externalNetworksSharingNoTrafficWithTheRuleAreLeftOut() {
		RenderedRule rule = render(List.of(this.internetToRedis), this.redis).incoming().get(0);
		assertThat(rule.externalNetworks()).extracting(RemoteNetwork::id).doesNotContain("dns");
	}

	@Test
	void effectivePortsAreTheNetworksServicePortsWhenTheRuleHasNone() {
		NetworkPolicy anyPort = policy("out", "/shop").outgoing()
			.subject("app=cartservice")
			.object("ext:name=internet")
			.build();
		RenderedRule rule = render(List.of(anyPort), this.cart).outgoing().get(0);
		assertThat(rule.ports()).isEqualTo(ServicePorts.ANY);
		assertThat(rule.externalNetworks()).extracting((n) -> n.effectivePorts().toStrings())
			.containsExactly(List.of("udp/53"), List.of("any"));
	}

	@Test
	void externalNetworksNeverAppearOnASideThatMustBeProcessingUnits() {
		NetworkPolicy bidirectional = policy("bi", "/shop").subject("ext:name=internet").object("app=redis").build();
		RenderedPuPolicy rendered = render(List.of(bidirectional), this.redis);
		assertThat(rendered.incoming()).singleElement().satisfies((rule) -> {
			assertThat(rule.externalNetworks()).isEmpty();
			assertThat(rule.processingUnits()).isEmpty();
		});
	}

	@Test
	void rulesFollowEvaluationOrderWithObservationRulesLast() {
		NetworkPolicy allowB = policy("b-allow", "/shop").subject("app=*").object("app=redis").build();
		NetworkPolicy allowA = policy("a-allow", "/shop").subject("app=*").object("app=redis").build();
		NetworkPolicy rootAllow = policy("z-allow", "/").subject("app=*").object("app=redis").propagate().build();
		NetworkPolicy reject = policy("reject", "/shop").reject().subject("app=frontend").object("app=redis").build();
		NetworkPolicy fallbackAllow = policy("fallback-allow", "/shop").fallback()
			.subject("app=*")
			.object("app=*")
			.build();
		NetworkPolicy fallbackReject = policy("fallback-reject", "/shop").fallback()
			.reject()
			.subject("app=*")
			.object("app=*")
			.build();
		NetworkPolicy observedReject = policy("observed", "/shop").observation()
			.reject()
			.subject("app=*")
			.object("app=*")
			.build();
		RenderedPuPolicy rendered = render(
				List.of(observedReject, fallbackAllow, allowB, fallbackReject, reject, allowA, rootAllow), this.redis);
		assertThat(rendered.incoming()).extracting(RenderedRule::policyId)
			.containsExactly("reject", "z-allow", "a-allow", "b-allow", "fallback-reject", "fallback-allow",
					"observed");
		assertThat(rendered.incoming()).extracting(RenderedRule::observed)
			.containsExactly(false, false, false, false, false, false, true);
	}

	@Test
	void inactivePoliciesAreNotRendered() {
		NetworkPolicy disabled = policy("disabled", "/shop").disabled().subject("app=*").object("app=redis").build();
		NetworkPolicy expired = policy("expired", "/shop").expires(NOW).subject("app=*").object("app=redis").build();
		assertThat(render(List.of(disabled, expired), this.redis).incoming()).isEmpty();
	}

	@Test
	void aRuleWithoutRemoteEndIsKeptToShowThatThePolicyApplies() {
		NetworkPolicy toNobody = policy("nobody", "/shop").subject("app=ghost").object("app=redis").build();
		assertThat(render(List.of(toNobody), this.redis).incoming()).singleElement()
			.satisfies((rule) -> assertThat(rule.processingUnits()).isEmpty());
	}

	@Test
	void unitsAreOrderedByNamespaceNameAndId() {
		PolicySnapshot snapshot = snapshot(List.of(this.cartToRedis));
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis, this.cart), NOW);
		assertThat(rendered.processingUnits()).extracting((p) -> p.pu().id()).containsExactly("cart", "redis");
	}

	@Test
	void knownAddressesAreEmptyWhenNoRuleListsAnExternalNetwork() {
		RenderedPolicy rendered = PolicyRenderer.render(snapshot(List.of(this.cartToRedis)),
				List.of(this.redis, this.cart), NOW);
		assertThat(rendered.knownPuAddresses()).isEmpty();
	}

	@Test
	void knownAddressesAreTheUnitAddressesThatARenderedNetworkCoversSorted() {
		ExternalNetwork everywhere = network("everywhere", "/shop", List.of("0.0.0.0/0"), null, false,
				"ext:name=internet");
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart, this.frontend, this.otherTenant),
				List.of(everywhere), List.of(this.internetToRedis));
		assertThat(PolicyRenderer.render(snapshot, List.of(this.redis), NOW).knownPuAddresses()).map(Object::toString)
			.containsExactly("10.9.0.1", "10.233.0.10", "10.233.0.11", "10.233.0.13");
	}

	@Test
	void knownAddressesLeaveOutUnitsInsideAnExclusionSinceTheNetworkNeverMatchesThem() {
		// The internet is 0.0.0.0/0 without 10.0.0.0/8, where every unit lives.
		RenderedPolicy rendered = PolicyRenderer.render(snapshot(List.of(this.internetToRedis)), List.of(this.redis),
				NOW);
		assertThat(rendered.processingUnits().get(0).incoming().get(0).externalNetworks()).isNotEmpty();
		assertThat(rendered.knownPuAddresses()).isEmpty();
	}

	@Test
	void knownAddressesLeaveOutUnitsThatNoRenderedNetworkCovers() {
		ExternalNetwork shopRange = network("shop-range", "/shop", List.of("10.233.0.0/24"), null, false, "ext=range");
		ProcessingUnit v6 = pu("v6", "/shop", "2001:db8::1", "app=v6");
		NetworkPolicy fromRange = policy("from-range", "/shop").incoming()
			.subject("ext=range")
			.object("app=redis")
			.build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart, this.otherTenant, v6),
				List.of(shopRange, this.internet), List.of(fromRange));
		assertThat(PolicyRenderer.render(snapshot, List.of(this.redis), NOW).knownPuAddresses()).map(Object::toString)
			.containsExactly("10.233.0.10", "10.233.0.11");
	}

	@Test
	void domainPatternsMakeEveryUnitAddressKnownSinceANameMayResolveToAny() {
		ExternalNetwork api = network("api", "/shop", List.of("*.example.com"), null, false, "ext=api");
		ProcessingUnit v6 = pu("v6", "/other", "2001:db8::1", "app=v6");
		NetworkPolicy toApi = policy("to-api", "/shop").outgoing().subject("app=cartservice").object("ext=api").build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart, v6), List.of(api), List.of(toApi));
		assertThat(PolicyRenderer.render(snapshot, List.of(this.cart), NOW).knownPuAddresses())
			.containsAll(v6.addresses())
			.containsAll(this.redis.addresses())
			.containsAll(this.cart.addresses());
	}

	private PolicySnapshot snapshot(List<NetworkPolicy> policies) {
		return new PolicySnapshot(List.of(this.redis, this.cart, this.frontend, this.otherTenant),
				List.of(this.internet, this.dns), policies);
	}

	private RenderedPuPolicy render(List<NetworkPolicy> policies, ProcessingUnit pu) {
		return PolicyRenderer.render(snapshot(policies), List.of(pu), NOW).processingUnits().get(0);
	}

}
