package io.mseg.policy.index;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.tag.TagExpression;

import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which units each kind of change reports as possibly changed. The namespaces:
 * {@code /acme} with its descendants {@code /acme/prod} and {@code /acme/prod/web}, and a
 * sibling tenant {@code /globex} whose tags collide with acme's.
 */
class PolicyIndexImpactTests {

	static final ProcessingUnit ACME_WEB = pu("acme-web", "/acme", "10.0.1.1", "app=web");

	static final ProcessingUnit ACME_DB = pu("acme-db", "/acme", "10.0.1.2", "app=db");

	static final ProcessingUnit PROD_WEB = pu("prod-web", "/acme/prod", "10.0.2.1", "app=web");

	static final ProcessingUnit PROD_DB = pu("prod-db", "/acme/prod", "10.0.2.2", "app=db");

	static final ProcessingUnit DEEP_WEB = pu("deep-web", "/acme/prod/web", "10.0.3.1", "app=web");

	static final ProcessingUnit GLOBEX_WEB = pu("globex-web", "/globex", "10.0.9.1", "app=web");

	static final ProcessingUnit GLOBEX_DB = pu("globex-db", "/globex", "10.0.9.2", "app=db");

	static final List<ProcessingUnit> UNITS = List.of(ACME_WEB, ACME_DB, PROD_WEB, PROD_DB, DEEP_WEB, GLOBEX_WEB,
			GLOBEX_DB);

	static PolicyIndex index(List<ExternalNetwork> networks, NetworkPolicy... policies) {
		return PolicyIndex.of(new PolicySnapshot(UNITS, networks, List.of(policies)));
	}

	static ExternalNetwork internet(String namespace, boolean propagate, String... entries) {
		return network("internet-" + namespace.replace('/', '-'), namespace, List.of(entries), null, propagate,
				"ext=internet");
	}

	static NetworkPolicy toInternet(String namespace) {
		return policy("out" + namespace.replace('/', '-'), namespace).outgoing()
			.subject("app=web")
			.object("ext=internet")
			.build();
	}

	@Nested
	class PolicyChanges {

		private final PolicyIndex index = index(List.of());

		@Test
		void aNewPolicyImpactsTheUnitsOfItsNamespaceThatItSelectsOnTheSidesItDecides() {
			NetworkPolicy webToDb = policy("p", "/acme").subject("app=web").object("app=db").build();
			assertThat(this.index.put(webToDb)).containsExactlyInAnyOrder("acme-web", "acme-db");
		}

		@Test
		void aPropagatingPolicyAlsoImpactsTheUnitsOfDescendantNamespaces() {
			NetworkPolicy webToDb = policy("p", "/acme").propagate().subject("app=web").object("app=db").build();
			assertThat(this.index.put(webToDb)).containsExactlyInAnyOrder("acme-web", "acme-db", "prod-web", "prod-db",
					"deep-web");
		}

		@Test
		void aPolicyNeverImpactsUnitsOfAncestorsOrSiblingTenants() {
			NetworkPolicy webToDb = policy("p", "/acme/prod").propagate().subject("app=web").object("app=db").build();
			assertThat(this.index.put(webToDb)).containsExactlyInAnyOrder("prod-web", "prod-db", "deep-web");
		}

		@Test
		void aOneSidedPolicyImpactsOnlyTheUnitsOfTheSideThatDecides() {
			assertThat(this.index.put(policy("in", "/acme").incoming().subject("app=web").object("app=db").build()))
				.containsExactly("acme-db");
			assertThat(this.index.put(policy("out", "/acme").outgoing().subject("app=web").object("app=db").build()))
				.containsExactly("acme-web");
		}

		@Test
		void anEditImpactsTheUnitsSelectedBeforeAndThoseSelectedAfter() {
			this.index.put(policy("p", "/acme").incoming().subject("app=web").object("app=db").build());
			NetworkPolicy edited = policy("p", "/acme").incoming().subject("app=db").object("app=web").build();
			assertThat(this.index.put(edited)).containsExactlyInAnyOrder("acme-db", "acme-web");
		}

		@Test
		void aDisabledPolicyStillImpactsTheUnitsItWouldApplyTo() {
			NetworkPolicy disabled = policy("p", "/acme").disabled().subject("app=web").object("app=db").build();
			assertThat(this.index.put(disabled)).containsExactlyInAnyOrder("acme-web", "acme-db");
		}

