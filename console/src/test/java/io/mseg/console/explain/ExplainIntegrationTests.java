package io.mseg.console.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.errorMessage;
import static io.mseg.console.support.Nodes.field;
import static org.assertj.core.api.Assertions.assertThat;

class ExplainIntegrationTests extends ConsoleIntegrationTest {

	private static final List<List<String>> CART = List.of(List.of("app=cartservice"));

	private static final List<List<String>> REDIS = List.of(List.of("app=redis"));

	private String cartAddress;

	private String redisAddress;

	private String cart;

	private String ad;

	private String redis;

	@BeforeEach
	void processingUnits() {
		this.cartAddress = Addresses.ipv4();
		this.redisAddress = Addresses.ipv4();
		this.cart = pu(this.tenant, "cart", "app=cartservice", this.cartAddress);
		this.ad = pu(this.tenant, "ad", "app=adservice", Addresses.ipv4());
		this.redis = pu(this.tenant, "redis", "app=redis", this.redisAddress);
	}

	@Test
	void aConnectionBetweenProcessingUnitsIsAllowedWhenBothSidesAllowIt() {
		policy("cart-to-redis", "subject", CART, "object", REDIS, "ports", List.of("tcp/6379"));

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
		assertThat(answer.get("outgoing").get("processingUnitID").asString()).isEqualTo(this.cart);
		assertThat(answer.get("outgoing").get("reason").asString()).isEqualTo("AllowPolicy");
		assertThat(answer.get("incoming").get("processingUnitID").asString()).isEqualTo(this.redis);
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("AllowPolicy");
	}

