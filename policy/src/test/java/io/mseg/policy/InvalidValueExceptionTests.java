package io.mseg.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidValueExceptionTests {

	@Test
	void exceptionWithoutIndexReportsMinusOne() {
		assertThat(new InvalidValueException("bad").index()).isEqualTo(-1);
	}

	@Test
	void atIndexKeepsTheMessageAndTheCause() {
		InvalidValueException original = new InvalidValueException("bad");
		InvalidValueException indexed = original.atIndex(3);
		assertThat(indexed.index()).isEqualTo(3);
		assertThat(indexed).hasMessage("bad").hasCause(original).isInstanceOf(IllegalArgumentException.class);
	}

}
