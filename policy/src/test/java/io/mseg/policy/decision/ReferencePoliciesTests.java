package io.mseg.policy.decision;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.ApplyMode;
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

/**
 * The three YAML policies of the reference text, as the console would read their
 * {@code subject}/{@code object}.
 */
class ReferencePoliciesTests {

	static final TagExpression INTERNET_SUBJECT = TagExpression.of(List.of(List.of("ext:name=internet")));

	static final TagExpression FRONTEND_OBJECT = TagExpression.of(List.of(List.of("app=frontend")));

	static final TagExpression INTERNET_SUBJECT_PINNED = TagExpression
		.of(List.of(List.of("ext:name=internet", "$identity=externalnetwork")));

	static final TagExpression FRONTEND_OBJECT_PINNED = TagExpression
		.of(List.of(List.of("app=frontend", "$identity=processingunit")));

	static final TagExpression CART_OR_ADS = TagExpression
		.of(List.of(List.of("app=cartservice", "$identity=processingunit"),
				List.of("app=adservice", "$identity=processingunit")));

	static final TagExpression REDIS_OBJECT = TagExpression
		.of(List.of(List.of("app=redis", "$identity=processingunit")));

	final ProcessingUnit frontend = pu("frontend", "/shop", "10.0.0.13", "app=frontend");

	final ProcessingUnit cart = pu("cart", "/shop", "10.0.0.11", "app=cartservice");

	final ProcessingUnit ads = pu("ads", "/shop", "10.0.0.12", "app=adservice");

	final ProcessingUnit redis = pu("redis", "/shop", "10.0.0.10", "app=redis");

	final ExternalNetwork internet = network("internet", "/shop", List.of("0.0.0.0/0"), null, false,
			"ext:name=internet");

	@Test
	void theExpressionsSelectWhatTheirNamesSay() {
		assertThat(INTERNET_SUBJECT_PINNED.matches(this.internet.tags())).isTrue();
		assertThat(INTERNET_SUBJECT_PINNED.matches(pu("x", "/shop", null, "ext:name=internet").tags())).isFalse();
		assertThat(FRONTEND_OBJECT_PINNED.matches(this.frontend.tags())).isTrue();
		assertThat(CART_OR_ADS.matches(this.cart.tags())).isTrue();
		assertThat(CART_OR_ADS.matches(this.ads.tags())).isTrue();
		assertThat(CART_OR_ADS.matches(this.frontend.tags())).isFalse();
		assertThat(REDIS_OBJECT.matches(this.redis.tags())).isTrue();
		assertThat(REDIS_OBJECT.matches(this.internet.tags())).isFalse();
	}

	@Test
	void allowInternetToFrontEndAdmitsInternetHostsToTheFrontendOnly() {
		for (NetworkPolicy policy : List.of(internetToFrontend(INTERNET_SUBJECT, FRONTEND_OBJECT),
				internetToFrontend(INTERNET_SUBJECT_PINNED, FRONTEND_OBJECT_PINNED))) {
			assertThat(NetworkPolicyValidation.of(policy)).isEmpty();
			assertThat(verdict(policy, Endpoint.of(ip("198.51.100.7")), Endpoint.of(this.frontend)))
				.isEqualTo(Verdict.ALLOW);
			assertThat(verdict(policy, Endpoint.of(ip("198.51.100.7")), Endpoint.of(this.redis)))
				.isEqualTo(Verdict.REJECT);
			assertThat(verdict(policy, Endpoint.of(this.frontend), Endpoint.of(ip("198.51.100.7"))))
				.isEqualTo(Verdict.REJECT);
		}
	}

	@Test
	void allowCartOrAdsToRedisOpensBothServicesToRedisAndNothingElse() {
		NetworkPolicy policy = policy("Allow shopping cart or ad service to redis", "/shop").subject(CART_OR_ADS)
			.object(REDIS_OBJECT)
			.build();
		assertThat(policy.mode()).isEqualTo(ApplyMode.BIDIRECTIONAL);
		assertThat(NetworkPolicyValidation.of(policy)).isEmpty();
		assertThat(verdict(policy, Endpoint.of(this.cart), Endpoint.of(this.redis))).isEqualTo(Verdict.ALLOW);
		assertThat(verdict(policy, Endpoint.of(this.ads), Endpoint.of(this.redis))).isEqualTo(Verdict.ALLOW);
		assertThat(verdict(policy, Endpoint.of(this.frontend), Endpoint.of(this.redis))).isEqualTo(Verdict.REJECT);
		assertThat(verdict(policy, Endpoint.of(this.redis), Endpoint.of(this.cart))).isEqualTo(Verdict.REJECT);
		assertThat(verdict(policy, Endpoint.of(ip("198.51.100.7")), Endpoint.of(this.redis))).isEqualTo(Verdict.REJECT);
	}

	private NetworkPolicy internetToFrontend(TagExpression subject, TagExpression object) {
		return policy("Allow internet to front end", "/shop").incoming().subject(subject).object(object).build();
	}

	private Verdict verdict(NetworkPolicy policy, Endpoint source, Endpoint destination) {
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.frontend, this.cart, this.ads, this.redis),
				List.of(this.internet), List.of(policy));
		return DecisionEngine.decide(snapshot, new Connection(source, destination, Traffic.tcp(443)), NOW).verdict();
	}

	/** The validation the console runs before accepting a policy. */
	private static final class NetworkPolicyValidation {

		static List<io.mseg.policy.Violation> of(NetworkPolicy policy) {
			return NetworkPolicy.validateSides(policy.mode(), policy.subject(), policy.object());
		}

	}

}
