package io.mseg.enforcer.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.policy.port.ServicePorts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class EnforcerCommandTests {

	private static final String TOKEN = "msen_secret." + "ab".repeat(32);

	private final AtomicReference<Settings> launched = new AtomicReference<>();

	private final Map<String, String> environment = new HashMap<>();

	private final StringWriter err = new StringWriter();

	@Test
	void defaultsAreDocumentedAndSensible() {
		assertThat(run("--console", "https://console.example.com:8443", "--token", TOKEN)).isZero();
		Settings settings = this.launched.get();
		assertThat(settings.console().toString()).isEqualTo("https://console.example.com:8443");
		assertThat(settings.token()).isEqualTo(TOKEN);
		assertThat(settings.stateDirectory()).isEqualTo(Path.of("/var/lib/mseg-enforcer"));
		assertThat(settings.nftTable()).isEqualTo("mseg");
		assertThat(settings.nftCommand()).containsExactly("nft");
		assertThat(settings.failsafeInbound()).isEqualTo(ServicePorts.of("tcp/22", "udp/68"));
		assertThat(settings.failsafeOutbound()).isEqualTo(ServicePorts.of("udp/53", "tcp/53", "udp/67"));
		assertThat(settings.reject()).isEqualTo(RejectStyle.DROP);
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(settings.addresses()).isEmpty();
		assertThat(settings.name()).isNotBlank();
		assertThat(settings.dns()).isEqualTo(new Settings.Dns(15353, Duration.ofSeconds(60), Duration.ofSeconds(10)));
		assertThat(settings.workloads()).as("host mode").isNull();
	}

	@Test
	void nodeModeTakesItsWorkloadsFromKubernetesOrADirectory() {
		assertThat(run("--console", "https://c", "--workloads", "kubernetes")).isZero();
		assertThat(this.launched.get().workloads()).isEqualTo(new Settings.Workloads(null, true, List.of("cali*")));
		this.environment.put("MSEG_ENFORCER_WORKLOADS", "directory:/run/mseg/workloads");
		this.environment.put("MSEG_ENFORCER_WORKLOAD_INTERFACES", "cali*,tap*,veth-web1");
		assertThat(run("--console", "https://c")).isZero();
		assertThat(this.launched.get().workloads()).isEqualTo(
				new Settings.Workloads(Path.of("/run/mseg/workloads"), false, List.of("cali*", "tap*", "veth-web1")));
	}

	@Test
	void everyFlagCanComeFromTheEnvironmentAndAFlagWins() {
		this.environment.put("MSEG_ENFORCER_CONSOLE", "https://10.0.0.1");
		this.environment.put("MSEG_ENFORCER_TOKEN", TOKEN);
		this.environment.put("MSEG_ENFORCER_TAG", "app=web,tier=front");
		this.environment.put("MSEG_ENFORCER_ADDRESS", "10.0.0.5,fd00::5");
		this.environment.put("MSEG_ENFORCER_STATE_DIR", "/tmp/state");
		this.environment.put("MSEG_ENFORCER_NFT_COMMAND", "ip netns exec h1 nft");
		this.environment.put("MSEG_ENFORCER_HEARTBEAT_TIMEOUT", "500ms");
		this.environment.put("MSEG_ENFORCER_NAME", "from-env");
		assertThat(run("--name", "from-flag", "--failsafe-inbound", "none")).isZero();
		Settings settings = this.launched.get();
		assertThat(settings.console().toString()).isEqualTo("https://10.0.0.1:443");
		assertThat(settings.tags()).containsExactly("app=web", "tier=front");
		assertThat(settings.addresses()).containsExactly("10.0.0.5", "fd00::5");
		assertThat(settings.stateDirectory()).isEqualTo(Path.of("/tmp/state"));
		assertThat(settings.nftCommand()).containsExactly("ip", "netns", "exec", "h1", "nft");
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(settings.name()).isEqualTo("from-flag");
		assertThat(settings.failsafeInbound()).isNull();
	}

	@Test
	void repeatedFlagsAddUp() {
		assertThat(run("--console", "https://c:8443", "--tag", "a=1", "--tag", "b=2", "--address", "10.0.0.1",
				"--address", "10.0.0.2"))
			.isZero();
		assertThat(this.launched.get().tags()).containsExactly("a=1", "b=2");
		assertThat(this.launched.get().addresses()).containsExactly("10.0.0.1", "10.0.0.2");
	}

	@Test
	void badFlagsExitWith2AndSayWhatIsWrong() {
		assertBad(List.of(), "--console is required");
		assertBad(List.of("--console", "http://c"), "expected https://host[:port]");
		assertBad(List.of("--console", "https://c/api"), "without a path");
		assertBad(List.of("--console", "https://c", "--token", "nope"), "--token");
		assertBad(List.of("--console", "https://c", "--tag", "novalue"), "--tag 'novalue'");
		assertBad(List.of("--console", "https://c", "--tag", "$identity=x"), "set by the console");
		assertBad(List.of("--console", "https://c", "--address", "10.0.0.300"), "--address '10.0.0.300'");
		assertBad(List.of("--console", "https://c", "--nft-table", "bad name"), "--nft-table");
		assertBad(List.of("--console", "https://c", "--failsafe-inbound", "any"), "'any' would disable");
		assertBad(List.of("--console", "https://c", "--failsafe-outbound", "tcp/99999"), "--failsafe-outbound");
		assertBad(List.of("--console", "https://c", "--reject-with", "maybe"), "--reject-with");
		assertBad(List.of("--console", "https://c", "--poll-interval", "soon"), "not a duration");
		assertBad(List.of("--console", "https://c", "--dns-port", "53"), "--dns-port 53");
		assertBad(List.of("--console", "https://c", "--dns-port", "65400"), "the 256 ports above it");
		assertBad(List.of("--console", "https://c", "--dns-ttl-floor", "soon"), "not a duration");
		assertBad(List.of("--console", "https://c", "--reconnect-min", "2m", "--reconnect-max", "1m"),
				"--reconnect-max");
		assertBad(List.of("--console", "https://c", "--workloads", "docker"), "use kubernetes or directory:<path>");
		assertBad(List.of("--console", "https://c", "--workloads", "directory:"), "--workloads 'directory:'");
		assertBad(List.of("--console", "https://c", "--workloads", "kubernetes", "--workload-interfaces", "*"),
				"--workload-interfaces '*'");
		assertBad(List.of("--console", "https://c", "--workloads", "kubernetes", "--workload-interfaces", "cali\"x"),
				"an interface name");
		assertBad(List.of("--console", "https://c", "--workload-interfaces", "tap*"), "node mode only");
		assertBad(List.of("--console", "https://c", "--unknown"), "Unknown option");
		assertThat(this.launched.get()).isNull();
	}

	@Test
	void helpExplainsEveryFlagAndItsVariable() {
		StringWriter out = new StringWriter();
		CommandLine commandLine = EnforcerCommand.commandLine(this::launch, this.environment);
		commandLine.setOut(new PrintWriter(out));
		assertThat(commandLine.execute("--help")).isZero();
		assertThat(out.toString()).contains("--console", "--token", "--tag", "--state-dir", "--nft-table",
				"--nft-command", "--address", "--name", "--failsafe-inbound", "MSEG_ENFORCER_STATE_DIR", "Exit codes");
	}

	@Test
	void theHelpNeverShowsTheTokenFromTheEnvironment() {
		this.environment.put("MSEG_ENFORCER_TOKEN", TOKEN);
		StringWriter out = new StringWriter();
		CommandLine commandLine = EnforcerCommand.commandLine(this::launch, this.environment);
		commandLine.setOut(new PrintWriter(out));
		commandLine.execute("--help");
		assertThat(out.toString()).doesNotContain(TOKEN).doesNotContain("abababab");
	}

	private void assertBad(List<String> args, String message) {
		this.err.getBuffer().setLength(0);
		assertThat(run(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(2);
		assertThat(this.err.toString()).as(String.join(" ", args)).contains(message);
	}

	private int run(String... args) {
		CommandLine commandLine = EnforcerCommand.commandLine(this::launch, this.environment);
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

	private Integer launch(Settings settings) {
		this.launched.set(settings);
		return 0;
	}

}
