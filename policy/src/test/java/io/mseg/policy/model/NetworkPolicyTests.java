package io.mseg.policy.model;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.Violation;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.TagExpression;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyTests {

	private static final TagExpression INTERNET = TagExpression
		.of(List.of(List.of("ext:name=internet", "$identity=externalnetwork")));

	private static final TagExpression FRONTEND = TagExpression
		.of(List.of(List.of("app=frontend", "$identity=processingunit")));

	@Test
	void enabledPoliciesWithoutExpirationAreActive() {
		assertThat(policy("p", "/").subject("a=b").object("c=d").build().isActive(NOW)).isTrue();
	}

	@Test
	void disabledPoliciesAreInactive() {
		assertThat(policy("p", "/").subject("a=b").object("c=d").disabled().build().isActive(NOW)).isFalse();
	}

	@Test
	void policiesExpireAtTheirExpirationTime() {
		NetworkPolicy expiring = policy("p", "/").subject("a=b").object("c=d").expires(NOW).build();
		assertThat(expiring.isActive(NOW.minus(Duration.ofMillis(1)))).isTrue();
		assertThat(expiring.isActive(NOW)).isFalse();
	}

	@Test
	void missingPortsMeanAny() {
		NetworkPolicy policy = new NetworkPolicy("id", "p", NamespacePath.ROOT, PolicyAction.ALLOW,
				ApplyMode.BIDIRECTIONAL, FRONTEND, FRONTEND, null, false, false, null, false, false, false);
		assertThat(policy.ports()).isEqualTo(ServicePorts.ANY);
	}

	@Test
	void theReferenceIncomingPolicyMayNameAnExternalNetworkAsSubject() {
		assertThat(NetworkPolicy.validateSides(ApplyMode.INCOMING_TRAFFIC, INTERNET, FRONTEND)).isEmpty();
	}

	@Test
	void bidirectionalPoliciesMayNotPinExternalNetworksOnEitherSide() {
		assertThat(NetworkPolicy.validateSides(ApplyMode.BIDIRECTIONAL, INTERNET, INTERNET))
			.extracting(Violation::field)
			.containsExactly("subject", "object");
		assertThat(NetworkPolicy.validateSides(ApplyMode.BIDIRECTIONAL, INTERNET, FRONTEND)).singleElement()
			.satisfies((violation) -> assertThat(violation.message())
				.contains("in mode Bidirectional the subject must be processing units")
				.contains("$identity=externalnetwork"));
	}

	@Test
	void incomingPoliciesMayNotPinExternalNetworksAsObject() {
		assertThat(NetworkPolicy.validateSides(ApplyMode.INCOMING_TRAFFIC, FRONTEND, INTERNET)).singleElement()
			.extracting(Violation::field)
			.isEqualTo("object");
	}

	@Test
	void outgoingPoliciesMayNotPinExternalNetworksAsSubjectButMayAsObject() {
		assertThat(NetworkPolicy.validateSides(ApplyMode.OUTGOING_TRAFFIC, FRONTEND, INTERNET)).isEmpty();
		assertThat(NetworkPolicy.validateSides(ApplyMode.OUTGOING_TRAFFIC, INTERNET, FRONTEND)).singleElement()
			.extracting(Violation::field)
			.isEqualTo("subject");
	}

	@Test
	void anyClausePinningAnExternalNetworkIsEnough() {
		TagExpression mixed = TagExpression.of(List.of(List.of("app=a"), List.of("$identity=externalnetwork")));
		assertThat(NetworkPolicy.validateSides(ApplyMode.BIDIRECTIONAL, FRONTEND, mixed)).hasSize(1);
	}

}