		@Test
		void aWildcardSelectorImpactsEveryUnitWithTheKey() {
			NetworkPolicy anyApp = policy("p", "/acme").propagate()
				.incoming()
				.subject("app=web")
				.object("app=*")
				.build();
			assertThat(this.index.put(anyApp)).containsExactlyInAnyOrder("acme-web", "acme-db", "prod-web", "prod-db",
					"deep-web");
		}

		@Test
		void removingAPolicyImpactsTheUnitsItAppliedTo() {
			this.index.put(policy("p", "/acme").subject("app=web").object("app=db").build());
			assertThat(this.index.removeNetworkPolicy("p")).containsExactlyInAnyOrder("acme-web", "acme-db");
		}

		@Test
		void removingAnUnknownPolicyOrPuttingAnIdenticalOneImpactsNothing() {
			NetworkPolicy webToDb = policy("p", "/acme").subject("app=web").object("app=db").build();
			this.index.put(webToDb);
			assertThat(this.index.put(webToDb)).isEmpty();
			assertThat(this.index.removeNetworkPolicy("nope")).isEmpty();
		}

	}

	@Nested
	class ProcessingUnitChanges {

		private final NetworkPolicy prodWebToDb = policy("p", "/acme/prod").propagate()
			.subject("app=web")
			.object("app=db")
			.build();

