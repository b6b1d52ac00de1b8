package io.mseg.policy.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mseg.policy.index.PolicyStore.Role;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ns;
import static io.mseg.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyStoreTests {

	private static final Map<String, Integer> FREQUENCIES = Map.of("$identity=processingunit", 1000, "app=web", 50,
			"env=prod", 400);

	private final PolicyStore store = new PolicyStore();

	private static Set<String> keys(String... tags) {
		return TaggedObjects.keysOf(Set.of(tags));
	}

	private void add(NetworkPolicy policy) {
		this.store.add(policy, (tag) -> FREQUENCIES.getOrDefault(tag, 0));
	}

	private List<NamespacePath> upward(String namespace) {
		return new NamespaceTree().upward(ns(namespace));
	}

	@Test
	void eachClauseIsFiledUnderItsRarestTagSoOnlyObjectsWithThatTagFindIt() {
		add(policy("p", "/acme").subject("app=web").object("$identity=processingunit", "env=prod", "app=web").build());
		assertThat(this.store.applyingCandidates(Role.OBJECT, upward("/acme"), keys("app=web"))).containsExactly("p");
		assertThat(this.store.applyingCandidates(Role.OBJECT, upward("/acme"),
				keys("$identity=processingunit", "env=prod")))
			.isEmpty();
	}

	@Test
	void aWildcardClauseIsFoundFromAnyValueOfItsKey() {
		add(policy("p", "/acme").subject("app=*").object("app=db").build());
		assertThat(this.store.applyingCandidates(Role.SUBJECT, upward("/acme"), keys("app=anything")))
			.containsExactly("p");
	}

	@Test
	void policiesOfAncestorsApplyOnlyWhenTheyPropagate() {
		add(policy("local", "/acme").subject("app=web").object("app=web").build());
		add(policy("propagating", "/acme").propagate().subject("app=web").object("app=web").build());
		assertThat(this.store.applyingCandidates(Role.SUBJECT, upward("/acme/prod"), keys("app=web")))
			.containsExactly("propagating");
		assertThat(this.store.applyingCandidates(Role.SUBJECT, upward("/acme"), keys("app=web")))
			.containsExactlyInAnyOrder("local", "propagating");
	}

	@Test
	void remoteCandidatesComeFromTheObjectsNamespaceAndAncestorsOrEverywhereForPropagatedNetworks() {
		add(policy("above", "/acme").subject("app=web").object("ext=net").build());
		add(policy("below", "/acme/prod").subject("app=web").object("ext=net").build());
		add(policy("sibling", "/other").subject("app=web").object("ext=net").build());
		assertThat(this.store.remoteCandidates(Role.OBJECT, upward("/acme"), false, keys("ext=net")))
			.containsExactly("above");
		assertThat(this.store.remoteCandidates(Role.OBJECT, upward("/acme"), true, keys("ext=net")))
			.containsExactlyInAnyOrder("above", "below", "sibling");
	}

	@Test
	void removingAPolicyTakesItOutOfEveryIndex() {
		NetworkPolicy p = policy("p", "/acme").propagate().subject("app=web").object("ext=net").build();
		add(p);
		this.store.remove(p);
		assertThat(this.store.get("p")).isNull();
		assertThat(this.store.size()).isZero();
		assertThat(this.store.applyingCandidates(Role.SUBJECT, upward("/acme/prod"), keys("app=web"))).isEmpty();
		assertThat(this.store.remoteCandidates(Role.OBJECT, upward("/acme"), true, keys("ext=net"))).isEmpty();
	}

	@Test
	void theNextExpirationIsTheEarliestOfEnabledPoliciesStrictlyAfterTheInstant() {
		Instant soon = NOW.plusSeconds(60);
		Instant later = NOW.plusSeconds(3600);
		add(policy("soon-but-disabled", "/acme").disabled().expires(soon).subject("a=b").object("a=b").build());
		add(policy("later", "/acme").expires(later).subject("a=b").object("a=b").build());
		add(policy("now", "/acme").expires(NOW).subject("a=b").object("a=b").build());
		assertThat(this.store.nextExpiration(NOW)).contains(later);
		assertThat(this.store.nextExpiration(NOW.minusSeconds(1))).contains(NOW);
		assertThat(this.store.nextExpiration(later)).isEmpty();
	}

}
