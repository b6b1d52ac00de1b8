package io.mseg.console.push;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mseg.console.snapshot.PolicySnapshotService;
import io.mseg.console.snapshot.PolicySnapshotService.Changes;
import io.mseg.console.snapshot.PolicySnapshotService.Versioned;
import io.mseg.policy.decision.PolicySnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A refresh reads the change log without holding the state's lock. Request threads hold a
 * pooled connection while they wait for the lock; a refresh that held the lock while
 * waiting for a connection of its own deadlocked them all once the pool was exhausted
 * (seen with 1,000 event streams opening at once, until the pool's 30 s timeout).
 */
class PolicyStateLockingTests {

	private final PolicySnapshotService database = mock(PolicySnapshotService.class);

	private final PolicyState state = new PolicyState(this.database, (event) -> {
	}, Clock.systemUTC(), new SimpleMeterRegistry());

	private final CountDownLatch fetching = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.state.stop();
	}

	@Test
	void readersAreNotBlockedWhileARefreshWaitsForTheDatabase() throws Exception {
		given(this.database.current())
			.willReturn(new Versioned(0, new PolicySnapshot(List.of(), List.of(), List.of())));
		this.state.start();
		given(this.database.changesSince(anyLong(), anyInt())).willAnswer((invocation) -> {
			this.fetching.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return new Changes(1, List.of(), false);
		});
		given(this.database.version()).willReturn(0L);
		CompletableFuture<Void> refresh = CompletableFuture.runAsync(this.state::refresh);
		assertThat(this.fetching.await(5, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Long> reader = CompletableFuture
			.supplyAsync(() -> this.state.read((index, version) -> version));
		assertThat(reader.get(2, TimeUnit.SECONDS)).isZero();

		this.release.countDown();
		refresh.get(5, TimeUnit.SECONDS);
		assertThat(this.state.version()).isEqualTo(1);
	}

	@Test
	void aBatchOlderThanTheStateDoesNotTakeItsVersionBack() {
		given(this.database.current())
			.willReturn(new Versioned(0, new PolicySnapshot(List.of(), List.of(), List.of())));
		this.state.start();
		given(this.database.changesSince(anyLong(), anyInt())).willReturn(new Changes(3, List.of(), false));
		this.state.refresh();
		given(this.database.changesSince(anyLong(), anyInt())).willReturn(new Changes(2, List.of(), false));
		this.state.refresh();
		assertThat(this.state.version()).isEqualTo(3);
	}

}
