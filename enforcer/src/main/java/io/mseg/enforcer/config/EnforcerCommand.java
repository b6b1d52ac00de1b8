package io.mseg.enforcer.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.mseg.enforcer.enroll.EnrollmentToken;
import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.Tag;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The enforcer's flags. Each flag can also be given as an environment variable
 * ({@code --state-dir} is {@code MSEG_ENFORCER_STATE_DIR}); a flag wins over its
 * variable. Lists in variables are comma-separated.
 */
@Command(name = "enforcer", mixinStandardHelpOptions = true, versionProvider = EnforcerCommand.Version.class,
		sortOptions = false, usageHelpWidth = 100,
		description = {
				"Microsegmentation enforcer: enrolls with the console, receives the rendered policy of this "
						+ "host and enforces it with one nftables table, also while the console is unreachable.",
				"",
				"Every option can be set by an environment variable: MSEG_ENFORCER_ and the option's name in "
						+ "capitals with _ for - (e.g. MSEG_ENFORCER_STATE_DIR); lists are comma-separated there." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:stopped", "1:unexpected failure", "2:bad flags",
				"3:nft missing or not working (or the state directory unusable)",
				"4:console unreachable or enrollment refused at first enrollment",
				"5:node mode, and the workload source cannot start" })
public final class EnforcerCommand implements Callable<Integer> {

	/** The prefix of the environment variables. */
	public static final String ENV_PREFIX = "MSEG_ENFORCER_";

	@Spec
	CommandSpec spec;

	@Option(names = "--console", paramLabel = "URL",
			description = "The console's base URL, e.g. https://console.example.com:8443 (required).")
	String console;

	@Option(names = "--token", paramLabel = "TOKEN",
			description = "Enrollment token (msen_<secret>.<CA fingerprint>). Needed only for the first start; "
					+ "it pins the console's CA.")
	String token;

	@Option(names = "--tag", paramLabel = "KEY=VALUE", split = ",",
			description = "A tag of this host's processing unit (repeatable). The enrollment token's tags are added by "
					+ "the console.")
	List<String> tags = new ArrayList<>();

	@Option(names = "--name", paramLabel = "NAME",
			description = "Name of this enforcer and of its host processing unit. Default: the host name.")
	String name;

	@Option(names = "--address", paramLabel = "IP", split = ",",
			description = "An address of this host (repeatable). Default: the addresses of its interfaces that are up, "
					+ "except loopback and link-local ones.")
	List<String> addresses = new ArrayList<>();

