package io.mseg.policy.model;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WireNamesTests {

	@Test
	void actionsUseTheProductsNames() {
		assertThat(PolicyAction.ALLOW.wireName()).isEqualTo("Allow");
		assertThat(PolicyAction.fromWire("Reject")).isEqualTo(PolicyAction.REJECT);
		assertThat(PolicyAction.fromWire("allow")).isEqualTo(PolicyAction.ALLOW);
	}

	@Test
	void modesUseTheProductsNames() {
		assertThat(ApplyMode.fromWire("IncomingTraffic")).isEqualTo(ApplyMode.INCOMING_TRAFFIC);
		assertThat(ApplyMode.fromWire("OutgoingTraffic")).isEqualTo(ApplyMode.OUTGOING_TRAFFIC);
		assertThat(ApplyMode.fromWire("bidirectional")).isEqualTo(ApplyMode.BIDIRECTIONAL);
		assertThat(ApplyMode.BIDIRECTIONAL.wireName()).isEqualTo("Bidirectional");
	}

	@Test
	void unknownNamesAreRefusedWithTheExpectedValues() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> PolicyAction.fromWire("Drop"))
			.withMessageContaining("expected Allow or Reject");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> ApplyMode.fromWire(null))
			.withMessageContaining("expected IncomingTraffic, OutgoingTraffic or Bidirectional");
	}

	@Test
	void modesSayWhichSidesDecideAndMustBeProcessingUnits() {
		assertThat(ApplyMode.INCOMING_TRAFFIC.decidedAtSource()).isFalse();
		assertThat(ApplyMode.INCOMING_TRAFFIC.decidedAtDestination()).isTrue();
		assertThat(ApplyMode.INCOMING_TRAFFIC.subjectMustBePu()).isFalse();
		assertThat(ApplyMode.INCOMING_TRAFFIC.objectMustBePu()).isTrue();
		assertThat(ApplyMode.OUTGOING_TRAFFIC.decidedAtSource()).isTrue();
		assertThat(ApplyMode.OUTGOING_TRAFFIC.decidedAtDestination()).isFalse();
		assertThat(ApplyMode.OUTGOING_TRAFFIC.subjectMustBePu()).isTrue();
		assertThat(ApplyMode.OUTGOING_TRAFFIC.objectMustBePu()).isFalse();
		assertThat(ApplyMode.BIDIRECTIONAL.decidedAtSource()).isTrue();
		assertThat(ApplyMode.BIDIRECTIONAL.decidedAtDestination()).isTrue();
		assertThat(ApplyMode.BIDIRECTIONAL.subjectMustBePu()).isTrue();
		assertThat(ApplyMode.BIDIRECTIONAL.objectMustBePu()).isTrue();
	}

}
