package io.mseg.enforcer.nftables;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;

/**
 * What the ruleset needs besides the rendered policy: the table, the console to keep
 * reachable, and the failsafe ports that keep operators from locking themselves out.
 *
 * @param table the name of the {@code inet} table the enforcer owns
 * @param console the console's addresses and port, always reachable from this host
 * @param failsafeInbound traffic always accepted towards this host, or {@code null} for
 * none
 * @param failsafeOutbound traffic this host may always initiate, or {@code null} for none
 * @param reject how rejected connections are refused
 * @param dnsPort the local port the enforcer answers intercepted DNS queries on, or
 * {@code null} when it does not intercept them (no domain entries, or interception could
 * not start: then domain entries allow nothing)
 * @param flowLog where and how fast new connections are logged for flow reports, or
 * {@code null} when they are not
 * @param nodeMode the workloads of this node and their interfaces, or {@code null} when
 * the enforcer protects its host alone
 */
public record RulesetOptions(String table, List<Endpoint> console, ServicePorts failsafeInbound,
		ServicePorts failsafeOutbound, RejectStyle reject, Integer dnsPort, FlowLogOptions flowLog, NodeMode nodeMode) {

	public RulesetOptions(String table, List<Endpoint> console, ServicePorts failsafeInbound,
			ServicePorts failsafeOutbound, RejectStyle reject) {
		this(table, console, failsafeInbound, failsafeOutbound, reject, null, null, null);
	}

	public RulesetOptions {
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(reject, "reject");
		console = List.copyOf(console);
	}

	/**
	 * The same options with other console addresses (after resolving its name again).
	 * @param endpoints the console's addresses and port
	 * @return the new options
	 */
	public RulesetOptions withConsole(List<Endpoint> endpoints) {
		return new RulesetOptions(this.table, endpoints, this.failsafeInbound, this.failsafeOutbound, this.reject,
				this.dnsPort, this.flowLog, this.nodeMode);
	}

	/**
	 * The same options with or without DNS interception.
	 * @param port the enforcer's DNS port, or {@code null} when it does not intercept
	 * @return the new options
	 */
	public RulesetOptions withDnsPort(Integer port) {
		return new RulesetOptions(this.table, this.console, this.failsafeInbound, this.failsafeOutbound, this.reject,
				port, this.flowLog, this.nodeMode);
	}

	/**
	 * The same options with or without flow logging.
	 * @param options the log group and rate, or {@code null} for none
	 * @return the new options
	 */
	public RulesetOptions withFlowLog(FlowLogOptions options) {
		return new RulesetOptions(this.table, this.console, this.failsafeInbound, this.failsafeOutbound, this.reject,
				this.dnsPort, options, this.nodeMode);
	}

	/**
	 * The same options in node mode with these workloads, or in host mode.
	 * @param mode the workload interfaces, or {@code null} for host mode
	 * @return the new options
	 */
	public RulesetOptions withNodeMode(NodeMode mode) {
		return new RulesetOptions(this.table, this.console, this.failsafeInbound, this.failsafeOutbound, this.reject,
				this.dnsPort, this.flowLog, mode);
	}

	/**
	 * Node mode: what the forward hook needs besides the policy. A workload unit of the
	 * policy is enforced only while its workload is on this node, and only for packets on
	 * its own interface; every other packet from or to a workload interface is rejected.
	 *
	 * @param interfacePatterns the names of workload interfaces ({@code cali*}): traffic
	 * on them that is not a known workload's is rejected
	 * @param workloadInterfaces the host side interface of each workload on the node, by
	 * workload (processing unit) name
	 */
	public record NodeMode(List<String> interfacePatterns, Map<String, String> workloadInterfaces) {

		public NodeMode {
			interfacePatterns = List.copyOf(interfacePatterns);
			workloadInterfaces = Collections.unmodifiableMap(new TreeMap<>(workloadInterfaces));
		}

	}

	/**
	 * How new connections are logged for flow reports: to an NFLOG group, at most
	 * {@code rate} a second over the whole table (one shared token bucket), with bursts
	 * of {@code burst}; the connections beyond it are counted, not logged.
	 *
	 * @param group the NFLOG group (0 to 65535) the enforcer reads
	 * @param rate the most new connections logged per second
	 * @param burst how many may be logged at once above the rate
	 */
	public record FlowLogOptions(int group, int rate, int burst) {

		public FlowLogOptions {
			if (group < 0 || group > 65535 || rate < 1 || burst < 1) {
				throw new IllegalArgumentException("flow log group " + group + ", rate " + rate + ", burst " + burst);
			}
		}

	}

	/**
	 * An address and TCP port.
	 *
	 * @param address the address
	 * @param port the TCP port
	 */
	public record Endpoint(IpAddress address, int port) {

		public Endpoint {
			Objects.requireNonNull(address, "address");
		}

	}

}
