package io.mseg.policy.port;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PortRangeTests {

	@Test
	void containsIsInclusive() {
		PortRange range = new PortRange(80, 90);
		assertThat(range.contains(80)).isTrue();
		assertThat(range.contains(90)).isTrue();
		assertThat(range.contains(79)).isFalse();
		assertThat(range.contains(91)).isFalse();
	}

	@Test
	void singlePortPrintsAsOneNumber() {
		assertThat(PortRange.of(443)).hasToString("443");
		assertThat(new PortRange(80, 90)).hasToString("80:90");
	}

	@Test
	void intersectionKeepsTheCommonPart() {
		assertThat(new PortRange(400, 500).intersect(PortRange.of(443))).contains(PortRange.of(443));
		assertThat(new PortRange(1, 10).intersect(new PortRange(5, 20))).contains(new PortRange(5, 10));
		assertThat(new PortRange(1, 10).intersect(new PortRange(11, 20))).isEmpty();
	}

	@Test
	void reversedOrOutOfRangeBoundsAreRefused() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> new PortRange(90, 80));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> new PortRange(-1, 80));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> new PortRange(0, 65536));
	}

}
