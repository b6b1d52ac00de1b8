package io.mseg.policy.decision;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.port.Traffic;
import io.mseg.policy.tag.TagExpression;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DecisionEngineTests {

	static final ProcessingUnit CART = pu("cart", "/acme", "10.0.0.11", "app=cartservice");

	static final ProcessingUnit REDIS = pu("redis", "/acme", "10.0.0.10", "app=redis");

	static final ProcessingUnit FRONTEND = pu("frontend", "/acme", "10.0.0.13", "app=frontend");

	static final ProcessingUnit PROD_WEB = pu("prod-web", "/acme/prod", "10.0.1.1", "app=web");

	static final ProcessingUnit DEV_WEB = pu("dev-web", "/acme/dev", "10.0.2.1", "app=web");

	static final ProcessingUnit TENANT_A_WEB = pu("a-web", "/tenant-a", "10.1.0.1", "app=web");

	static final ProcessingUnit TENANT_A_DB = pu("a-db", "/tenant-a", "10.1.0.2", "app=db");

	static final ProcessingUnit TENANT_B_DB = pu("b-db", "/tenant-b", "10.2.0.2", "app=db");

	static final ExternalNetwork INTERNET = network("internet", "/acme", List.of("0.0.0.0/0"), null, false,
			"ext:name=internet");

	static final ExternalNetwork EXAMPLE = network("example", "/acme", List.of("*.example.com"), List.of("tcp/443"),
			false, "ext=example");

	static final ExternalNetwork ROOT_DNS = network("root-dns", "/", List.of("8.8.8.8"), List.of("udp/53"), true,
			"ext=dns");

	static final ExternalNetwork ROOT_PRIVATE = network("root-private", "/", List.of("172.16.0.0/12"), null, false,
			"ext=private");

	static final ExternalNetwork TENANT_B_PARTNER = network("b-partner", "/tenant-b", List.of("203.0.113.0/24"), null,
			false, "ext=partner");

	static final List<ProcessingUnit> PUS = List.of(CART, REDIS, FRONTEND, PROD_WEB, DEV_WEB, TENANT_A_WEB, TENANT_A_DB,
			TENANT_B_DB);

	static final List<ExternalNetwork> NETWORKS = List.of(INTERNET, EXAMPLE, ROOT_DNS, ROOT_PRIVATE, TENANT_B_PARTNER);

	static final Traffic REDIS_PORT = Traffic.tcp(6379);

	static Decision decide(List<NetworkPolicy> policies, Endpoint source, Endpoint destination, Traffic traffic) {
		return DecisionEngine.decide(new PolicySnapshot(PUS, NETWORKS, policies),
				new Connection(source, destination, traffic), NOW);
	}

	static Endpoint at(ProcessingUnit pu) {
		return Endpoint.of(pu);
	}

	static Endpoint at(String address) {
		return Endpoint.of(ip(address));
	}

	static NetworkPolicy cartToRedis() {
		return policy("cart-to-redis", "/acme").subject("app=cartservice").object("app=redis").build();
	}

	@Nested
	class PerSide {

		@Test
		void withoutAnyPolicyBothSidesRejectByDefault() {
			Decision decision = decide(List.of(), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.outgoing()).hasValueSatisfying((side) -> {
				assertThat(side.reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
				assertThat(side.deciding()).isEmpty();
				assertThat(side.pu()).isEqualTo(CART);
			});
			assertThat(decision.incoming())
				.hasValueSatisfying((side) -> assertThat(side.reason()).isEqualTo(DecisionReason.DEFAULT_REJECT));
		}

		@Test
		void aBidirectionalAllowOpensTheSubjectToTheObjectOnly() {
			Decision decision = decide(List.of(cartToRedis()), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.outgoing().orElseThrow().reason()).isEqualTo(DecisionReason.ALLOW_POLICY);
			assertThat(decision.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.ALLOW_POLICY);
			assertThat(decide(List.of(cartToRedis()), at(REDIS), at(CART), REDIS_PORT).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void rejectWinsOverAllow() {
			NetworkPolicy reject = policy("no-redis", "/acme").reject()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			Decision decision = decide(List.of(cartToRedis(), reject), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			SideDecision outgoing = decision.outgoing().orElseThrow();
			assertThat(outgoing.reason()).isEqualTo(DecisionReason.REJECT_POLICY);
			assertThat(outgoing.deciding()).extracting(PolicyMatch::policy).containsExactly(reject);
			assertThat(outgoing.matching()).extracting(PolicyMatch::policy).containsExactly(reject, cartToRedis());
		}

		@Test
		void aNonFallbackAllowWinsOverAFallbackReject() {
			NetworkPolicy fallbackReject = policy("deny-all", "/acme").reject()
				.fallback()
				.subject("app=*")
				.object("app=*")
				.build();
			Decision decision = decide(List.of(fallbackReject, cartToRedis()), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.outgoing().orElseThrow().matching()).extracting(PolicyMatch::policy)
				.containsExactly(cartToRedis(), fallbackReject);
		}

		@Test
		void aNonFallbackRejectWinsOverAFallbackAllow() {
			NetworkPolicy fallbackAllow = policy("allow-all", "/acme").fallback()
				.subject("app=*")
				.object("app=*")
				.build();
			NetworkPolicy reject = policy("no-redis", "/acme").reject()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			Decision decision = decide(List.of(fallbackAllow, reject), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.outgoing().orElseThrow().reason()).isEqualTo(DecisionReason.REJECT_POLICY);
		}

		@Test
		void fallbackPoliciesDecideWhenNothingElseMatches() {
			NetworkPolicy fallbackAllow = policy("allow-all", "/acme").fallback()
				.subject("app=*")
				.object("app=*")
				.build();
			Decision decision = decide(List.of(fallbackAllow), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.outgoing().orElseThrow().reason()).isEqualTo(DecisionReason.FALLBACK_ALLOW_POLICY);
		}

		@Test
		void aFallbackRejectWinsOverAFallbackAllow() {
			NetworkPolicy fallbackAllow = policy("allow-all", "/acme").fallback()
				.subject("app=*")
				.object("app=*")
				.build();
			NetworkPolicy fallbackReject = policy("deny-redis", "/acme").fallback()
				.reject()
				.subject("app=*")
				.object("app=redis")
				.build();
			Decision decision = decide(List.of(fallbackAllow, fallbackReject), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.FALLBACK_REJECT_POLICY);
			assertThat(decision.incoming().orElseThrow().deciding()).extracting(PolicyMatch::policy)
				.containsExactly(fallbackReject);
		}

	}

	@Nested
	class Modes {

		@Test
		void aProcessingUnitToProcessingUnitConnectionNeedsBothSides() {
			NetworkPolicy outgoingOnly = policy("out", "/acme").outgoing()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			NetworkPolicy incomingOnly = policy("in", "/acme").incoming()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			Decision sourceOnly = decide(List.of(outgoingOnly), at(CART), at(REDIS), REDIS_PORT);
			assertThat(sourceOnly.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(sourceOnly.outgoing().orElseThrow().verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(sourceOnly.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
			Decision destinationOnly = decide(List.of(incomingOnly), at(CART), at(REDIS), REDIS_PORT);
			assertThat(destinationOnly.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(destinationOnly.incoming().orElseThrow().verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decide(List.of(outgoingOnly, incomingOnly), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.ALLOW);
		}

		@Test
		void aRejectOnEitherSideRejects() {
			NetworkPolicy rejectAtDestination = policy("in", "/acme").incoming()
				.reject()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			Decision decision = decide(List.of(cartToRedis(), rejectAtDestination), at(CART), at(REDIS), REDIS_PORT);
			assertThat(decision.outgoing().orElseThrow().verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.incoming().orElseThrow().verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
		}

		@Test
		void anIncomingPolicyLetsAnExternalNetworkInDecidedByTheDestinationAlone() {
			NetworkPolicy internetToFrontend = policy("internet-to-frontend", "/acme").incoming()
				.subject("ext:name=internet")
				.object("app=frontend")
				.build();
			Decision decision = decide(List.of(internetToFrontend), at("198.51.100.7"), at(FRONTEND), Traffic.tcp(443));
			assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.outgoing()).isEmpty();
			assertThat(decision.incoming().orElseThrow().deciding())
				.containsExactly(new PolicyMatch(internetToFrontend, "internet"));
		}

		@Test
		void anOutgoingPolicyLetsAProcessingUnitReachAnExternalNetwork() {
			NetworkPolicy cartToInternet = policy("cart-out", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext:name=internet")
				.build();
			Decision decision = decide(List.of(cartToInternet), at(CART), at("198.51.100.7"), Traffic.tcp(443));
			assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.incoming()).isEmpty();
			assertThat(decision.outgoing().orElseThrow().deciding())
				.containsExactly(new PolicyMatch(cartToInternet, "internet"));
		}

		@Test
		void externalNetworksMatchOnlyTheSideTheModeAllows() {
			NetworkPolicy incoming = policy("in", "/acme").incoming()
				.subject("app=*")
				.object("ext:name=internet")
				.build();
			NetworkPolicy bidirectional = policy("bi", "/acme").subject("app=cartservice")
				.object("ext:name=internet")
				.build();
			NetworkPolicy outgoingFromInternet = policy("out", "/acme").outgoing()
				.subject("ext:name=internet")
				.object("app=frontend")
				.build();
			List<NetworkPolicy> policies = List.of(incoming, bidirectional, outgoingFromInternet);
			assertThat(decide(policies, at(CART), at("198.51.100.7"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.REJECT);
			assertThat(decide(policies, at("198.51.100.7"), at(FRONTEND), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void aProcessingUnitTaggedLikeAnExternalNetworkStillMatchesAsAProcessingUnit() {
			ProcessingUnit lookalike = pu("lookalike", "/acme", "10.0.0.99", "ext:name=internet");
			NetworkPolicy incoming = policy("in", "/acme").incoming()
				.subject("ext:name=internet")
				.object("app=frontend")
				.build();
			PolicySnapshot snapshot = new PolicySnapshot(List.of(lookalike, FRONTEND), NETWORKS, List.of(incoming));
			Decision decision = DecisionEngine.decide(snapshot,
					new Connection(at(lookalike), at(FRONTEND), Traffic.tcp(443)), NOW);
			assertThat(decision.incoming().orElseThrow().verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decision.incoming().orElseThrow().deciding()).containsExactly(new PolicyMatch(incoming, null));
		}

		@Test
		void twoExternalEndpointsAreRefused() {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(
						() -> decide(List.of(), at("198.51.100.7"), Endpoint.ofDomain("example.com"), Traffic.tcp(443)))
				.withMessageContaining("neither endpoint is a processing unit");
		}

	}

	@Nested
	class Namespaces {

		@Test
		void aPolicyAppliesToDescendantsOnlyWhenItPropagates() {
			NetworkPolicy local = policy("web-out", "/acme").outgoing().subject("app=web").object("app=redis").build();
			NetworkPolicy propagated = policy("web-out", "/acme").outgoing()
				.subject("app=web")
				.object("app=redis")
				.propagate()
				.build();
			assertThat(decide(List.of(local), at(PROD_WEB), at(REDIS), REDIS_PORT).outgoing().orElseThrow().verdict())
				.isEqualTo(Verdict.REJECT);
			assertThat(
					decide(List.of(propagated), at(PROD_WEB), at(REDIS), REDIS_PORT).outgoing().orElseThrow().verdict())
				.isEqualTo(Verdict.ALLOW);
		}

		@Test
		void propagationNeverGoesUpwardOrSideways() {
			NetworkPolicy fromProd = policy("prod-out", "/acme/prod").outgoing()
				.subject("app=*")
				.object("app=*")
				.propagate()
				.build();
			assertThat(decide(List.of(fromProd), at(DEV_WEB), at(PROD_WEB), Traffic.tcp(80)).outgoing()
				.orElseThrow()
				.reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
			assertThat(decide(List.of(fromProd), at(CART), at(PROD_WEB), Traffic.tcp(80)).outgoing()
				.orElseThrow()
				.reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
		}

		@Test
		void siblingTenantsWithCollidingTagsNeverMatch() {
			NetworkPolicy tenantA = policy("web-to-db", "/tenant-a").subject("app=web").object("app=db").build();
			assertThat(decide(List.of(tenantA), at(TENANT_A_WEB), at(TENANT_A_DB), Traffic.tcp(5432)).verdict())
				.isEqualTo(Verdict.ALLOW);
			Decision crossTenant = decide(List.of(tenantA), at(TENANT_A_WEB), at(TENANT_B_DB), Traffic.tcp(5432));
			assertThat(crossTenant.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(crossTenant.outgoing().orElseThrow().reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
		}

		@Test
		void aPolicyInTheCommonAncestorConnectsSiblingNamespaces() {
			NetworkPolicy fromRoot = policy("web-to-db", "/").subject("app=web", "$namespace=/tenant-a")
				.object("app=db", "$namespace=/tenant-b")
				.propagate()
				.build();
			assertThat(decide(List.of(fromRoot), at(TENANT_A_WEB), at(TENANT_B_DB), Traffic.tcp(5432)).verdict())
				.isEqualTo(Verdict.ALLOW);
		}

		@Test
		void externalNetworksOfAnotherTenantNeverMatch() {
			NetworkPolicy toPartner = policy("to-partner", "/tenant-a").outgoing()
				.subject("app=web")
				.object("ext=partner")
				.build();
			assertThat(decide(List.of(toPartner), at(TENANT_A_WEB), at("203.0.113.5"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void anExternalNetworkPropagatedFromAnAncestorMatches() {
			NetworkPolicy dns = policy("dns", "/acme").outgoing().subject("app=cartservice").object("ext=dns").build();
			assertThat(decide(List.of(dns), at(CART), at("8.8.8.8"), Traffic.udp(53)).verdict())
				.isEqualTo(Verdict.ALLOW);
		}

		@Test
		void anAncestorsExternalNetworkThatDoesNotPropagateNeverMatches() {
			NetworkPolicy toPrivate = policy("private", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext=private")
				.build();
			assertThat(decide(List.of(toPrivate), at(CART), at("172.16.0.1"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.REJECT);
			NetworkPolicy fromRoot = policy("private", "/").outgoing()
				.subject("app=cartservice")
				.object("ext=private")
				.propagate()
				.build();
			assertThat(decide(List.of(fromRoot), at(CART), at("172.16.0.1"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.ALLOW);
		}

	}

	@Nested
	class PortsAndEntries {

		@Test
		void thePolicysPortsMustCoverTheTraffic() {
			NetworkPolicy redisOnly = policy("redis", "/acme").subject("app=cartservice")
				.object("app=redis")
				.ports("tcp/6379")
				.build();
			assertThat(decide(List.of(redisOnly), at(CART), at(REDIS), REDIS_PORT).verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(decide(List.of(redisOnly), at(CART), at(REDIS), Traffic.tcp(22)).verdict())
				.isEqualTo(Verdict.REJECT);
			assertThat(decide(List.of(redisOnly), at(CART), at(REDIS), Traffic.udp(6379)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void aRejectLimitedToOtherPortsDoesNotReject() {
			NetworkPolicy noSsh = policy("no-ssh", "/acme").reject()
				.subject("app=cartservice")
				.object("app=redis")
				.ports("tcp/22")
				.build();
			assertThat(decide(List.of(cartToRedis(), noSsh), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.ALLOW);
			assertThat(decide(List.of(cartToRedis(), noSsh), at(CART), at(REDIS), Traffic.tcp(22)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void theExternalNetworksServicePortsMustCoverTheTraffic() {
			NetworkPolicy dns = policy("dns", "/acme").outgoing().subject("app=cartservice").object("ext=dns").build();
			assertThat(decide(List.of(dns), at(CART), at("8.8.8.8"), Traffic.tcp(53)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void domainNamesMatchThroughWildcardEntries() {
			NetworkPolicy toExample = policy("example", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext=example")
				.build();
			assertThat(decide(List.of(toExample), at(CART), Endpoint.ofDomain("API.example.com."), Traffic.tcp(443))
				.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(
					decide(List.of(toExample), at(CART), Endpoint.ofDomain("example.com"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.REJECT);
			assertThat(decide(List.of(toExample), at(CART), new Endpoint.External(ip("198.51.100.7"), "a.example.com"),
					Traffic.tcp(443))
				.verdict()).isEqualTo(Verdict.ALLOW);
		}

		@Test
		void aDomainEntryMatchesOnlyConnectionsTheUnitInitiates() {
			NetworkPolicy toExample = policy("to-example", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext=example")
				.build();
			NetworkPolicy fromExample = policy("from-example", "/acme").incoming()
				.subject("ext=example")
				.object("app=cartservice")
				.build();
			List<NetworkPolicy> both = List.of(toExample, fromExample);
			assertThat(decide(both, at(CART), Endpoint.ofDomain("api.example.com"), Traffic.tcp(443)).verdict())
				.isEqualTo(Verdict.ALLOW);
			Decision fromName = decide(both, Endpoint.ofDomain("api.example.com"), at(CART), Traffic.tcp(443));
			assertThat(fromName.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(fromName.incoming().orElseThrow().matching()).isEmpty();
			assertThat(fromName.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
			Decision fromAddressAndName = decide(both, new Endpoint.External(ip("198.51.100.7"), "api.example.com"),
					at(CART), Traffic.tcp(443));
			assertThat(fromAddressAndName.incoming().orElseThrow().matching()).isEmpty();
		}

		@Test
		void excludedAddressesAreNotCovered() {
			ExternalNetwork notTen = network("not-ten", "/acme", List.of("0.0.0.0/0", "!10.0.0.0/8"), null, false,
					"ext=not-ten");
			NetworkPolicy out = policy("out", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext=not-ten")
				.build();
			PolicySnapshot snapshot = new PolicySnapshot(PUS, List.of(notTen), List.of(out));
			assertThat(DecisionEngine.decide(snapshot, new Connection(at(CART), at("10.200.0.1"), Traffic.tcp(80)), NOW)
				.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(DecisionEngine.decide(snapshot, new Connection(at(CART), at("11.0.0.1"), Traffic.tcp(80)), NOW)
				.verdict()).isEqualTo(Verdict.ALLOW);
		}

		@Test
		void everyMatchingExternalNetworkIsReported() {
			NetworkPolicy out = policy("out", "/acme").outgoing()
				.subject("app=cartservice")
				.object(TagExpression.of(List.of(List.of("ext=*"), List.of("ext:name=*"))))
				.build();
			SideDecision side = decide(List.of(out), at(CART), at("8.8.8.8"), Traffic.udp(53)).outgoing().orElseThrow();
			assertThat(side.matching()).extracting(PolicyMatch::externalNetworkId)
				.containsExactly("root-dns", "internet");
		}

	}

	@Nested
	class AddressesOfProcessingUnits {

		@Test
		void anInternetNetworkNeverMatchesTheAddressOfAProcessingUnit() {
			NetworkPolicy cartToInternet = policy("cart-out", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext:name=internet")
				.build();
			Decision decision = decide(List.of(cartToInternet), at(CART), at("10.0.0.10"), REDIS_PORT);
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.incoming()).hasValueSatisfying((side) -> assertThat(side.pu()).isEqualTo(REDIS));
		}

		@Test
		void anIncomingInternetPolicyNeverAdmitsAProcessingUnitsAddress() {
			NetworkPolicy internetToFrontend = policy("internet-to-frontend", "/acme").incoming()
				.subject("ext:name=internet")
				.object("app=frontend")
				.build();
			Decision decision = decide(List.of(internetToFrontend), at("10.0.0.11"), at(FRONTEND), Traffic.tcp(443));
			assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(decision.outgoing()).hasValueSatisfying((side) -> assertThat(side.pu()).isEqualTo(CART));
			assertThat(decision.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
		}

		@Test
		void anAddressOfAProcessingUnitInAnotherTenantIsStillThatProcessingUnit() {
			NetworkPolicy cartToInternet = policy("cart-out", "/acme").outgoing()
				.subject("app=cartservice")
				.object("ext:name=internet")
				.build();
			assertThat(decide(List.of(cartToInternet), at(CART), at("10.2.0.2"), Traffic.tcp(5432)).verdict())
				.isEqualTo(Verdict.REJECT);
		}

	}

	@Nested
	class Lifecycle {

		@Test
		void disabledPoliciesDoNotExist() {
			NetworkPolicy disabledReject = policy("off", "/acme").reject()
				.disabled()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			NetworkPolicy disabledAllow = policy("off-allow", "/acme").disabled()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			assertThat(decide(List.of(cartToRedis(), disabledReject), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.ALLOW);
			assertThat(decide(List.of(disabledAllow), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.REJECT);
		}

		@Test
		void expiredPoliciesDoNotExist() {
			NetworkPolicy expiredAllow = policy("temporary", "/acme").subject("app=cartservice")
				.object("app=redis")
				.expires(NOW)
				.build();
			NetworkPolicy futureExpiry = policy("temporary", "/acme").subject("app=cartservice")
				.object("app=redis")
				.expires(NOW.plus(Duration.ofHours(1)))
				.build();
			assertThat(decide(List.of(expiredAllow), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.REJECT);
			assertThat(decide(List.of(futureExpiry), at(CART), at(REDIS), REDIS_PORT).verdict())
				.isEqualTo(Verdict.ALLOW);
		}

		@Test
		void observationPoliciesAreReportedButNeverChangeTheVerdict() {
			NetworkPolicy observedReject = policy("would-reject", "/acme").reject()
				.observation()
				.subject("app=cartservice")
				.object("app=redis")
				.build();
			NetworkPolicy observedAllow = policy("would-allow", "/acme").observation()
				.subject("app=frontend")
				.object("app=redis")
				.build();
			Decision allowed = decide(List.of(cartToRedis(), observedReject), at(CART), at(REDIS), REDIS_PORT);
			assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOW);
			assertThat(allowed.outgoing().orElseThrow().observed()).extracting(PolicyMatch::policy)
				.containsExactly(observedReject);
			assertThat(allowed.outgoing().orElseThrow().matching()).extracting(PolicyMatch::policy)
				.containsExactly(cartToRedis());
			Decision rejected = decide(List.of(observedAllow), at(FRONTEND), at(REDIS), REDIS_PORT);
			assertThat(rejected.verdict()).isEqualTo(Verdict.REJECT);
			assertThat(rejected.incoming().orElseThrow().reason()).isEqualTo(DecisionReason.DEFAULT_REJECT);
			assertThat(rejected.incoming().orElseThrow().observed()).hasSize(1);
		}

	}

}
