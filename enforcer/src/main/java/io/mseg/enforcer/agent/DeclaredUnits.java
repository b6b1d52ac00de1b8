package io.mseg.enforcer.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.ReportedUnit;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.RulesetOptions.NodeMode;
import io.mseg.enforcer.workload.Workload;
import io.mseg.enforcer.workload.WorkloadSource;
import io.mseg.enforcer.workload.Workloads;

/**
 * The processing units this enforcer declares ({@code PUT
 * /enforcers/{id}/processingunits}, which replaces what it declared before): its host
 * and, in node mode, every workload of its source. A session declares them when it
 * starts; a change of the workloads is declared at once while a session is established
 * (from the source's thread), and reaches the kernel first: a workload that left the node
 * stops matching before the console has heard of it
 * ({@link Enforcement#workloadsChanged}). A declaration that failed is made again at the
 * session's next event, or by the next session.
 */
final class DeclaredUnits {

	private static final Logger log = Logger.getLogger(DeclaredUnits.class.getName());

	private final Settings settings;

	private final WorkloadSource source;

	private final ConsoleLink link;

	private final Enforcement enforcement;

	private final StatusReport status;

	/** The clashes already logged, so that each is logged once. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private boolean established;

	private boolean pending;

	/**
	 * The units.
	 * @param settings the host's name, addresses and tags, and the workload interfaces
	 * @param source the workloads, or {@code null} when the enforcer protects its host
	 * alone
	 * @param link the console
	 * @param enforcement where the workloads' interfaces go
	 * @param status reports the workloads' count and problems
	 */
	DeclaredUnits(Settings settings, WorkloadSource source, ConsoleLink link, Enforcement enforcement,
			StatusReport status) {
		this.settings = settings;
		this.source = source;
		this.link = link;
		this.enforcement = enforcement;
		this.status = status;
	}

	/**
	 * The workloads' interfaces as the ruleset needs them.
	 * @param interfaces the names or prefixes of workload interfaces
	 * @param workloads the workloads
	 * @return the node mode options
	 */
	static NodeMode nodeMode(List<String> interfaces, Workloads workloads) {
		Map<String, String> byName = new TreeMap<>();
		workloads.workloads().forEach((workload) -> byName.put(workload.name(), workload.hostInterface()));
		return new NodeMode(interfaces, byName);
	}

	/**
	 * Declares the units now (a session starting, or a declaration that failed).
	 * @throws ConsoleException when the console refused or failed
	 */
	synchronized void declare() throws ConsoleException {
		this.pending = true;
		this.link.api().registerUnits(this.link.enforcerId(), units());
		this.pending = false;
	}

	/**
	 * Whether a session is established, so that a change is declared at once.
	 * @param established whether it is
	 */
	synchronized void established(boolean established) {
		this.established = established;
	}

	/**
	 * Whether the last declaration failed.
	 * @return whether the units must be declared again
	 */
	synchronized boolean pending() {
		return this.pending;
	}

	/**
	 * The source's workloads changed: into the kernel, then to the console (the units,
	 * then the status with the source's problems).
	 */
	void workloadsChanged() {
		Workloads workloads = this.source.current();
		try {
			this.enforcement.workloadsChanged(nodeMode(this.settings.workloads().interfaces(), workloads));
		}
		catch (NftException ex) {
			log.severe("nft refused the ruleset with the node's new workloads: " + ex.getMessage());
		}
		synchronized (this) {
			if (!this.established) {
				this.pending = true;
				return;
			}
			try {
				declare();
			}
			catch (ConsoleException ex) {
				log.warning("Could not declare the node's " + workloads.workloads().size() + " workloads: "
						+ ex.getMessage() + "; declaring them again at the session's next event");
			}
		}
		this.status.refresh();
	}

	/**
	 * The units to declare.
	 * @return the host, then the workloads
	 */
	List<ReportedUnit> units() {
		List<ReportedUnit> units = new ArrayList<>();
		List<String> addresses = this.settings.addresses().isEmpty() ? HostAddresses.detect()
				: this.settings.addresses();
		units.add(new ReportedUnit(this.settings.name(), "Host", "Host protected by enforcer " + this.settings.name(),
				addresses, this.settings.tags()));
		if (this.source != null) {
			for (Workload workload : this.source.current().workloads()) {
				String clash = clash(workload, addresses);
				if (clash != null) {
					// the console would refuse the whole declaration, every time
					if (this.warned.add(workload.name() + clash)) {
						log.warning("Workload " + workload.name() + " is not declared: " + clash
								+ "; its traffic is rejected as an unknown workload's");
					}
					continue;
				}
				units.add(new ReportedUnit(workload.name(), workload.type(),
						workload.type() + " on " + this.settings.name() + " (" + this.source.name() + ")",
						workload.addresses(), workload.tags()));
			}
		}
		return units;
	}

	/** What a workload shares with the host, or {@code null}. */
	private String clash(Workload workload, List<String> hostAddresses) {
		if (workload.name().equals(this.settings.name())) {
			return "it has the host's name";
		}
		return workload.addresses()
			.stream()
			.filter(hostAddresses::contains)
			.findFirst()
			.map((address) -> "its address " + address + " is the host's")
			.orElse(null);
	}

}
