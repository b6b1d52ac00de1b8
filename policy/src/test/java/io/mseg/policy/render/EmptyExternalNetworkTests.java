package io.mseg.policy.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.decision.DecisionEngine;
import io.mseg.policy.decision.DecisionReason;
import io.mseg.policy.decision.Endpoint;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.Side;
import io.mseg.policy.decision.SideDecision;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.network.NetworkEntries;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.port.Traffic;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.ns;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external network with no entries, as the console models one whose source has not
 * been fetched yet (no entries until the first good fetch): policies naming it compile,
 * and it matches no address and no name, on either side, for Allow and Reject alike; it
 * never reads as "everything" (with exclusions only, not as "everything but them").
 */
class EmptyExternalNetworkTests {

	/** What the console's {@code ExternalNetworkKind.toModel} builds for no entries. */
	static final NetworkEntries NONE = new NetworkEntries(List.of(), List.of(), List.of(), List.of());

	static final Traffic REDIS_PORT = Traffic.tcp(6379);

	/** Remote ends an empty network must not match: edges of both families, a unit. */
	static final List<String> PROBES = List.of("198.51.100.7", "0.0.0.0", "255.255.255.255", "10.1.2.3", "2001:db8::1",
			"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "10.233.0.11");

	final ProcessingUnit redis = pu("redis", "/shop", "10.233.0.10", "app=redis");

	final ProcessingUnit cart = pu("cart", "/shop", "10.233.0.11", "app=cartservice");

	final ExternalNetwork feed = withEntries("feed", NONE);

	final ExternalNetwork internet = network("internet", "/shop", List.of("0.0.0.0/0", "::/0"), null, false,
			"ext=internet");

	@Test
	void aPolicyNamingAnEmptyNetworkCompilesWithTheNetworkAndItsEmptyEntries() {
		NetworkPolicy fromFeed = policy("from-feed", "/shop").incoming()
			.subject("ext=feed")
			.object("app=redis")
			.build();
		NetworkPolicy toFeed = policy("to-feed", "/shop").outgoing().subject("app=redis").object("ext=feed").build();
		PolicySnapshot snapshot = snapshot(this.feed, fromFeed, toFeed);
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis), NOW);
		RenderedPuPolicy rules = rendered.processingUnits().get(0);
		for (List<RenderedRule> side : List.of(rules.incoming(), rules.outgoing())) {
			assertThat(side).singleElement().satisfies((rule) -> {
				assertThat(rule.processingUnits()).isEmpty();
				assertThat(rule.externalNetworks()).singleElement().satisfies((network) -> {
					assertThat(network.id()).isEqualTo("feed");
					assertThat(network.included()).isEmpty();
					assertThat(network.excluded()).isEmpty();
					assertThat(network.domains()).isEmpty();
					assertThat(network.effectivePorts()).isEqualTo(ServicePorts.ANY);
				});
			});
		}
		// it covers no unit, so it makes none known (a network of every address would)
		assertThat(rendered.knownPuAddresses()).isEmpty();
		assertThat(PolicyIndex.of(snapshot).render(List.of(this.redis), NOW)).isEqualTo(rendered);
	}

	@Test
	void anAllowOfAnEmptyNetworkAdmitsNoAddressAndNoNameOnEitherSide() {
		NetworkPolicy fromFeed = policy("from-feed", "/shop").incoming()
			.subject("ext=feed")
			.object("app=redis")
			.build();
		NetworkPolicy toFeed = policy("to-feed", "/shop").outgoing().subject("app=redis").object("ext=feed").build();
		PolicySnapshot snapshot = snapshot(this.feed, fromFeed, toFeed);
		for (Side side : Side.values()) {
			for (Endpoint.External remote : remotes()) {
				assertThat(verdict(snapshot, side, remote)).as("%s %s", side, remote).isEqualTo(Verdict.REJECT);
				SideDecision decision = DecisionEngine.decideSide(snapshot, side, this.redis, remote, REDIS_PORT, NOW);
				assertThat(decision.reason()).as("%s %s", side, remote).isEqualTo(DecisionReason.DEFAULT_REJECT);
			}
		}
	}

	@Test
	void aRejectOfAnEmptyNetworkRejectsNothingThatAnotherPolicyAllows() {
		NetworkPolicy rejectFromFeed = policy("reject-from-feed", "/shop").reject()
			.incoming()
			.subject("ext=feed")
			.object("app=redis")
			.build();
		NetworkPolicy rejectToFeed = policy("reject-to-feed", "/shop").reject()
			.outgoing()
			.subject("app=redis")
			.object("ext=feed")
			.build();
		NetworkPolicy fromInternet = policy("from-internet", "/shop").incoming()
			.subject("ext=internet")
			.object("app=redis")
			.build();
		NetworkPolicy toInternet = policy("to-internet", "/shop").outgoing()
			.subject("app=redis")
			.object("ext=internet")
			.build();
		NetworkPolicy cartToRedis = policy("cart-to-redis", "/shop").subject("app=cartservice")
			.object("app=redis")
			.build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart), List.of(this.feed, this.internet),
				List.of(rejectFromFeed, rejectToFeed, fromInternet, toInternet, cartToRedis));
		assertThat(verdict(snapshot, Side.INCOMING, new Endpoint.External(ip("10.233.0.11"), null)))
			.as("the cart, as a unit")
			.isEqualTo(Verdict.ALLOW);
		for (Side side : Side.values()) {
			for (String address : PROBES.subList(0, PROBES.size() - 1)) {
				Endpoint.External remote = new Endpoint.External(ip(address), null);
				assertThat(verdict(snapshot, side, remote)).as("%s %s", side, address).isEqualTo(Verdict.ALLOW);
				assertThat(DecisionEngine.decideSide(snapshot, side, this.redis, remote, REDIS_PORT, NOW).verdict())
					.isEqualTo(Verdict.ALLOW);
			}
		}
	}

	@Test
	void aNetworkOfExclusionsAloneMatchesNothingRatherThanEverythingButThem() {
		// NetworkEntries.parse refuses it; the record does not, so the meaning is pinned
		NetworkEntries exclusionsOnly = new NetworkEntries(List.of("!10.0.0.0/8"), List.of(),
				List.of(IpPrefix.parse("10.0.0.0/8")), List.of());
		ExternalNetwork excluded = withEntries("feed", exclusionsOnly);
		assertThat(exclusionsOnly.covers(ip("198.51.100.7"))).isFalse();
		assertThat(exclusionsOnly.covers(ip("10.1.2.3"))).isFalse();
		NetworkPolicy fromFeed = policy("from-feed", "/shop").incoming()
			.subject("ext=feed")
			.object("app=redis")
			.build();
		NetworkPolicy rejectToFeed = policy("reject-to-feed", "/shop").reject()
			.outgoing()
			.subject("app=redis")
			.object("ext=feed")
			.build();
		NetworkPolicy toInternet = policy("to-internet", "/shop").outgoing()
			.subject("app=redis")
			.object("ext=internet")
			.build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.redis, this.cart), List.of(excluded, this.internet),
				List.of(fromFeed, rejectToFeed, toInternet));
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis), NOW);
		RemoteNetwork network = rendered.processingUnits().get(0).incoming().get(0).externalNetworks().get(0);
		for (String address : PROBES) {
			assertThat(network.mayCover(ip(address))).as(address).isFalse();
			Endpoint.External remote = new Endpoint.External(ip(address), null);
			assertThat(verdict(snapshot, Side.INCOMING, remote)).as(address).isEqualTo(Verdict.REJECT);
			if (!address.equals("10.233.0.11")) {
				// the internet allows it: the reject of the excluded-only network does
				// not
				assertThat(verdict(snapshot, Side.OUTGOING, remote)).as(address).isEqualTo(Verdict.ALLOW);
			}
		}
		assertThat(PolicyIndex.of(snapshot).render(List.of(this.redis), NOW)).isEqualTo(rendered);
	}

	@Test
	void aNetworkThatGetsEntriesAndLosesThemAgainChangesTheDocumentsThatNameIt() {
		NetworkPolicy fromFeed = policy("from-feed", "/shop").incoming()
			.subject("ext=feed")
			.object("app=redis")
			.build();
		NetworkPolicy rejectToFeed = policy("reject-to-feed", "/shop").reject()
			.outgoing()
			.subject("app=redis")
			.object("ext=feed")
			.build();
		NetworkPolicy toInternet = policy("to-internet", "/shop").outgoing()
			.subject("app=redis")
			.object("ext=internet")
			.build();
		// public blocks only, so that the known addresses are the feed's doing
		ExternalNetwork publicBlocks = network("internet", "/shop", List.of("198.51.100.0/24", "203.0.113.0/24"), null,
				false, "ext=internet");
		PolicyIndex index = PolicyIndex.of(new PolicySnapshot(List.of(this.redis, this.cart),
				List.of(this.feed, publicBlocks), List.of(fromFeed, rejectToFeed, toInternet)));
		RenderedPolicy empty = index.render(List.of(this.redis), NOW);
		assertThat(empty.knownPuAddresses()).isEmpty();
		assertThat(incoming(index, "198.51.100.7")).isEqualTo(Verdict.REJECT);
		assertThat(outgoing(index, "198.51.100.7")).isEqualTo(Verdict.ALLOW);

		ExternalNetwork fetched = withEntries("feed",
				NetworkEntries.parse(List.of("198.51.100.0/24", "10.233.0.0/24", "!10.233.0.10/32")));
		assertThat(index.put(fetched)).contains("redis");
		RenderedPolicy filled = index.render(List.of(this.redis), NOW);
		assertThat(filled).isEqualTo(PolicyRenderer.render(index.snapshot(), List.of(this.redis), NOW));
		assertThat(filled.knownPuAddresses()).containsExactly(ip("10.233.0.11"));
		assertThat(incoming(index, "198.51.100.7")).isEqualTo(Verdict.ALLOW);
		assertThat(outgoing(index, "198.51.100.7")).isEqualTo(Verdict.REJECT);
		assertThat(outgoing(index, "203.0.113.1")).isEqualTo(Verdict.ALLOW);

		assertThat(index.put(this.feed)).contains("redis");
		assertThat(index.render(List.of(this.redis), NOW)).isEqualTo(empty);
		assertThat(incoming(index, "198.51.100.7")).isEqualTo(Verdict.REJECT);
		assertThat(outgoing(index, "198.51.100.7")).isEqualTo(Verdict.ALLOW);
	}

	/**
	 * The verdict of redis's rendered rules, checked against the decision engine's.
	 */
	private Verdict verdict(PolicySnapshot snapshot, Side side, Endpoint.External remote) {
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, List.of(this.redis), NOW);
		Verdict verdict = RenderedPolicyEvaluator.evaluate(rendered, rendered.processingUnits().get(0), side,
				remote.address(), remote.domain(), REDIS_PORT, snapshot.processingUnitAddresses()::contains);
		assertThat(DecisionEngine.decideSide(snapshot, side, this.redis, remote, REDIS_PORT, NOW).verdict())
			.as("decision engine, %s %s", side, remote)
			.isEqualTo(verdict);
		return verdict;
	}

	private Verdict incoming(PolicyIndex index, String address) {
		return verdict(index.snapshot(), Side.INCOMING, new Endpoint.External(ip(address), null));
	}

	private Verdict outgoing(PolicyIndex index, String address) {
		return verdict(index.snapshot(), Side.OUTGOING, new Endpoint.External(ip(address), null));
	}

	private PolicySnapshot snapshot(ExternalNetwork network, NetworkPolicy... policies) {
		return new PolicySnapshot(List.of(this.redis, this.cart), List.of(network), Arrays.asList(policies));
	}

	/** Every probe address, and a name alone and with an address (for outgoing rules). */
	private static List<Endpoint.External> remotes() {
		List<Endpoint.External> remotes = new ArrayList<>();
		PROBES.forEach((address) -> remotes.add(new Endpoint.External(ip(address), null)));
		remotes.add(new Endpoint.External(null, "www.example.com"));
		remotes.add(new Endpoint.External(ip("198.51.100.7"), "www.example.com"));
		return remotes;
	}

	private static ExternalNetwork withEntries(String id, NetworkEntries entries) {
		NamespacePath path = ns("/shop");
		return new ExternalNetwork(id, id, path, entries, ServicePorts.ANY,
				SystemTags.forExternalNetwork(id, id, path, List.of("ext=" + id)), false);
	}

}
