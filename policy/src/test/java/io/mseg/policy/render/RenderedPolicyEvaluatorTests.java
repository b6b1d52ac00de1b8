package io.mseg.policy.render;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.Side;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.Traffic;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redis host of DESIGN section 7: the cart may reach redis on tcp/6379, and so may an
 * external network covering every address, which must still never admit a unit.
 */
class RenderedPolicyEvaluatorTests {

	static final Traffic REDIS_PORT = Traffic.tcp(6379);

	/** For calls without a remote domain name, where the unit addresses are not read. */
	static final Predicate<IpAddress> UNUSED = (address) -> {
		throw new AssertionError("read without a domain name");
	};

	final ProcessingUnit redis = pu("redis", "/shop", "10.233.0.10", "app=redis");

	final ProcessingUnit cart = pu("cart", "/shop", "10.233.0.11", "app=cartservice");

	final ProcessingUnit frontend = pu("frontend", "/shop", "10.233.0.13", "app=frontend");

	final ExternalNetwork everywhere = network("everywhere", "/shop", List.of("0.0.0.0/0", "*.example.com"), null,
			false, "ext=everywhere");

	final NetworkPolicy cartToRedis = policy("p1", "/shop").subject("app=cartservice")
		.object("app=redis")
		.ports("tcp/6379")
		.build();

	final NetworkPolicy everywhereToRedis = policy("p2", "/shop").incoming()
		.subject("ext=everywhere")
		.object("app=redis")
		.ports("tcp/6379")
		.build();

	final NetworkPolicy cartToEverywhere = policy("p4", "/shop").outgoing()
		.subject("app=cartservice")
		.object("ext=everywhere")
		.ports("tcp/6379")
		.build();

	@Test
	void theCartReachesRedisOnItsPortOnly() {
		assertThat(incoming(List.of(this.cartToRedis), "10.233.0.11", null, REDIS_PORT)).isEqualTo(Verdict.ALLOW);
		assertThat(incoming(List.of(this.cartToRedis), "10.233.0.11", null, Traffic.tcp(22))).isEqualTo(Verdict.REJECT);
	}

	@Test
	void anExternalNetworkCoveringEverythingNeverAdmitsAUnitsAddress() {
		List<NetworkPolicy> policies = List.of(this.cartToRedis, this.everywhereToRedis);
		assertThat(incoming(policies, "198.51.100.7", null, REDIS_PORT)).isEqualTo(Verdict.ALLOW);
		assertThat(incoming(policies, "10.233.0.13", null, REDIS_PORT)).isEqualTo(Verdict.REJECT);
		assertThat(incoming(policies, "10.233.0.13", "www.example.com", REDIS_PORT)).isEqualTo(Verdict.REJECT);
	}

	@Test
	void domainNamesMatchExternalNetworksOnOutgoingRules() {
		assertThat(outgoing(List.of(this.cartToEverywhere), null, "www.example.com", REDIS_PORT))
			.isEqualTo(Verdict.ALLOW);
		assertThat(outgoing(List.of(this.cartToEverywhere), null, "www.example.org", REDIS_PORT))
			.isEqualTo(Verdict.REJECT);
	}