		@Test
		void aNewUnitImpactsItselfAndTheUnitsOfPoliciesWhoseRemoteSideSelectsIt() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.put(pu("new-db", "/acme/prod", null, "app=db"))).containsExactlyInAnyOrder("new-db",
					"prod-web", "deep-web");
		}

		@Test
		void aUnitInADescendantIsSelectedByThePoliciesOfItsAncestors() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.put(pu("deep-db", "/acme/prod/web", null, "app=db"))).containsExactlyInAnyOrder("deep-db",
					"prod-web", "deep-web");
		}

		@Test
		void aUnitOutsideThePolicysSubtreeImpactsOnlyItselfWhateverItsTags() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.put(pu("upper-db", "/acme", null, "app=db"))).containsExactly("upper-db");
			assertThat(index.put(pu("foreign-db", "/globex", null, "app=db"))).containsExactly("foreign-db");
		}

		@Test
		void aUnitThatNoRemoteSideSelectsImpactsOnlyItself() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.put(pu("lonely", "/acme/prod", null, "app=lonely"))).containsExactly("lonely");
		}

		@Test
		void aTagChangeImpactsTheUnitsOfPoliciesThatSelectedItBeforeOrSelectItAfter() {
			NetworkPolicy batchToCache = policy("q", "/acme/prod").outgoing()
				.subject("app=batch")
				.object("app=cache")
				.build();
			PolicyIndex index = index(List.of(), this.prodWebToDb, batchToCache);
			index.put(pu("batch", "/acme/prod", null, "app=batch"));
			assertThat(index.put(pu("prod-db", "/acme/prod", "10.0.2.2", "app=cache")))
				.containsExactlyInAnyOrder("prod-db", "prod-web", "deep-web", "batch");
		}

		@Test
		void aUnitMatchedOnlyThroughAWildcardClauseImpactsThatPolicysUnits() {
			NetworkPolicy toAnyRole = policy("r", "/acme/prod").outgoing().subject("app=web").object("role=*").build();
			PolicyIndex index = index(List.of(), toAnyRole);
			assertThat(index.put(pu("worker", "/acme/prod", null, "role=anything"))).containsExactlyInAnyOrder("worker",
					"prod-web");
		}

		@Test
		void aChangeThatOtherUnitsDoNotSeeImpactsOnlyTheUnit() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			ProcessingUnit otherEnforcer = new ProcessingUnit(PROD_DB.id(), PROD_DB.name(), PROD_DB.namespace(),
					PROD_DB.type(), PROD_DB.addresses(), PROD_DB.tags(), "enforcer-9");
			assertThat(index.put(otherEnforcer)).containsExactly("prod-db");
		}

		@Test
		void removingAUnitImpactsWhatAddingItImpacted() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.removeProcessingUnit("prod-db")).containsExactlyInAnyOrder("prod-db", "prod-web",
					"deep-web");
		}

		@Test
		void removingAnUnknownUnitOrPuttingAnIdenticalOneImpactsNothing() {
			PolicyIndex index = index(List.of(), this.prodWebToDb);
			assertThat(index.removeProcessingUnit("nope")).isEmpty();
			assertThat(index.put(PROD_DB)).isEmpty();
		}

	}

	@Nested
	class AddressChanges {

		private static ProcessingUnit acmeDbAt(String address) {
			return pu("acme-db", "/acme", address, "app=db");
		}

		@Test
		void anAddressChangeUnderAnEverywhereNetworkImpactsTheUnitsWhoseRulesListIt() {
			PolicyIndex index = index(List.of(internet("/acme", false, "0.0.0.0/0")), toInternet("/acme"));
			assertThat(index.put(acmeDbAt("10.0.1.20"))).containsExactlyInAnyOrder("acme-db", "acme-web");
		}

		@Test
		void anAddressChangeInsideAnExclusionImpactsOnlyTheUnit() {
			PolicyIndex index = index(List.of(internet("/acme", false, "0.0.0.0/0", "!10.0.0.0/8")),
					toInternet("/acme"));
			assertThat(index.put(acmeDbAt("10.0.1.20"))).containsExactly("acme-db");
		}

		@Test
		void anAddressChangeIntoOrOutOfANetworksCidrImpactsTheUnitsWhoseRulesListIt() {
			PolicyIndex index = index(List.of(internet("/acme", false, "8.8.8.0/24")), toInternet("/acme"));
			assertThat(index.put(acmeDbAt("10.0.1.20"))).containsExactly("acme-db");
			assertThat(index.put(acmeDbAt("8.8.8.9"))).containsExactlyInAnyOrder("acme-db", "acme-web");
			assertThat(index.put(acmeDbAt("10.0.1.2"))).containsExactlyInAnyOrder("acme-db", "acme-web");
		}

		@Test
		void anAddressChangeImpactsUnitsWhoseRulesListDomainNames() {
			// A name may resolve to any unit's address: the documents with domain entries
			// list every unit address, so a unit's arrival changes them.
			PolicyIndex index = index(List.of(internet("/acme", false, "*.example.com")), toInternet("/acme"));
			assertThat(index.put(acmeDbAt("10.0.1.20"))).containsExactlyInAnyOrder("acme-db", "acme-web");
		}

		@Test
		void addingOrRemovingAUnitWithAnAddressUnderAnEverywhereNetworkImpactsTheUnitsWhoseRulesListIt() {
			PolicyIndex index = index(List.of(internet("/acme", false, "0.0.0.0/0")), toInternet("/acme"));
			assertThat(index.put(pu("printer", "/acme", "10.0.1.99", "app=printer")))
				.containsExactlyInAnyOrder("printer", "acme-web");
			assertThat(index.removeProcessingUnit("printer")).containsExactlyInAnyOrder("printer", "acme-web");
		}

		@Test
		void anAddressChangeReachesAnotherTenantOnlyWhereItsNetworksCoverTheAddress() {
			// An address that belongs to a unit is that unit in every tenant, so a
			// tenant
			// whose rules list an everywhere network must learn of it.
			PolicyIndex index = index(
					List.of(internet("/acme", false, "0.0.0.0/0"), internet("/globex", false, "0.0.0.0/0")),
					toInternet("/acme"), toInternet("/globex"));
			assertThat(index.put(acmeDbAt("10.0.1.20"))).containsExactlyInAnyOrder("acme-db", "acme-web", "globex-web");
			PolicyIndex excluding = index(
					List.of(internet("/acme", false, "0.0.0.0/0"),
							internet("/globex", false, "0.0.0.0/0", "!10.0.1.0/24")),
					toInternet("/acme"), toInternet("/globex"));
			assertThat(excluding.put(acmeDbAt("10.0.1.20"))).containsExactlyInAnyOrder("acme-db", "acme-web");
		}

	}

	@Nested
	class ExternalNetworkChanges {

		@Test
		void aNetworkImpactsTheUnitsWhoseRulesListIt() {
			PolicyIndex index = index(List.of(), toInternet("/acme"));
			ExternalNetwork internet = internet("/acme", false, "0.0.0.0/0");
			assertThat(index.put(internet)).containsExactly("acme-web");
			assertThat(index.removeExternalNetwork(internet.id())).containsExactly("acme-web");
		}

		@Test
		void aNetworkOfADescendantIsInTheScopeOfItsAncestorsPolicies() {
			PolicyIndex index = index(List.of(), toInternet("/acme"));
			assertThat(index.put(internet("/acme/prod", false, "0.0.0.0/0"))).containsExactly("acme-web");
		}

		@Test
		void aPropagatedNetworkOfAnAncestorImpactsTheUnitsOfDescendantPolicies() {
			PolicyIndex index = index(List.of(), toInternet("/acme/prod"));
			assertThat(index.put(internet("/acme", true, "0.0.0.0/0"))).containsExactly("prod-web");
		}

		@Test
		void aNetworkThatDoesNotPropagateIsInvisibleToPoliciesBelowIt() {
			PolicyIndex index = index(List.of(), toInternet("/acme/prod"));
			assertThat(index.put(internet("/acme", false, "0.0.0.0/0"))).isEmpty();
		}

		@Test
		void aNetworkOfASiblingTenantWithTheSameTagsImpactsNothingHere() {
			PolicyIndex index = index(List.of(), toInternet("/acme"));
			assertThat(index.put(internet("/globex", true, "0.0.0.0/0"))).isEmpty();
		}

		@Test
		void aNetworkOnASideThatMustBeProcessingUnitsImpactsNothing() {
			NetworkPolicy bidirectional = policy("bi", "/acme").subject("app=web").object("ext=internet").build();
			PolicyIndex index = index(List.of(), bidirectional);
			assertThat(index.put(internet("/acme", false, "0.0.0.0/0"))).isEmpty();
		}

		@Test
		void aNetworkSharingNoTrafficWithThePolicysPortsImpactsNothing() {
			NetworkPolicy https = policy("https", "/acme").outgoing()
				.subject("app=web")
				.object("ext=dns")
				.ports("tcp/443")
				.build();
			PolicyIndex index = index(List.of(), https);
			assertThat(index.put(network("dns", "/acme", List.of("8.8.8.8"), List.of("udp/53"), false, "ext=dns")))
				.isEmpty();
		}

		@Test
		void anEditImpactsTheUnitsOfPoliciesThatListedItBeforeOrListItAfter() {
			NetworkPolicy fromPartner = policy("in", "/acme").incoming()
				.subject("ext=partner")
				.object("app=db")
				.build();
			ExternalNetwork internet = internet("/acme", false, "0.0.0.0/0");
			PolicyIndex index = index(List.of(internet), toInternet("/acme"), fromPartner);
			ExternalNetwork nowPartner = network(internet.id(), "/acme", List.of("0.0.0.0/0"), null, false,
					"ext=partner");
			assertThat(index.put(nowPartner)).containsExactlyInAnyOrder("acme-web", "acme-db");
		}

		@Test
		void removingAnUnknownNetworkOrPuttingAnIdenticalOneImpactsNothing() {
			ExternalNetwork internet = internet("/acme", false, "0.0.0.0/0");
			PolicyIndex index = index(List.of(internet), toInternet("/acme"));
			assertThat(index.put(internet)).isEmpty();
			assertThat(index.removeExternalNetwork("nope")).isEmpty();
		}

	}

	/**
	 * Two tenants with the same tags, policies and networks: changes inside one never
	 * impact the other (their networks exclude the units' private range, so addresses do
	 * not couple them either).
	 */
	@Nested
	class SiblingTenants {

		private final PolicyIndex index = index(
				List.of(internet("/acme", true, "0.0.0.0/0", "!10.0.0.0/8"),
						internet("/globex", true, "0.0.0.0/0", "!10.0.0.0/8")),
				policy("acme-p", "/acme").propagate().subject("app=web").object("app=db").build(),
				policy("globex-p", "/globex").propagate().subject("app=web").object("app=db").build(),
				toInternet("/acme"), toInternet("/globex"));

		@Test
		void aPolicyChangeInOneTenantNeverImpactsTheOther() {
			assertThat(this.index.put(policy("acme-p", "/acme").propagate()
				.subject(TagExpression.allOf("app=*"))
				.object("app=db")
				.ports("tcp/5432")
				.build())).isNotEmpty().noneMatch((id) -> id.startsWith("globex"));
		}

		@Test
		void aUnitChangeInOneTenantNeverImpactsTheOtherEvenWithCollidingTags() {
			assertThat(this.index.put(pu("acme-db", "/acme", "10.0.1.3", "app=web"))).isNotEmpty()
				.noneMatch((id) -> id.startsWith("globex"));
			assertThat(this.index.put(pu("acme-new", "/acme", "10.0.1.50", "app=db"))).isNotEmpty()
				.noneMatch((id) -> id.startsWith("globex"));
			assertThat(this.index.removeProcessingUnit("acme-web")).isNotEmpty()
				.noneMatch((id) -> id.startsWith("globex"));
		}

		@Test
		void aNetworkChangeInOneTenantNeverImpactsTheOther() {
			assertThat(this.index.put(internet("/acme", true, "0.0.0.0/0", "!10.0.0.0/8", "!192.168.0.0/16")))
				.containsExactly("acme-web");
			assertThat(this.index.removeExternalNetwork("internet--acme")).containsExactly("acme-web");
		}

	}

}
