package io.mseg.console.push;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PushPropertiesTests {

	@Test
	void aPushComputesAtLeastOneEnforcerAtATime() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(0))
			.withMessage("mseg.push.recompute-chunk must be at least 1, not 0");
		assertThat(properties(1).recomputeChunk()).isEqualTo(1);
	}

	@Test
	void senderThreadsDefaultToThreePerCore() {
		assertThat(properties(1000).senders()).isEqualTo(3 * Runtime.getRuntime().availableProcessors());
	}

	private static PushProperties properties(int chunk) {
		return new PushProperties(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofHours(24), 0, chunk, 2);
	}

}
