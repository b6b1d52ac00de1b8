package io.mseg.enforcer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit codes of the real start-up (real nft process client, real HTTPS).
 */
class MainTests {

	private static final String TOKEN = "msen_secret." + "ab".repeat(32);

	@TempDir
	Path state;

	@Test
	void badFlagsExitWith2() {
		assertThat(Main.run(new String[] { "--console", "ftp://x" }, Map.of())).isEqualTo(2);
	}

	@Test
	void aMissingNftExitsWith3() {
		assertThat(Main.run(new String[] { "--console", "https://127.0.0.1:" + closedPort(), "--token", TOKEN,
				"--state-dir", this.state.toString(), "--nft-command", "/nonexistent/nft" }, Map.of()))
			.isEqualTo(3);
	}

	@Test
	void anUnreachableConsoleAtFirstEnrollmentExitsWith4() {
		assertThat(Main.run(new String[] { "--console", "https://127.0.0.1:" + closedPort(), "--token", TOKEN,
				"--state-dir", this.state.toString(), "--nft-command", "true", "--request-timeout", "2s" }, Map.of()))
			.isEqualTo(4);
	}

	@Test
	void noTokenAndNoStateExitsWith4() {
		assertThat(Main.run(new String[] { "--console", "https://127.0.0.1:" + closedPort(), "--state-dir",
				this.state.toString(), "--nft-command", "true" }, Map.of()))
			.isEqualTo(4);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
