package io.mseg.enforcer.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.Status;
import io.mseg.enforcer.console.WorkloadStatus;
import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.dns.DnsInterception.DnsStatus;

/**
 * Reports the enforcer's status to the console ({@code POST /enforcers/{id}/poke}): its
 * version, when it started, when it last synchronised with the console's policy, and
 * whether it enforces it. A report that fails is not retried: the next one says the same.
 */
final class StatusReport {

	private static final Logger log = Logger.getLogger(StatusReport.class.getName());

	private static final String VERSION = Optional.ofNullable(Agent.class.getPackage().getImplementationVersion())
		.orElse("dev");

	private final ConsoleLink link;

	private final TimeSource time;

	private final Instant startTime;

	private Instant lastSync;

	private final DnsInterception dns;

	/** The last status reported, repeated when only the DNS figures changed. */
	private EnforcementStatus last;

	/** The DNS figures the console last accepted. */
	private DnsStatus sentDns;

	/** Node mode: the workloads' status now; {@code null} in host mode. */
	private final Supplier<WorkloadStatus> workloads;

	/** The workloads' status the console last accepted. */
	private WorkloadStatus sentWorkloads;

	StatusReport(ConsoleLink link, TimeSource time, DnsInterception dns, Supplier<WorkloadStatus> workloads) {
		this.link = link;
		this.time = time;
		this.dns = dns;
		this.workloads = workloads;
		this.startTime = time.now();
	}

	/**
	 * Reports again when what DNS interception learned (or its state), or the node's
	 * workloads, differ from what the console last accepted (called every few seconds,
	 * and at every change of the workloads), so that the console shows it within seconds
	 * rather than at the next policy change, also after a failed report.
	 */
	synchronized void refresh() {
		if (this.last != null
				&& (!this.dns.status().equals(this.sentDns) || !Objects.equals(workloads(), this.sentWorkloads))) {
			report(this.last);
		}
	}

	private WorkloadStatus workloads() {
		return (this.workloads != null) ? this.workloads.get() : null;
	}

	/** The console's policy is the one enforced: it was unchanged, or it was applied. */
	void synced() {
		this.lastSync = this.time.now();
	}

	/**
	 * Reports, once the agent has a console client.
	 * @param status the enforcement status
	 */
	synchronized void report(EnforcementStatus status) {
		// one report at a time: two at once (the session's and the DNS refresh) make the
		// console refuse one as a concurrent change
		this.last = status;
		Optional<ConsoleApi> api = this.link.connected();
		if (api.isEmpty()) {
			return;
		}
		try {
			// domain entries that cannot be enforced make the enforcement failed,
			// whatever else holds
			EnforcementStatus reported = this.dns.failed() ? EnforcementStatus.FAILED : status;
			DnsStatus dnsStatus = this.dns.status();
			WorkloadStatus workloadStatus = workloads();
			api.get()
				.poke(this.link.enforcerId(),
						new Status(VERSION, this.startTime, this.lastSync, reported, dnsStatus, workloadStatus));
			this.sentDns = dnsStatus;
			this.sentWorkloads = workloadStatus;
		}
		catch (ConsoleException ex) {
			log.fine(() -> "Status report failed: " + ex.getMessage());
		}
	}

}
