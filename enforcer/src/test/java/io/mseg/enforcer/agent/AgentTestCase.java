package io.mseg.enforcer.agent;

import java.nio.file.Path;

import io.mseg.enforcer.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every agent test starts from: a harness (scripted console, recording nft, fake
 * time) over a fresh state directory, and the agent's log lines captured.
 */
@Timeout(30)
abstract class AgentTestCase {

	@TempDir
	Path state;

	AgentHarness agent;

	final LogCapture log = new LogCapture();

	@BeforeEach
	void harness() {
		this.agent = new AgentHarness(this.state);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.agent.close();
		this.log.close();
	}

}