	@Test
	void aDomainNameMatchesNothingOnIncomingRules() {
		assertThat(incoming(List.of(this.everywhereToRedis), null, "www.example.com", REDIS_PORT))
			.isEqualTo(Verdict.REJECT);
		ExternalNetwork api = network("api", "/shop", List.of("*.example.com"), null, false, "ext=api");
		NetworkPolicy fromApi = policy("p3", "/shop").incoming().subject("ext=api").object("app=redis").build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart, this.frontend), List.of(api),
				List.of(fromApi));
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis), NOW);
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, rendered.processingUnits().get(0), Side.INCOMING,
				ip("198.51.100.7"), "www.example.com", REDIS_PORT, UNUSED))
			.isEqualTo(Verdict.REJECT);
	}

	@Test
	void theFirstMatchingRuleDecides() {
		NetworkPolicy reject = policy("p0", "/shop").reject().incoming().subject("app=*").object("app=redis").build();
		assertThat(incoming(List.of(this.cartToRedis, reject), "10.233.0.11", null, REDIS_PORT))
			.isEqualTo(Verdict.REJECT);
	}

	@Test
	void observationRulesNeverDecide() {
		NetworkPolicy observedAllow = policy("p0", "/shop").observation()
			.incoming()
			.subject("app=*")
			.object("app=redis")
			.build();
		assertThat(incoming(List.of(observedAllow), "10.233.0.13", null, REDIS_PORT)).isEqualTo(Verdict.REJECT);
	}

	@Test
	void outgoingRulesAreEvaluatedForTheOutgoingSide() {
		RenderedPolicy rendered = PolicyRenderer.render(snapshot(List.of(this.cartToRedis)), List.of(this.cart), NOW);
		RenderedPuPolicy cartRules = rendered.processingUnits().get(0);
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, cartRules, Side.OUTGOING, ip("10.233.0.10"), null,
				REDIS_PORT, UNUSED))
			.isEqualTo(Verdict.ALLOW);
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, cartRules, Side.INCOMING, ip("10.233.0.10"), null,
				REDIS_PORT, UNUSED))
			.isEqualTo(Verdict.REJECT);
	}

	@Test
	void aUnitThatNoRenderedNetworkCoversIsMatchedByItsProcessingUnitRule() {
		RenderedPolicy rendered = PolicyRenderer.render(snapshot(List.of(this.cartToRedis)), List.of(this.redis), NOW);
		assertThat(rendered.knownPuAddresses()).isEmpty();
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, rendered.processingUnits().get(0), Side.INCOMING,
				ip("10.233.0.11"), null, REDIS_PORT, UNUSED))
			.isEqualTo(Verdict.ALLOW);
	}

	@Test
	void aUnitsAddressReachedUnderANameOfADomainNetworkIsNeverAdmittedByThatNetwork() {
		ExternalNetwork api = network("api", "/shop", List.of("*.example.com"), null, false, "ext=api");
		NetworkPolicy toApi = policy("p3", "/shop").outgoing().subject("app=cartservice").object("ext=api").build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart, this.frontend), List.of(api),
				List.of(toApi));
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.cart), NOW);
		RenderedPuPolicy rules = rendered.processingUnits().get(0);
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, rules, Side.OUTGOING, ip("198.51.100.7"),
				"www.example.com", REDIS_PORT, snapshot.processingUnitAddresses()::contains))
			.isEqualTo(Verdict.ALLOW);
		assertThat(RenderedPolicyEvaluator.evaluate(rendered, rules, Side.OUTGOING, ip("10.233.0.13"),
				"www.example.com", REDIS_PORT, snapshot.processingUnitAddresses()::contains))
			.isEqualTo(Verdict.REJECT);
	}

	private PolicySnapshot snapshot(List<NetworkPolicy> policies) {
		return new PolicySnapshot(List.of(this.redis, this.cart, this.frontend), List.of(this.everywhere), policies);
	}

	private Verdict outgoing(List<NetworkPolicy> policies, String remote, String domain, Traffic traffic) {
		PolicySnapshot snapshot = snapshot(policies);
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.cart), NOW);
		return RenderedPolicyEvaluator.evaluate(rendered, rendered.processingUnits().get(0), Side.OUTGOING,
				(remote != null) ? ip(remote) : null, domain, traffic, snapshot.processingUnitAddresses()::contains);
	}

	private Verdict incoming(List<NetworkPolicy> policies, String remote, String domain, Traffic traffic) {
		PolicySnapshot snapshot = snapshot(policies);
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis), NOW);
		return RenderedPolicyEvaluator.evaluate(rendered, rendered.processingUnits().get(0), Side.INCOMING,
				(remote != null) ? ip(remote) : null, domain, traffic, snapshot.processingUnitAddresses()::contains);
	}

}
