package io.mseg.enforcer.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.Backoff;
import io.mseg.enforcer.console.ConsoleConnector;
import io.mseg.enforcer.console.WorkloadStatus;
import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.enroll.CaPinner;
import io.mseg.enforcer.enroll.Enrollment;
import io.mseg.enforcer.flow.FlowLog;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.RulesetOptions;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.enforcer.store.PolicyStore;
import io.mseg.enforcer.store.StateFiles;
import io.mseg.enforcer.workload.DirectoryWorkloads;
import io.mseg.enforcer.workload.KubernetesWorkloads;
import io.mseg.enforcer.workload.WorkloadSource;
import io.mseg.enforcer.workload.Workloads;

/**
 * The enforcer: {@link Startup} (nft checked, the stored policy enforced, enrolled), then
 * a {@link SessionLoop} of {@link Session}s with the console until stopped. A session
 * follows the console's event stream; {@link PolicyFetcher} fetches, stores and enforces
 * (through {@link Enforcement}) each new policy; {@link CertificateRenewal} renews the
 * certificate after 2/3 of its lifetime; {@link StatusReport} tells the console how
 * enforcement goes; {@link Reconnection} says how long to wait after a session ended. All
 * of them take time from one {@link TimeSource}. The kernel keeps the last rules all
 * along.
 */
public final class Agent {

	/** Exit code: stopped normally. */
	public static final int OK = 0;

	/** Exit code: nft missing or not working, or the state directory unusable. */
	public static final int NO_NFT = 3;

	/** Exit code: first enrollment impossible. */
	public static final int NO_ENROLLMENT = 4;

	/** Exit code: node mode, and the workload source cannot start. */
	public static final int NO_WORKLOADS = 5;

	private static final Logger log = Logger.getLogger(Agent.class.getName());

	private final Startup startup;

	private final CertificateRenewal renewal;

	private final SessionLoop sessions;

	private final DnsInterception dns;

	private final FlowLog flowLog;

	private final WorkloadSource workloads;

	private final DeclaredUnits units;

	Agent(Settings settings, NftClient nft, ConsoleConnector connector, CaPinner pinner, ConsoleResolver resolver,
			StateFiles files, TimeSource time) {
		this(settings, nft, connector, pinner, resolver, files, time, null);
	}

	Agent(Settings settings, NftClient nft, ConsoleConnector connector, CaPinner pinner, ConsoleResolver resolver,
			StateFiles files, TimeSource time, WorkloadSource workloads) {
		this.workloads = workloads;
		this.dns = new DnsInterception(settings.dns().port(), settings.dns().ttlFloor(), settings.dns().grace(),
				settings.nftTable(), files, time::now);
		Settings.Flows flows = settings.flows();
		RulesetOptions options = new RulesetOptions(settings.nftTable(), List.of(), settings.failsafeInbound(),
				settings.failsafeOutbound(), settings.reject())
			.withFlowLog((flows != null) ? new FlowLogOptions(flows.group(), flows.rate(), flows.burst()) : null)
			.withNodeMode((workloads != null)
					? DeclaredUnits.nodeMode(settings.workloads().interfaces(), Workloads.NONE) : null);
		Enforcement enforcement = new Enforcement(nft, options, time, this.dns);
		ConsoleAddresses console = new ConsoleAddresses(resolver, enforcement);
		Enrollment enrollment = new Enrollment(files, connector, pinner);
		ConsoleLink link = new ConsoleLink(connector);
		this.flowLog = (flows != null) ? new FlowLog(flows, files.directory().resolve("flows"), enforcement::document,
				this.dns::namesOf, (body) -> link.postFlowReports(body), nft, settings.nftTable(), time::now) : null;
		StatusReport status = new StatusReport(link, time, this.dns,
				(workloads != null) ? () -> WorkloadStatus.of(workloads.name(), workloads.current()) : null);
		this.dns.onTick(status::refresh);
		PolicyFetcher fetcher = new PolicyFetcher(link, new PolicyStore(files), enforcement, status, time);
		Reconnection reconnection = new Reconnection(new Backoff(settings.reconnectMin(), settings.reconnectMax(),
				() -> ThreadLocalRandom.current().nextDouble()));
		this.startup = new Startup(settings, nft, console, fetcher, enrollment, link, time);
		this.renewal = new CertificateRenewal(enrollment, link, time);
		this.units = new DeclaredUnits(settings, workloads, link, enforcement, status);
		Session session = new Session(settings, link, console, this.renewal, fetcher, status, reconnection, this.units,
				time);
		this.sessions = new SessionLoop(session, reconnection, fetcher, status, time);
	}

	/**
	 * The real enforcer: {@code nft} in-process or as a process, HTTPS to the console,
	 * the system's clocks.
	 * @param settings the settings
	 * @return the agent
	 * @throws IOException when the state directory cannot be created
	 */
	public static Agent create(Settings settings) throws IOException {
		return new Agent(settings, NftClient.forCommand(settings.nftCommand(), Duration.ofSeconds(30)),
				ConsoleConnector.https(settings.console(), settings.requestTimeout()),
				CaPinner.tls(settings.console(), settings.requestTimeout()), ConsoleResolver.dns(settings.console()),
				new StateFiles(settings.stateDirectory()), TimeSource.system(), workloadSource(settings));
	}

	private static WorkloadSource workloadSource(Settings settings) {
		Settings.Workloads workloads = settings.workloads();
		if (workloads == null) {
			return null;
		}
		return workloads.kubernetes() ? KubernetesWorkloads.inCluster(settings.name())
				: new DirectoryWorkloads(workloads.directory());
	}

	/**
	 * Starts and runs until {@link #stop()}.
	 * @return the exit code
	 */
	public int run() {
		int code = start();
		if (code != OK) {
			return code;
		}
		loop();
		return OK;
	}

	/**
	 * Start-up: checks nft, enforces the stored policy, enrolls if needed; in node mode,
	 * then follows the workloads.
	 * @return {@link #OK}, or the exit code of what went wrong
	 */
	int start() {
		// the stored policy first, before the workloads are known (their traffic is
		// rejected meanwhile): a Kubernetes API that does not answer must not leave the
		// node unprotected while its pods are listed
		int code = this.startup.start();
		if (code != OK) {
			return code;
		}
		if (this.workloads != null) {
			try {
				this.workloads.start(this.units::workloadsChanged);
				this.units.workloadsChanged();
			}
			catch (IOException ex) {
				log.severe("The workloads of " + this.workloads.name() + " cannot be followed: " + ex.getMessage());
				return NO_WORKLOADS;
			}
		}
		this.renewal.start();
		if (this.flowLog != null) {
			this.flowLog.start();
		}
		return OK;
	}

	/** Sessions with the console until {@link #stop()}. */
	void loop() {
		this.sessions.run();
	}

	/** Stops the loop (the kernel keeps enforcing the last policy). */
	public void stop() {
		this.sessions.stop();
		if (this.workloads != null) {
			this.workloads.close();
		}
		this.dns.close();
		if (this.flowLog != null) {
			this.flowLog.close();
		}
	}

}