	@Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/mseg-enforcer",
			description = "Where the key, the certificates and the last policy are kept (0700/0600). "
					+ "Default: /var/lib/mseg-enforcer.")
	Path stateDirectory;

	@Option(names = "--nft-table", paramLabel = "NAME", defaultValue = "mseg",
			description = "The nftables table (family inet) the enforcer owns and replaces; nothing else is touched. "
					+ "Default: mseg.")
	String nftTable;

	@Option(names = "--nft-command", paramLabel = "COMMAND", defaultValue = "nft",
			description = "The command that runs nft, split on spaces, e.g. 'ip netns exec h1 nft'. Default: nft.")
	String nftCommand;

	@Option(names = "--failsafe-inbound", paramLabel = "PORTS", defaultValue = "tcp/22,udp/68",
			description = "Traffic always accepted towards this host, whatever the policy (keeps SSH and DHCP "
					+ "replies working), as comma-separated service ports, or 'none'. Default: tcp/22,udp/68.")
	String failsafeInbound;

	@Option(names = "--failsafe-outbound", paramLabel = "PORTS", defaultValue = "udp/53,tcp/53,udp/67",
			description = "Traffic this host may always initiate (DNS, DHCP), or 'none'. The console's address and "
					+ "port are always allowed besides. Default: udp/53,tcp/53,udp/67.")
	String failsafeOutbound;

	@Option(names = "--reject-with", paramLabel = "drop|icmp", defaultValue = "drop",
			description = "How rejected connections are refused: dropped silently (drop), or answered with an ICMP "
					+ "administratively-prohibited error (icmp). Default: drop.")
	String rejectWith;

	@Option(names = "--heartbeat-timeout", paramLabel = "DURATION", defaultValue = "45s",
			converter = DurationConverter.class,
			description = "Silence after which the event stream counts as dead and is reopened (the console sends a "
					+ "heartbeat every 15 s). Default: 45s.")
	Duration heartbeatTimeout;

	@Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "10m",
			converter = DurationConverter.class,
			description = "How often the policy is fetched even without a push notification. Default: 10m.")
	Duration pollInterval;

	@Option(names = "--reconnect-min", paramLabel = "DURATION", defaultValue = "1s",
			converter = DurationConverter.class,
			description = "First delay before reconnecting to the console; it doubles with each failure, with "
					+ "jitter. Default: 1s.")
	Duration reconnectMin;

	@Option(names = "--reconnect-max", paramLabel = "DURATION", defaultValue = "60s",
			converter = DurationConverter.class, description = "Longest delay between reconnections. Default: 60s.")
	Duration reconnectMax;

	@Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
			converter = DurationConverter.class,
			description = "Connect and answer timeout of each request to the console. Default: 10s.")
	Duration requestTimeout;

	@Option(names = "--dns-port", paramLabel = "PORT", defaultValue = "15353",
			description = "Port on 127.0.0.1 and ::1 where the host's DNS queries are redirected while a policy "
					+ "has domain entries; the enforcer forwards them unchanged (from the 256 ports above it) and "
					+ "learns the answers. Default: 15353.")
	int dnsPort;

	@Option(names = "--dns-ttl-floor", paramLabel = "DURATION", defaultValue = "60s",
			converter = DurationConverter.class,
			description = "Shortest time an address learned from a DNS answer stays allowed, whatever the record's "
					+ "TTL. Default: 60s.")
	Duration dnsTtlFloor;

	@Option(names = "--dns-grace", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
			description = "Added to the lifetime of every learned address. Default: 10s.")
	Duration dnsGrace;

	@Option(names = "--flow-logs", negatable = true, defaultValue = "true", fallbackValue = "true",
			description = "Log new connections that policies with logsEnabled decide, and default rejects, and send "
					+ "them to the console as flow reports (--no-flow-logs: neither). Default: on.")
	boolean flowLogs;

	@Option(names = "--flow-log-group", paramLabel = "GROUP", defaultValue = "27",
			description = "NFLOG group the rules log new connections to and the enforcer reads (0 to 65535; one "
					+ "reader per group and network namespace). Default: 27.")
	int flowLogGroup;

	@Option(names = "--flow-log-rate", paramLabel = "PER_SECOND", defaultValue = "10000",
			description = "Most new connections logged per second, all rules together; the rest are counted and "
					+ "reported as unrecorded. Default: 10000.")
	int flowLogRate;

	@Option(names = "--flow-log-burst", paramLabel = "CONNECTIONS", defaultValue = "2000",
			description = "How many new connections may be logged at once above the rate. Default: 2000.")
	int flowLogBurst;

	@Option(names = "--flow-interval", paramLabel = "DURATION", defaultValue = "10s",
			converter = DurationConverter.class,
			description = "Length of the interval whose identical flows make one record (1s to 5m). Default: 10s.")
	Duration flowInterval;

	@Option(names = "--flow-buffer-records", paramLabel = "RECORDS", defaultValue = "200000",
			description = "Most flow records kept on disk while the console is unreachable (the oldest are dropped "
					+ "and counted beyond it), and most distinct flows held in memory. Default: 200000.")
	int flowBufferRecords;

	@Option(names = "--workloads", paramLabel = "SOURCE",
			description = "Node mode: also protect every workload (pod, container) of this node as its own processing "
					+ "unit, from 'kubernetes' (pods of the node named by --name, watched on the API server with the "
					+ "service account's in-cluster configuration) or 'directory:<path>' (one <name>.json or "
					+ "<name>.yaml file per workload). Default: none, the enforcer protects its host alone.")
	String workloads;

	@Option(names = "--workload-interfaces", paramLabel = "NAMES", split = ",", defaultValue = "cali*",
			description = "Node mode: the host side of the workloads' routed interfaces, names or prefixes ending "
					+ "in *; traffic on them that is not a known workload's is rejected. Default: cali* "
					+ "(Calico's CNI).")
	List<String> workloadInterfaces = new ArrayList<>();

	private final Function<Settings, Integer> launcher;

	/**
	 * A command.
	 * @param launcher runs the enforcer with the checked settings and returns its exit
	 * code
	 */
	public EnforcerCommand(Function<Settings, Integer> launcher) {
		this.launcher = launcher;
	}

	/**
	 * A command line whose defaults come from the environment.
	 * @param launcher runs the enforcer
	 * @param environment the environment variables
	 * @return the command line
	 */
	public static CommandLine commandLine(Function<Settings, Integer> launcher, Map<String, String> environment) {
		CommandLine commandLine = new CommandLine(new EnforcerCommand(launcher));
		commandLine.setDefaultValueProvider((ArgSpec arg) -> {
			if (arg instanceof OptionSpec option && option.longestName().startsWith("--")) {
				return environment.get(environmentVariable(option.longestName()));
			}
			return null;
		});
		commandLine.setParameterExceptionHandler((ex, args) -> {
			CommandLine failed = ex.getCommandLine();
			failed.getErr().println("enforcer: " + ex.getMessage());
			failed.getErr().println("Run 'java -jar enforcer.jar --help' for the options.");
			return failed.getCommandSpec().exitCodeOnInvalidInput();
		});
		return commandLine;
	}

	/**
	 * The environment variable of a flag.
	 * @param flag e.g. {@code --state-dir}
	 * @return e.g. {@code MSEG_ENFORCER_STATE_DIR}
	 */
	public static String environmentVariable(String flag) {
		return ENV_PREFIX + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
	}

	@Override
	public Integer call() {
		return this.launcher.apply(settings());
	}

	/**
	 * Checks the flags.
	 * @return the settings
	 * @throws ParameterException saying which flag is wrong
	 */
	Settings settings() {
		URI consoleUri = consoleUri();
		String tokenText = (this.token != null && !this.token.isBlank()) ? this.token.strip() : null;
		if (tokenText != null) {
			try {
				EnrollmentToken.parse(tokenText);
			}
			catch (IllegalArgumentException ex) {
				throw fail("--token: " + ex.getMessage());
			}
		}
		for (String tag : this.tags) {
			try {
				Tag.parse(tag);
			}
			catch (IllegalArgumentException ex) {
				throw fail("--tag '" + tag + "': " + ex.getMessage());
			}
			if (tag.startsWith("$") || tag.startsWith("@")) {
				throw fail("--tag '" + tag + "': tags starting with $ or @ are set by the console");
			}
		}
		List<String> checkedAddresses = new ArrayList<>();
		for (String address : this.addresses) {
			try {
				checkedAddresses.add(IpAddress.parse(address.strip()).toString());
			}
			catch (IllegalArgumentException ex) {
				throw fail("--address '" + address + "': " + ex.getMessage());
			}
		}
		if (!this.nftTable.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
			throw fail("--nft-table '" + this.nftTable
					+ "': a table name is a letter followed by letters, digits or _ (at most 64)");
		}
		List<String> nft = Arrays.stream(this.nftCommand.strip().split("\\s+")).filter((s) -> !s.isEmpty()).toList();
		if (nft.isEmpty()) {
			throw fail("--nft-command must not be empty");
		}
		RejectStyle reject = switch (this.rejectWith.strip().toLowerCase(Locale.ROOT)) {
			case "drop" -> RejectStyle.DROP;
			case "icmp" -> RejectStyle.ICMP;
			default -> throw fail("--reject-with '" + this.rejectWith + "': use drop or icmp");
		};
		if (this.dnsPort < 1024 || this.dnsPort > 65535 - 256) {
			throw fail("--dns-port " + this.dnsPort + ": use a free port from 1024 to " + (65535 - 256)
					+ " (the 256 ports above it are the source ports of the forwarded queries)");
		}
		Settings.Flows flows = this.flowLogs ? flows() : null;
		if (this.reconnectMax.compareTo(this.reconnectMin) < 0) {
			throw fail("--reconnect-max must not be shorter than --reconnect-min");
		}
		String hostName = (this.name != null && !this.name.isBlank()) ? this.name.strip() : hostName();
		Settings.Workloads workloadSettings = workloads();
		return new Settings(consoleUri, tokenText, hostName, this.tags, checkedAddresses, this.stateDirectory,
				this.nftTable, nft, failsafe("--failsafe-inbound", this.failsafeInbound),
				failsafe("--failsafe-outbound", this.failsafeOutbound), reject, this.heartbeatTimeout,
				this.pollInterval, this.reconnectMin, this.reconnectMax, this.requestTimeout,
				new Settings.Dns(this.dnsPort, this.dnsTtlFloor, this.dnsGrace), flows, workloadSettings);
	}

	private Settings.Workloads workloads() {
		if (this.workloads == null || this.workloads.isBlank()) {
			if (!this.workloadInterfaces.equals(List.of("cali*"))) {
				throw fail("--workload-interfaces applies to node mode only: add --workloads kubernetes or "
						+ "--workloads directory:<path>");
			}
			return null;
		}
		List<String> interfaces = this.workloadInterfaces.stream().map(String::strip).toList();
		if (interfaces.isEmpty()) {
			throw fail("--workload-interfaces: name at least one interface or prefix (cali*)");
		}
		for (String iface : interfaces) {
			if (!iface.matches("[A-Za-z0-9_.:@-]{1,15}\\*?") || iface.equals("*")) {
				throw fail("--workload-interfaces '" + iface
						+ "': an interface name (1 to 15 letters, digits, _ . : @ -), or a prefix of one ending in *");
			}
		}
		String source = this.workloads.strip();
		if (source.equals("kubernetes")) {
			return new Settings.Workloads(null, true, interfaces);
		}
		if (source.startsWith("directory:") && source.length() > "directory:".length()) {
			return new Settings.Workloads(Path.of(source.substring("directory:".length())), false, interfaces);
		}
		throw fail("--workloads '" + this.workloads + "': use kubernetes or directory:<path>");
	}

	private Settings.Flows flows() {
		if (this.flowLogGroup < 0 || this.flowLogGroup > 65535) {
			throw fail("--flow-log-group " + this.flowLogGroup + ": an NFLOG group is 0 to 65535");
		}
		if (this.flowLogRate < 1 || this.flowLogRate > 1_000_000) {
			throw fail("--flow-log-rate " + this.flowLogRate + ": use 1 to 1000000 connections a second");
		}
		if (this.flowLogBurst < 1 || this.flowLogBurst > 1_000_000) {
			throw fail("--flow-log-burst " + this.flowLogBurst + ": use 1 to 1000000 connections");
		}
		if (this.flowInterval.compareTo(Duration.ofSeconds(1)) < 0
				|| this.flowInterval.compareTo(Duration.ofMinutes(5)) > 0 || this.flowInterval.toMillis() % 1000 != 0) {
			throw fail("--flow-interval " + this.flowInterval.toSeconds() + "s: use whole seconds from 1s to 5m");
		}
		if (this.flowBufferRecords < 1000 || this.flowBufferRecords > 10_000_000) {
			throw fail("--flow-buffer-records " + this.flowBufferRecords + ": use 1000 to 10000000");
		}
		return new Settings.Flows(this.flowLogGroup, this.flowLogRate, this.flowLogBurst, this.flowInterval,
				this.flowBufferRecords);
	}

	private URI consoleUri() {
		if (this.console == null || this.console.isBlank()) {
			throw fail("--console is required (or " + environmentVariable("--console") + "), e.g. --console "
					+ "https://console.example.com:8443");
		}
		try {
			URI uri = new URI(this.console.strip());
			if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
				throw fail("--console '" + this.console + "': expected https://host[:port]");
			}
			if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
				throw fail("--console '" + this.console + "': expected https://host[:port] without a path");
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : 443;
			return new URI("https", null, uri.getHost(), port, null, null, null);
		}
		catch (URISyntaxException ex) {
			throw fail("--console '" + this.console + "' is not a URL: " + ex.getMessage());
		}
	}

	private ServicePorts failsafe(String flag, String text) {
		String value = text.strip();
		if (value.isEmpty() || value.equalsIgnoreCase("none")) {
			return null;
		}
		try {
			ServicePorts ports = ServicePorts.parse(Arrays.stream(value.split(",")).map(String::strip).toList());
			if (ports.isAny()) {
				throw fail(flag + ": 'any' would disable the firewall; list the ports to keep open");
			}
			return ports;
		}
		catch (IllegalArgumentException ex) {
			throw fail(flag + " '" + text + "': " + ex.getMessage());
		}
	}

	private ParameterException fail(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String env = System.getenv("HOSTNAME");
			return (env != null && !env.isBlank()) ? env : "enforcer";
		}
	}

	/** The version from the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = EnforcerCommand.class.getPackage().getImplementationVersion();
			return new String[] { "mseg enforcer " + ((version != null) ? version : "(development build)") };
		}

	}

}