	@Test
	void aConnectionBetweenProcessingUnitsNeedsTheDestinationToAllowItToo() {
		policy("cart-may-call-redis", "applyPolicyMode", "OutgoingTraffic", "subject", CART, "object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("outgoing").get("verdict").asString()).isEqualTo("Allow");
		assertThat(answer.get("incoming").get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
	}

	@Test
	void aConnectionBetweenProcessingUnitsNeedsTheSourceToAllowItToo() {
		policy("redis-accepts-cart", "applyPolicyMode", "IncomingTraffic", "subject", CART, "object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("outgoing").get("reason").asString()).isEqualTo("DefaultReject");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("AllowPolicy");
	}

	@Test
	void aRejectingDestinationGivesItsReasonAndPolicy() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);
		String block = policy("redis-blocks-cart", "action", "Reject", "applyPolicyMode", "IncomingTraffic", "subject",
				CART, "object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("outgoing").get("reason").asString()).isEqualTo("AllowPolicy");
		JsonNode incoming = answer.get("incoming");
		assertThat(incoming.get("reason").asString()).isEqualTo("RejectPolicy");
		assertThat(field(incoming.get("decidingPolicies"), "ID")).containsExactly(block);
	}

	@Test
	void aMatchingRejectWinsOverAMatchingAllow() {
		String allow = policy("allow-cart", "applyPolicyMode", "IncomingTraffic", "subject", CART, "object", REDIS);
		String reject = policy("reject-cart", "action", "Reject", "applyPolicyMode", "IncomingTraffic", "subject", CART,
				"object", REDIS, "ports", List.of("tcp/6379"));

		JsonNode incoming = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200)
			.json()
			.get("incoming");

		assertThat(incoming.get("verdict").asString()).isEqualTo("Reject");
		assertThat(incoming.get("reason").asString()).isEqualTo("RejectPolicy");
		assertThat(incoming.get("decidingPolicies")).hasSize(1);
		JsonNode deciding = incoming.get("decidingPolicies").get(0);
		assertThat(deciding.get("ID").asString()).isEqualTo(reject);
		assertThat(deciding.get("name").asString()).isEqualTo("reject-cart");
		assertThat(deciding.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(deciding.get("action").asString()).isEqualTo("Reject");
		assertThat(deciding.get("fallback").asBoolean()).isFalse();
		assertThat(field(incoming.get("matchingPolicies"), "ID")).containsExactly(reject, allow);
	}

	@Test
	void withoutAMatchingPolicyTheDefaultRejects() {
		policy("cart-to-redis-other-port", "subject", CART, "object", REDIS, "ports", List.of("tcp/6380"));

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		for (String side : List.of("outgoing", "incoming")) {
			assertThat(answer.get(side).get("reason").asString()).as(side).isEqualTo("DefaultReject");
			assertThat(answer.get(side).get("decidingPolicies")).as(side).isEmpty();
			assertThat(answer.get(side).get("matchingPolicies")).as(side).isEmpty();
		}
	}

	@Test
	void aFallbackPolicyYieldsToASpecificPolicy() {
		policy("deny-by-default", "fallback", true, "action", "Reject", "subject",
				List.of(List.of("$identity=processingunit")), "object", List.of(List.of("$identity=processingunit")));
		String specific = policy("cart-to-redis", "subject", CART, "object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("AllowPolicy");
		assertThat(field(answer.get("incoming").get("decidingPolicies"), "ID")).containsExactly(specific);
	}

	@Test
	void aFallbackPolicyDecidesWhenNothingElseMatches() {
		String fallback = policy("deny-by-default", "fallback", true, "action", "Reject", "subject",
				List.of(List.of("$identity=processingunit")), "object", List.of(List.of("$identity=processingunit")));
		policy("cart-to-redis", "subject", CART, "object", REDIS);

		JsonNode incoming = explain(pu(this.ad), pu(this.redis), "tcp", 6379).expectStatus(200).json().get("incoming");

		assertThat(incoming.get("reason").asString()).isEqualTo("FallbackRejectPolicy");
		JsonNode deciding = incoming.get("decidingPolicies").get(0);
		assertThat(deciding.get("ID").asString()).isEqualTo(fallback);
		assertThat(deciding.get("fallback").asBoolean()).isTrue();
	}

	@Test
	void anAddressThatBelongsToAProcessingUnitIsThatProcessingUnit() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);

		JsonNode answer = explain(address(this.cartAddress), address(this.redisAddress), "tcp", 6379).expectStatus(200)
			.json();

		assertThat(answer.get("source").get("processingUnitID").asString()).isEqualTo(this.cart);
		assertThat(answer.get("destination").get("processingUnitID").asString()).isEqualTo(this.redis);
		assertThat(answer.get("outgoing").get("processingUnitID").asString()).isEqualTo(this.cart);
		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
	}

	@Test
	void theInternetAllowsAnExternalAddress() {
		String internet = internetToRedis();

		JsonNode answer = explain(address("203.0.113.9"), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
		assertThat(answer.has("outgoing")).isFalse();
		JsonNode deciding = answer.get("incoming").get("decidingPolicies").get(0);
		assertThat(deciding.get("name").asString()).isEqualTo("internet-to-redis");
		assertThat(deciding.get("externalNetworkID").asString()).isEqualTo(internet);
	}

	@Test
	void theInternetNeverMatchesTheAddressOfAProcessingUnit() {
		internetToRedis();
		policy("cart-may-call-redis", "applyPolicyMode", "OutgoingTraffic", "subject", CART, "object", REDIS);

		JsonNode answer = explain(address(this.cartAddress), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("outgoing").get("verdict").asString()).isEqualTo("Allow");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
		assertThat(answer.get("incoming").get("matchingPolicies")).isEmpty();
	}

	@Test
	void theInternetNeverMatchesTheAddressOfAProcessingUnitOfAnotherTenant() {
		internetToRedis();
		String strangerAddress = Addresses.ipv4();
		pu(otherTenant(), "stranger", "app=other", strangerAddress);

		JsonNode answer = explain(address(strangerAddress), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
		assertThat(answer.get("source").has("processingUnitID")).isFalse();
	}

	@Test
	void anExternalDestinationIsMatchedByDomainName() {
		String example = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "example", "entries", List.of("*.example.com"), "associatedTags",
							List.of("ext:name=example")))
			.expectStatus(201)
			.id();
		policy("cart-to-example", "applyPolicyMode", "OutgoingTraffic", "subject", CART, "object",
				List.of(List.of("ext:name=example")), "ports", List.of("tcp/443"));

		JsonNode allowed = explain(pu(this.cart), domain("api.example.com"), "tcp", 443).expectStatus(200).json();
		assertThat(allowed.get("verdict").asString()).isEqualTo("Allow");
		assertThat(allowed.has("incoming")).isFalse();
		assertThat(allowed.get("destination").get("domain").asString()).isEqualTo("api.example.com");
		assertThat(allowed.get("outgoing").get("decidingPolicies").get(0).get("externalNetworkID").asString())
			.isEqualTo(example);

		assertThat(explain(pu(this.cart), domain("A.B.Example.COM."), "tcp", 443).json().get("verdict").asString())
			.isEqualTo("Allow");
		assertThat(explain(pu(this.cart), domain("example.com"), "tcp", 443).json().get("verdict").asString())
			.isEqualTo("Reject");
		assertThat(explain(pu(this.cart), domain("api.example.com"), "tcp", 80).json().get("verdict").asString())
			.isEqualTo("Reject");
	}

	@Test
	void anObservationPolicyIsListedButDoesNotChangeTheVerdict() {
		String observed = policy("would-allow", "observationEnabled", true, "subject", CART, "object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		JsonNode incoming = answer.get("incoming");
		assertThat(incoming.get("reason").asString()).isEqualTo("DefaultReject");
		assertThat(incoming.get("decidingPolicies")).isEmpty();
		assertThat(incoming.get("matchingPolicies")).isEmpty();
		assertThat(field(incoming.get("observedPolicies"), "ID")).containsExactly(observed);
	}

	@Test
	void anObservedRejectDoesNotStopAnAllowedConnection() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);
		String observed = policy("would-reject", "observationEnabled", true, "action", "Reject", "subject", CART,
				"object", REDIS);

		JsonNode answer = explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200).json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
		assertThat(field(answer.get("outgoing").get("observedPolicies"), "ID")).containsExactly(observed);
	}

	@Test
	void aPolicyPropagatedFromAParentSaysWhereFrom() {
		String child = childNamespace(this.tenant, "child");
		String web = pu(child, "web", "app=web", Addresses.ipv4());
		String db = pu(child, "db", "app=db", Addresses.ipv4());
		String parentWide = policy("web-to-db", "propagate", true, "subject", List.of(List.of("app=web")), "object",
				List.of(List.of("app=db")));

		JsonNode answer = this.api
			.post(child, "/explain", json("source", pu(web), "destination", pu(db), "protocol", "tcp", "port", 5432))
			.expectStatus(200)
			.json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Allow");
		JsonNode deciding = answer.get("incoming").get("decidingPolicies").get(0);
		assertThat(deciding.get("ID").asString()).isEqualTo(parentWide);
		assertThat(deciding.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(deciding.get("propagatedFrom").asString()).isEqualTo(this.tenant);
	}

	@Test
	void aPolicyOfTheProcessingUnitsOwnNamespaceHasNoPropagatedFrom() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);
		JsonNode deciding = explain(pu(this.cart), pu(this.redis), "tcp", 6379).json()
			.get("incoming")
			.get("decidingPolicies")
			.get(0);
		assertThat(deciding.has("propagatedFrom")).isFalse();
	}

	@Test
	void aProcessingUnitOfAnotherTenantWithTheSameTagsIsNotMatched() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);
		String other = otherTenant();
		String impostor = pu(other, "impostor", "app=cartservice", Addresses.ipv4());
		this.api
			.post(other, "/networkaccesspolicies",
					json("name", "impostor-out", "applyPolicyMode", "OutgoingTraffic", "subject", CART, "object",
							List.of(List.of("$identity=processingunit"))))
			.expectStatus(201);

		JsonNode answer = this.api
			.post(other, "/explain",
					json("source", pu(impostor), "destination", address(this.redisAddress), "protocol", "tcp", "port",
							6379))
			.expectStatus(200)
			.json();

		assertThat(answer.get("verdict").asString()).isEqualTo("Reject");
		assertThat(answer.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
	}

	@Test
	void siblingNamespacesAreConnectedOnlyByAPolicyOfTheirCommonAncestor() {
		String blue = childNamespace(this.tenant, "blue");
		String green = childNamespace(this.tenant, "green");
		String web = pu(blue, "web", "app=web", Addresses.ipv4());
		String db = pu(green, "db", "app=db", Addresses.ipv4());
		for (String namespace : List.of(blue, green)) {
			this.api
				.post(namespace, "/networkaccesspolicies",
						json("name", "web-to-db", "subject", List.of(List.of("app=web")), "object",
								List.of(List.of("app=db"))))
				.expectStatus(201);
		}
		assertThat(explain(pu(web), pu(db), "tcp", 5432).json().get("verdict").asString()).isEqualTo("Reject");

		policy("web-to-db", "propagate", true, "subject", List.of(List.of("app=web")), "object",
				List.of(List.of("app=db")));
		assertThat(explain(pu(web), pu(db), "tcp", 5432).json().get("verdict").asString()).isEqualTo("Allow");
	}

	@Test
	void icmpTrafficIsMatchedByTypeAndCode() {
		policy("ping-redis", "subject", CART, "object", REDIS, "ports", List.of("icmp/8"));
		Response echo = this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "icmp", "icmpType", 8))
			.expectStatus(200);
		assertThat(echo.json().get("verdict").asString()).isEqualTo("Allow");
		Response unreachable = this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "icmp", "icmpType", 3))
			.expectStatus(200);
		assertThat(unreachable.json().get("verdict").asString()).isEqualTo("Reject");
	}

	@Test
	void anUnknownProcessingUnitIsNotFound() {
		explain(pu(UUID.randomUUID().toString()), pu(this.redis), "tcp", 6379).expectProblem(404);
		explain(pu(this.cart), pu("not-an-id"), "tcp", 6379).expectProblem(404);
	}

	@Test
	void aProcessingUnitOfAnotherTenantIsNotFound() {
		String other = otherTenant();
		String stranger = pu(other, "stranger", "app=other", Addresses.ipv4());
		explain(pu(this.cart), pu(stranger), "tcp", 6379).expectProblem(404);
		this.api
			.post(other, "/explain",
					json("source", pu(stranger), "destination", pu(this.redis), "protocol", "tcp", "port", 6379))
			.expectProblem(404);
	}

	@Test
	void theOtherEndsPoliciesStayHiddenWhenItBelongsToAnotherTenant() {
		policy("redis-accepts-cart", "applyPolicyMode", "IncomingTraffic", "subject", CART, "object", REDIS);
		String other = otherTenant();
		String stranger = pu(other, "stranger", "app=other", Addresses.ipv4());

		JsonNode answer = this.api
			.post(other, "/explain",
					json("source", pu(stranger), "destination", address(this.redisAddress), "protocol", "tcp", "port",
							6379))
			.expectStatus(200)
			.json();

		assertThat(answer.get("destination").has("processingUnitID")).isFalse();
		assertThat(answer.get("incoming").has("processingUnitID")).isFalse();
		assertThat(answer.get("incoming").has("decidingPolicies")).isFalse();
		assertThat(answer.toString()).doesNotContain(this.redis).doesNotContain("redis-accepts-cart");
	}

	@Test
	void aConnectionBetweenTwoExternalAddressesIsRefused() {
		explain(address("203.0.113.1"), address("198.51.100.1"), "tcp", 443).expectProblem(422);
		explain(address("203.0.113.1"), domain("api.example.com"), "tcp", 443).expectProblem(422);
	}

	@Test
	void theProtocolIsRequired() {
		this.api.post(this.tenant, "/explain", json("source", pu(this.cart), "destination", pu(this.redis)))
			.expectProblem(422, "protocol");
	}

	@Test
	void tcpAndUdpNeedAPort() {
		this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "tcp"))
			.expectProblem(422, "port");
		this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "udp"))
			.expectProblem(422, "port");
	}

	@Test
	void aPortOutOfRangeIsAnErrorOnThePort() {
		explain(pu(this.cart), pu(this.redis), "tcp", 70000).expectProblem(422, "port");
		explain(pu(this.cart), pu(this.redis), "tcp", -1).expectProblem(422, "port");
	}

	@Test
	void aPortThatIsNotANumberIsAnErrorOnThePort() {
		this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "tcp", "port", "https"))
			.expectProblem(422, "port");
	}

	@Test
	void anUnknownProtocolIsAnErrorOnTheProtocol() {
		explain(pu(this.cart), pu(this.redis), "tcpp", 443).expectProblem(422, "protocol");
	}

	@Test
	void anIcmpTypeOutOfRangeIsAnErrorOnTheIcmpType() {
		this.api
			.post(this.tenant, "/explain",
					json("source", pu(this.cart), "destination", pu(this.redis), "protocol", "icmp", "icmpType", 300))
			.expectProblem(422, "icmpType");
	}

	@Test
	void aMalformedAddressIsAnErrorOnThatAddress() {
		explain(address("10.0.0.300"), pu(this.redis), "tcp", 6379).expectProblem(422, "source.address");
		explain(pu(this.cart), address("10.0.0.0/8"), "tcp", 6379).expectProblem(422, "destination.address");
	}

	@Test
	void aMissingEndIsAnError() {
		this.api.post(this.tenant, "/explain", json("destination", pu(this.redis), "protocol", "tcp", "port", 6379))
			.expectProblem(422, "source");
		this.api
			.post(this.tenant, "/explain",
					json("source", Map.of(), "destination", pu(this.redis), "protocol", "tcp", "port", 6379))
			.expectProblem(422, "source");
	}

	@Test
	void anEndIsEitherAProcessingUnitOrAnAddress() {
		Map<String, Object> both = new LinkedHashMap<>(pu(this.cart));
		both.put("address", "203.0.113.1");
		explain(both, pu(this.redis), "tcp", 6379).expectProblem(422, "source");
	}

	@Test
	void onlyTheDestinationIsReachedByDomainName() {
		explain(domain("api.example.com"), pu(this.redis), "tcp", 6379).expectProblem(422, "source.domain");
		explain(pu(this.cart), domain("googleapis.*"), "tcp", 443).expectProblem(422, "destination.domain");
	}

	@Test
	void aSourceDomainIsRefusedWithTheReasonInPolicyTerms() {
		Map<String, String> named = Map.of("address", "203.0.113.9", "domain", "api.example.com");
		Response problem = explain(named, pu(this.redis), "tcp", 6379).expectProblem(422, "source.domain");
		assertThat(errorMessage(problem, "source.domain"))
			.isEqualTo("domain entries match only connections a processing unit initiates:"
					+ " give the domain name on the destination (source.domain is not accepted)");
	}

	@Test
	void aDomainEntryAllowsTheConnectionsAUnitInitiatesAndNoneThatComeIn() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "example", "entries", List.of("*.example.com"), "associatedTags",
							List.of("ext:name=example")))
			.expectStatus(201);
		List<List<String>> example = List.of(List.of("ext:name=example"));
		policy("cart-to-example", "applyPolicyMode", "OutgoingTraffic", "subject", CART, "object", example);
		policy("example-to-cart", "applyPolicyMode", "IncomingTraffic", "subject", example, "object", CART);

		JsonNode out = explain(pu(this.cart), domain("www.example.com"), "tcp", 443).expectStatus(200).json();
		assertThat(out.get("verdict").asString()).isEqualTo("Allow");
		assertThat(out.get("outgoing").get("reason").asString()).isEqualTo("AllowPolicy");

		JsonNode in = explain(address("203.0.113.9"), pu(this.cart), "tcp", 443).expectStatus(200).json();
		assertThat(in.get("verdict").asString()).isEqualTo("Reject");
		assertThat(in.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
		assertThat(in.get("incoming").get("matchingPolicies")).isEmpty();
	}

	@Test
	void explainingChangesNothing() {
		policy("cart-to-redis", "subject", CART, "object", REDIS);
		long before = this.api.get(this.tenant, "/auditrecords?recursive=true").json().size();
		explain(pu(this.cart), pu(this.redis), "tcp", 6379).expectStatus(200);
		assertThat(this.api.get(this.tenant, "/auditrecords?recursive=true").json()).hasSize((int) before);
	}

	private String internetToRedis() {
		String internet = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "internet", "entries", List.of("0.0.0.0/0"), "associatedTags",
							List.of("ext:name=internet")))
			.expectStatus(201)
			.id();
		policy("internet-to-redis", "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("ext:name=internet")), "object", REDIS, "ports", List.of("tcp/6379"));
		return internet;
	}

	private Response explain(Map<String, ?> source, Map<String, ?> destination, String protocol, int port) {
		return this.api.post(this.tenant, "/explain",
				json("source", source, "destination", destination, "protocol", protocol, "port", port));
	}

	private static Map<String, String> pu(String id) {
		return Map.of("processingUnitID", id);
	}

	private static Map<String, String> address(String address) {
		return Map.of("address", address);
	}

	private static Map<String, String> domain(String domain) {
		return Map.of("domain", domain);
	}

	private String pu(String namespace, String name, String tag, String address) {
		return this.api
			.post(namespace, "/processingunits",
					json("name", name, "associatedTags", List.of(tag), "addresses", List.of(address)))
			.expectStatus(201)
			.id();
	}

	private String policy(String name, Object... fields) {
		Object[] body = new Object[fields.length + 2];
		body[0] = "name";
		body[1] = name;
		System.arraycopy(fields, 0, body, 2, fields.length);
		return this.api.post(this.tenant, "/networkaccesspolicies", json(body)).expectStatus(201).id();
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

}
