package io.mseg.console.push;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.field;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference text's redis scenario: the cart and ad services reach redis on tcp/6379,
 * and so does the internet (an external network), which must never stand for a processing
 * unit's address.
 */
class RenderedPolicyIntegrationTests extends ConsoleIntegrationTest {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final String CART_OR_AD_TO_REDIS = "Allow shopping cart or ad service to redis";

	private static final String INTERNET_TO_REDIS = "Allow internet to redis";

	private String cartAddress;

	private String adAddress;

	private String redisAddress;

	private String cart;

	private String ad;

	private String redis;

	private String internet;

	@BeforeEach
	void redisScenario() {
		this.cartAddress = Addresses.ipv4();
		this.adAddress = Addresses.ipv4();
		this.redisAddress = Addresses.ipv4();
		this.cart = pu(this.tenant, "cart", "app=cartservice", this.cartAddress);
		this.ad = pu(this.tenant, "ad", "app=adservice", this.adAddress);
		this.redis = pu(this.tenant, "redis", "app=redis", this.redisAddress);
		policy(this.tenant, CART_OR_AD_TO_REDIS, "applyPolicyMode", "Bidirectional", "logsEnabled", true, "subject",
				List.of(List.of("app=cartservice", "$identity=processingunit"),
						List.of("app=adservice", "$identity=processingunit")),
				"object", List.of(List.of("app=redis", "$identity=processingunit")), "ports", List.of("tcp/6379"));
		this.internet = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "internet", "entries", List.of("0.0.0.0/0"), "associatedTags",
							List.of("ext:name=internet")))
			.expectStatus(201)
			.id();
		policy(this.tenant, INTERNET_TO_REDIS, "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("ext:name=internet")), "object", List.of(List.of("app=redis")), "ports",
				List.of("tcp/6379"));
	}

	@Test
	void redisAcceptsTheCartAndAdServicesResolvedToTheirAddresses() {
		JsonNode rule = rule(rendered(this.redis).get("incoming"), CART_OR_AD_TO_REDIS);
		assertThat(rule.get("action").asString()).isEqualTo("Allow");
		assertThat(rule.get("policyNamespace").asString()).isEqualTo(this.tenant);
		assertThat(rule.get("logsEnabled").asBoolean()).isTrue();
		assertThat(strings(rule.get("ports"))).containsExactly("tcp/6379");
		assertThat(field(rule.get("processingUnits"), "ID")).containsExactly(this.ad, this.cart);
		assertThat(rule.get("processingUnits").valueStream().map((pu) -> strings(pu.get("addresses"))))
			.containsExactly(List.of(this.adAddress), List.of(this.cartAddress));
		assertThat(rule.get("externalNetworks")).isEmpty();
	}

	@Test
	void redisAcceptsTheInternetResolvedToItsEntriesAndPorts() {
		JsonNode rule = rule(rendered(this.redis).get("incoming"), INTERNET_TO_REDIS);
		assertThat(rule.get("processingUnits")).isEmpty();
		assertThat(rule.get("externalNetworks")).hasSize(1);
		JsonNode network = rule.get("externalNetworks").get(0);
		assertThat(network.get("ID").asString()).isEqualTo(this.internet);
		assertThat(network.get("name").asString()).isEqualTo("internet");
		assertThat(strings(network.get("entries"))).containsExactly("0.0.0.0/0");
		assertThat(strings(network.get("excluded"))).isEmpty();
		assertThat(strings(network.get("ports"))).containsExactly("tcp/6379");
	}

	@Test
	void redisHasExactlyItsTwoIncomingRulesAndNoOutgoingOnes() {
		JsonNode rendered = rendered(this.redis);
		assertThat(field(rendered.get("incoming"), "policyName")).containsExactlyInAnyOrder(CART_OR_AD_TO_REDIS,
				INTERNET_TO_REDIS);
		assertThat(rendered.get("outgoing")).isEmpty();
	}

	@Test
	void describesTheProcessingUnitItIsFor() {
		JsonNode target = rendered(this.redis).get("processingUnit");
		assertThat(target.get("ID").asString()).isEqualTo(this.redis);
		assertThat(target.get("name").asString()).isEqualTo("redis");
		assertThat(target.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(strings(target.get("addresses"))).containsExactly(this.redisAddress);
		assertThat(strings(target.get("normalizedTags"))).contains("app=redis", "$identity=processingunit");
	}

	@Test
	void theCartMayConnectToRedisOnlyAndAcceptsNothing() {
		JsonNode rendered = rendered(this.cart);
		assertThat(field(rendered.get("outgoing"), "policyName")).containsExactly(CART_OR_AD_TO_REDIS);
		JsonNode rule = rendered.get("outgoing").get(0);
		assertThat(field(rule.get("processingUnits"), "ID")).containsExactly(this.redis);
		assertThat(strings(rule.get("processingUnits").get(0).get("addresses"))).containsExactly(this.redisAddress);
		assertThat(rendered.get("incoming")).isEmpty();
	}

	@Test
	void knownProcessingUnitAddressesHoldEveryAddressTheRequestMaySee() {
		String elsewhere = Addresses.ipv4();
		pu(otherTenant(), "stranger", "app=other", elsewhere);
		assertThat(strings(rendered(this.redis).get("knownProcessingUnitAddresses")))
			.contains(this.cartAddress, this.adAddress, this.redisAddress)
			.doesNotContain(elsewhere);
		JsonNode fromTheRoot = this.api.get("/", "/processingunits/" + this.redis + "/renderedpolicy")
			.expectStatus(200)
			.json();
		assertThat(strings(fromTheRoot.get("knownProcessingUnitAddresses"))).contains(this.cartAddress,
				this.redisAddress, elsewhere);
	}

	@Test
	void remoteUnitsOfNamespacesTheRequestCannotReadKeepOnlyTheirAddresses() {
		String team = childNamespace(this.tenant, "team");
		String web = pu(team, "web", "app=web", Addresses.ipv4());
		String dbAddress = Addresses.ipv4();
		String db = pu(childNamespace(this.tenant, "data"), "db", "app=db", dbAddress);
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "web to db", "propagate", true, "applyPolicyMode", "OutgoingTraffic", "subject",
							List.of(List.of("app=web")), "object", List.of(List.of("app=db"))))
			.expectStatus(201);
		JsonNode body = this.api.get(team, "/processingunits/" + web + "/renderedpolicy").expectStatus(200).json();
		JsonNode remote = body.get("outgoing").get(0).get("processingUnits").get(0);
		assertThat(strings(remote.get("addresses"))).containsExactly(dbAddress);
		assertThat(remote.has("ID")).isFalse();
		assertThat(remote.has("name")).isFalse();
		String yaml = this.api
			.send("GET", team, "/processingunits/" + web + "/renderedpolicy", (String) null,
					Map.of("Accept", "application/yaml"))
			.expectStatus(200)
			.body();
		assertThat(YAML.readTree(yaml)).as("the YAML body, written alike").isEqualTo(body);
		assertThat(this.api.get(this.tenant, "/processingunits/" + web + "/renderedpolicy")
			.json()
			.get("outgoing")
			.get(0)
			.get("processingUnits")
			.get(0)
			.get("ID")
			.asString()).isEqualTo(db);
	}

	@Test
	void listsRejectsThenAllowsThenFallbacksThenObservationRules() {
		policy(this.tenant, "zz-reject-ad", "action", "Reject", "subject", List.of(List.of("app=adservice")), "object",
				List.of(List.of("app=redis")), "ports", List.of("tcp/6380"));
		policy(this.tenant, "aa-fallback-allow", "fallback", true, "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis")));
		policy(this.tenant, "zz-fallback-reject", "fallback", true, "action", "Reject", "applyPolicyMode",
				"IncomingTraffic", "subject", List.of(List.of("app=adservice")), "object",
				List.of(List.of("app=redis")));
		policy(this.tenant, "aa-observe", "observationEnabled", true, "action", "Reject", "applyPolicyMode",
				"IncomingTraffic", "subject", List.of(List.of("app=cartservice")), "object",
				List.of(List.of("app=redis")));

		JsonNode incoming = rendered(this.redis).get("incoming");

		assertThat(field(incoming, "policyName")).containsExactly("zz-reject-ad", INTERNET_TO_REDIS,
				CART_OR_AD_TO_REDIS, "zz-fallback-reject", "aa-fallback-allow", "aa-observe");
		assertThat(field(incoming, "action")).containsExactly("Reject", "Allow", "Allow", "Reject", "Allow", "Reject");
		assertThat(incoming.valueStream().map((rule) -> rule.get("fallback").asBoolean())).containsExactly(false, false,
				false, true, true, false);
		assertThat(incoming.valueStream().map((rule) -> rule.get("observed").asBoolean())).containsExactly(false, false,
				false, false, false, true);
	}

	@Test
	void anExternalNetworkIsRenderedWithItsExclusionsDomainsAndTheSharedPorts() {
		String wide = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "web", "entries", List.of("0.0.0.0/0", "!10.0.0.0/8", "*.example.com"), "servicePorts",
							List.of("tcp/1:10000"), "associatedTags", List.of("ext:name=internet")))
			.expectStatus(201)
			.id();

		JsonNode rule = rule(rendered(this.redis).get("incoming"), INTERNET_TO_REDIS);
		JsonNode network = rule.get("externalNetworks")
			.valueStream()
			.filter((n) -> n.get("ID").asString().equals(wide))
			.findFirst()
			.orElseThrow();
		assertThat(strings(network.get("entries"))).containsExactly("0.0.0.0/0");
		assertThat(strings(network.get("excluded"))).containsExactly("10.0.0.0/8");
		assertThat(strings(network.get("domains"))).containsExactly("*.example.com");
		assertThat(strings(network.get("servicePorts"))).containsExactly("tcp/1:10000");
		assertThat(strings(network.get("ports"))).containsExactly("tcp/6379");
	}

	@Test
	void leavesOutAnExternalNetworkWhoseServicePortsShareNothingWithThePolicy() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "dns", "entries", List.of("0.0.0.0/0"), "servicePorts", List.of("udp/53"),
							"associatedTags", List.of("ext:name=internet")))
			.expectStatus(201);
		JsonNode rule = rule(rendered(this.redis).get("incoming"), INTERNET_TO_REDIS);
		assertThat(field(rule.get("externalNetworks"), "ID")).containsExactly(this.internet);
	}

	@Test
	void aPolicyFromAParentShowsWhereItIsPropagatedFrom() {
		String child = childNamespace(this.tenant, "child");
		String cache = pu(child, "cache", "app=redis", Addresses.ipv4());
		policy(this.tenant, "parent-wide", "propagate", true, "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis")));
		policy(child, "child-own", "applyPolicyMode", "IncomingTraffic", "subject", List.of(List.of("app=web")),
				"object", List.of(List.of("app=redis")));

		JsonNode incoming = rendered(cache).get("incoming");

		assertThat(field(incoming, "policyName")).containsExactlyInAnyOrder("parent-wide", "child-own");
		JsonNode propagated = rule(incoming, "parent-wide");
		assertThat(propagated.get("propagatedFrom").asString()).isEqualTo(this.tenant);
		assertThat(propagated.get("policyNamespace").asString()).isEqualTo(this.tenant);
		assertThat(field(propagated.get("processingUnits"), "ID")).containsExactly(this.cart);
		assertThat(rule(incoming, "child-own").has("propagatedFrom")).isFalse();
	}

	@Test
	void aPolicyOfTheParentThatDoesNotPropagateDoesNotApplyInChildren() {
		String child = childNamespace(this.tenant, "child");
		String cache = pu(child, "cache", "app=redis", Addresses.ipv4());
		assertThat(rendered(cache).get("incoming")).isEmpty();
	}

	@Test
	void theRemoteSideStaysInsideThePolicyNamespace() {
		String child = childNamespace(this.tenant, "child");
		String childCart = pu(child, "cart-2", "app=cartservice", Addresses.ipv4());
		pu(otherTenant(), "impostor", "app=cartservice", Addresses.ipv4());

		JsonNode rule = rule(rendered(this.redis).get("incoming"), CART_OR_AD_TO_REDIS);

		assertThat(field(rule.get("processingUnits"), "ID")).containsExactlyInAnyOrder(this.ad, this.cart, childCart);
	}

	@Test
	void aPropagatedExternalNetworkOfAnAncestorIsARemoteOfAChildPolicy() {
		String child = childNamespace(this.tenant, "child");
		String cache = pu(child, "cache", "app=cache", Addresses.ipv4());
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "partners", "entries", List.of("198.51.100.0/24"), "propagate", true, "associatedTags",
							List.of("ext:name=partners")))
			.expectStatus(201);
		policy(child, "partners-to-cache", "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("ext:name=partners")), "object", List.of(List.of("app=cache")));

		JsonNode rule = rule(rendered(cache).get("incoming"), "partners-to-cache");

		assertThat(field(rule.get("externalNetworks"), "name")).containsExactly("partners");
	}

	@Test
	void anExternalNetworkOfAnAncestorThatDoesNotPropagateIsNoRemoteOfAChildPolicy() {
		String child = childNamespace(this.tenant, "child");
		String cache = pu(child, "cache", "app=cache", Addresses.ipv4());
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "partners", "entries", List.of("198.51.100.0/24"), "associatedTags",
							List.of("ext:name=partners")))
			.expectStatus(201);
		policy(child, "partners-to-cache", "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("ext:name=partners")), "object", List.of(List.of("app=cache")));

		JsonNode rule = rule(rendered(cache).get("incoming"), "partners-to-cache");

		assertThat(rule.get("externalNetworks")).isEmpty();
	}

	@Test
	void aProcessingUnitOfAnotherTenantIsNotFound() {
		String other = otherTenant();
		this.api.get(other, "/processingunits/" + this.redis + "/renderedpolicy").expectProblem(404);
		this.api.get(this.tenant, "/processingunits/" + UUID.randomUUID() + "/renderedpolicy").expectProblem(404);
		this.api.get(this.tenant, "/processingunits/not-an-id/renderedpolicy").expectProblem(404);
	}

	@Test
	void disabledAndExpiredPoliciesAreLeftOut() {
		policy(this.tenant, "disabled", "disabled", true, "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis")));
		policy(this.tenant, "expired", "expirationTime", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
				"applyPolicyMode", "IncomingTraffic", "subject", List.of(List.of("app=cartservice")), "object",
				List.of(List.of("app=redis")));
		policy(this.tenant, "expires-later", "expirationTime", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
				"applyPolicyMode", "IncomingTraffic", "subject", List.of(List.of("app=cartservice")), "object",
				List.of(List.of("app=redis")));

		assertThat(field(rendered(this.redis).get("incoming"), "policyName"))
			.containsExactlyInAnyOrder(CART_OR_AD_TO_REDIS, INTERNET_TO_REDIS, "expires-later");
	}

	@Test
	void followsChangesToThePolicies() {
		String extra = policy(this.tenant, "extra", "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis")));
		assertThat(field(rendered(this.redis).get("incoming"), "policyName")).contains("extra");
		this.api.delete(this.tenant, "/networkaccesspolicies/" + extra).expectStatus(200);
		assertThat(field(rendered(this.redis).get("incoming"), "policyName")).doesNotContain("extra");
	}

	private JsonNode rendered(String pu) {
		return this.api.get(this.tenant, "/processingunits/" + pu + "/renderedpolicy").expectStatus(200).json();
	}

	private static JsonNode rule(JsonNode rules, String policyName) {
		return rules.valueStream()
			.filter((rule) -> rule.get("policyName").asString().equals(policyName))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no rule of policy '" + policyName + "' in " + rules));
	}

	private String pu(String namespace, String name, String tag, String address) {
		return this.api
			.post(namespace, "/processingunits",
					json("name", name, "associatedTags", List.of(tag), "addresses", List.of(address)))
			.expectStatus(201)
			.id();
	}

	private String policy(String namespace, String name, Object... fields) {
		Object[] body = new Object[fields.length + 2];
		body[0] = "name";
		body[1] = name;
		System.arraycopy(fields, 0, body, 2, fields.length);
		return this.api.post(namespace, "/networkaccesspolicies", json(body)).expectStatus(201).id();
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

}
