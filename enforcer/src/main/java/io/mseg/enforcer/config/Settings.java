package io.mseg.enforcer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.policy.port.ServicePorts;

/**
 * Everything the enforcer was told at start-up, checked.
 *
 * @param console the console's base URL ({@code https://host:port})
 * @param token the enrollment token, or {@code null} once enrolled
 * @param name the name of this enforcer and of its host processing unit
 * @param tags tags of the host processing unit
 * @param addresses the host's addresses, empty to detect them
 * @param stateDirectory where keys, certificates and the last policy are kept
 * @param nftTable the name of the {@code inet} table the enforcer owns
 * @param nftCommand the command that runs {@code nft}, possibly a wrapper
 * @param failsafeInbound traffic always accepted towards the host
 * @param failsafeOutbound traffic the host may always initiate
 * @param reject how rejected connections are refused
 * @param heartbeatTimeout silence after which the event stream counts as dead
 * @param pollInterval how often the policy is fetched without an event
 * @param reconnectMin first reconnection delay
 * @param reconnectMax longest reconnection delay
 * @param requestTimeout timeout of each request to the console
 * @param dns how domain entries are learned from DNS answers
 * @param flows how new connections are logged and reported, or {@code null} when they are
 * not
 * @param workloads where the workloads of this node come from (node mode), or
 * {@code null} when the enforcer protects its host alone
 */
public record Settings(URI console, String token, String name, List<String> tags, List<String> addresses,
		Path stateDirectory, String nftTable, List<String> nftCommand, ServicePorts failsafeInbound,
		ServicePorts failsafeOutbound, RejectStyle reject, Duration heartbeatTimeout, Duration pollInterval,
		Duration reconnectMin, Duration reconnectMax, Duration requestTimeout, Dns dns, Flows flows,
		Workloads workloads) {

	public Settings {
		Objects.requireNonNull(console, "console");
		Objects.requireNonNull(name, "name");
		tags = List.copyOf(tags);
		addresses = List.copyOf(addresses);
		nftCommand = List.copyOf(nftCommand);
		Objects.requireNonNull(dns, "dns");
	}

	/**
	 * Flow reports.
	 *
	 * @param group the NFLOG group the rules log to and the enforcer reads
	 * @param rate the most new connections logged per second (all rules together)
	 * @param burst how many may be logged at once above the rate
	 * @param interval the length of an aggregation interval
	 * @param bufferRecords the most records kept while the console is away (on disk), and
	 * the most distinct flows of the open intervals (in memory)
	 */
	public record Flows(int group, int rate, int burst, Duration interval, int bufferRecords) {

		/** The defaults of the command line. */
		public static final Flows DEFAULTS = new Flows(27, 10_000, 2_000, Duration.ofSeconds(10), 200_000);

	}

	/**
	 * DNS interception for domain entries.
	 *
	 * @param port the port on 127.0.0.1 and ::1 that intercepted queries are redirected
	 * to
	 * @param ttlFloor the shortest lifetime of a learned address, whatever the record's
	 * TTL
	 * @param grace added to every learned address's lifetime
	 */
	public record Dns(int port, Duration ttlFloor, Duration grace) {

		/** The defaults of the command line. */
		public static final Dns DEFAULTS = new Dns(15353, Duration.ofSeconds(60), Duration.ofSeconds(10));

	}

	/**
	 * Node mode: the workloads of this node, each protected as its own processing unit.
	 *
	 * @param directory the directory of workload files, or {@code null} for Kubernetes
	 * @param kubernetes whether the workloads are the pods of this node (named as the
	 * enforcer) on the Kubernetes API server
	 * @param interfaces the names or prefixes ({@code cali*}) of the workload interfaces
	 */
	public record Workloads(Path directory, boolean kubernetes, List<String> interfaces) {

		public Workloads {
			interfaces = List.copyOf(interfaces);
			if ((directory == null) != kubernetes) {
				throw new IllegalArgumentException("workloads from a directory or from Kubernetes");
			}
		}

	}

}
