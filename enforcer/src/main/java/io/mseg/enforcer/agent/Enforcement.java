package io.mseg.enforcer.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.nftables.KernelTable;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.NftRenderer;
import io.mseg.enforcer.nftables.NftRenderer.Plan;
import io.mseg.enforcer.nftables.NftSet;
import io.mseg.enforcer.nftables.Ruleset;
import io.mseg.enforcer.nftables.RulesetBuilder;
import io.mseg.enforcer.nftables.RulesetOptions;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.nftables.Shards;
import io.mseg.policy.network.IpAddress;

/**
 * Desired state, then one atomic apply: builds the ruleset of the current policy with the
 * current options and hands {@code nft} one transaction only when it differs from the
 * last ruleset applied, so an unchanged policy never touches the kernel. The first apply,
 * an apply after any {@code nft} failure and an apply with other options replace the
 * whole table; the others are incremental ({@link NftRenderer#update}: new sets, the
 * changed chains rewritten, unused sets deleted). An incremental apply that {@code nft}
 * refuses (the table was deleted or changed behind the enforcer's back) is retried at
 * once as a full replace. Large sets keep their shard boundaries from one apply to the
 * next. Synchronized: the session applies policies, the workload source (node mode) its
 * workloads.
 */
final class Enforcement {

	private static final Logger log = Logger.getLogger(Enforcement.class.getName());

	private static final int SETS_LOGGED = 12;

	private final NftClient nft;

	/** Only for the build and apply times in the log. */
	private final TimeSource time;

	private RulesetOptions options;

	private PolicyDocument document;

	private Ruleset applied;

	private RulesetOptions appliedWith;

	/**
	 * Whether the table is known to hold {@link #applied}: false after any nft failure.
	 */
	private boolean inKernel;

	private Shards shards = Shards.NONE;

	private Checked checked;

	/** Kept between builds: it keeps what it parsed and built for the next one. */
	private RulesetBuilder builder;

	private final List<String> warnings = new ArrayList<>();

	/**
	 * The warnings of the last apply: the same ones are not logged again at every apply.
	 */
	private Set<String> warned = Set.of();

	/** Domain entries: the DNS port the rules redirect to, and the learned addresses. */
	private final DnsInterception dns;

	Enforcement(NftClient nft, RulesetOptions options, TimeSource time, DnsInterception dns) {
		this.nft = nft;
		this.time = time;
		this.options = options;
		this.dns = dns;
	}

	/**
	 * Checks that a document can be enforced, without applying it.
	 * @param candidate the document
	 * @throws IllegalArgumentException when it cannot
	 */
	synchronized void check(PolicyDocument candidate) {
		RulesetOptions with = withDns(candidate, this.options);
		Ruleset ruleset = build(candidate, with);
		// kept for the apply that usually follows: a large document takes a second to
		// build
		this.checked = new Checked(candidate, with, this.shards, ruleset, List.copyOf(this.warnings));
	}

	/**
	 * Enforces a document.
	 * @param next the document
	 * @param source where it comes from, for the log
	 * @return whether the kernel was touched
	 * @throws NftException when nft refused (the kernel keeps the previous rules)
	 */
	synchronized boolean enforce(PolicyDocument next, String source) throws NftException {
		boolean touched = apply(next, this.options, source);
		this.document = next;
		return touched;
	}

	/**
	 * Changes the console's addresses and re-applies the current document if that changes
	 * the rules.
	 * @param console the console's addresses and port
	 * @return whether the kernel was touched
	 * @throws NftException when nft refused
	 */
	synchronized boolean consoleMoved(List<Endpoint> console) throws NftException {
		RulesetOptions next = this.options.withConsole(console);
		if (next.equals(this.options)) {
			return false;
		}
		boolean touched = (this.applied != null) && apply(this.document, next, "console address change");
		this.options = next;
		return touched;
	}

	/**
	 * Changes the node's workloads (node mode) and re-applies the current document if
	 * that changes the rules: a workload that left the node stops matching at once.
	 * @param mode the workloads' interfaces
	 * @return whether the kernel was touched
	 * @throws NftException when nft refused
	 */
	synchronized boolean workloadsChanged(RulesetOptions.NodeMode mode) throws NftException {
		RulesetOptions next = this.options.withNodeMode(mode);
		if (next.equals(this.options)) {
			return false;
		}
		boolean touched = (this.applied != null) && apply(this.document, next, "workload change");
		this.options = next;
		return touched;
	}

	synchronized PolicyDocument document() {
		return this.document;
	}

	synchronized RulesetOptions options() {
		return this.options;
	}

	private boolean apply(PolicyDocument next, RulesetOptions options, String source) throws NftException {
		RulesetOptions with = withDns(next, options);
		synchronized (this.dns.learning().kernelLock()) {
			try {
				return applyLocked(next, with, source);
			}
			catch (NftException ex) {
				if (with.dnsPort() == null) {
					throw ex;
				}
				// a kernel without NAT refuses the redirect: everything else must still
				// hold
				boolean touched = applyLocked(next, with.withDnsPort(null), source);
				this.dns.redirectRefused(ex.getMessage());
				return touched;
			}
		}
	}

	/**
	 * The options with the DNS port the rules redirect to: when the document has domain
	 * entries and interception runs (it starts here the first time).
	 */
	private RulesetOptions withDns(PolicyDocument document, RulesetOptions options) {
		return options.withDnsPort(this.dns.port(hasDomainEntries(document)));
	}

	private static boolean hasDomainEntries(PolicyDocument document) {
		return document != null && document.processingUnits()
			.stream()
			.flatMap((unit) -> unit.outgoing().stream())
			.flatMap((rule) -> rule.externalNetworks().stream())
			.anyMatch((network) -> !network.domains().isEmpty());
	}

	private boolean applyLocked(PolicyDocument next, RulesetOptions with, String source) throws NftException {
		long start = this.time.nanoTime();
		Checked checked = this.checked;
		this.checked = null;
		Ruleset ruleset;
		if (checked != null && checked.document == next && checked.options.equals(with)
				&& checked.shards.equals(this.shards)) {
			ruleset = checked.ruleset;
			warn(checked.warnings);
		}
		else {
			ruleset = build(next, with);
			warn(this.warnings);
		}
		// the node's workloads change chains and sets as a policy does: incremental
		boolean known = this.inKernel && this.appliedWith != null
				&& with.withNodeMode(null).equals(this.appliedWith.withNodeMode(null));
		if (known && ruleset.equals(this.applied)) {
			log.fine(() -> "Policy version " + version(next) + " from " + source + " unchanged: kernel not touched");
			return false;
		}
		NftRenderer.Seeds seeds = this.dns.learning().seeds(ruleset);
		Plan plan = known ? NftRenderer.update(this.applied, ruleset, seeds) : null;
		String how = "incrementally";
		long rendered;
		try {
			if (plan == null && ruleset.elementCount() <= NftRenderer.STAGE_ELEMENTS) {
				how = "replacing the table";
				String script = NftRenderer.script(ruleset, seeds);
				rendered = this.time.nanoTime();
				this.nft.apply(script);
			}
			else {
				if (plan == null) {
					how = "replacing the table's content";
					plan = NftRenderer.replace(KernelTable.read(this.nft, with.table()), ruleset, seeds);
				}
				rendered = this.time.nanoTime();
				try {
					for (String stage : plan.stages()) {
						this.nft.apply(stage);
					}
					this.nft.apply(plan.commit());
				}
				catch (NftException ex) {
					log.warning(() -> "nft refused the change (" + ex.getMessage()
							+ "); replacing the whole table in one transaction instead");
					how = "replacing the table after a refused change";
					this.nft.apply(NftRenderer.script(ruleset, seeds));
				}
			}
		}
		catch (NftException ex) {
			this.inKernel = false;
			throw ex;
		}
		long done = this.time.nanoTime();
		this.dns.learning().applied(ruleset, unitAddresses(next));
		this.applied = ruleset;
		this.appliedWith = with;
		this.inKernel = true;
		this.shards = ruleset.shards();
		String mode = how;
		int stages = (plan != null) ? plan.stages().size() : 0;
		log.info(() -> "Applied policy version " + version(next) + " from " + source + " " + mode + ": "
				+ ruleset.policyRuleCount() + " rules, " + ruleset.sets().size() + " sets with "
				+ ruleset.elementCount() + " elements" + sets(ruleset.sets()) + ", built in "
				+ (rendered - start) / 1_000_000 + " ms, applied in " + (done - rendered) / 1_000_000 + " ms"
				+ ((stages > 0) ? " (" + stages + " staging transactions)" : ""));
		return true;
	}

	private Ruleset build(PolicyDocument document, RulesetOptions with) {
		this.builder = (this.builder != null) ? this.builder.with(with) : new RulesetBuilder(with, this.warnings::add);
		this.warnings.clear();
		return this.builder.build(document, this.shards);
	}

	private void warn(List<String> current) {
		current.stream().filter((warning) -> !this.warned.contains(warning)).forEach(log::warning);
		this.warned = Set.copyOf(current);
	}

	/**
	 * Every processing unit's address of a document: never learned as an external one.
	 */
	private static Set<IpAddress> unitAddresses(PolicyDocument document) {
		Set<IpAddress> addresses = new HashSet<>();
		if (document != null) {
			document.knownProcessingUnitAddresses().forEach((text) -> addresses.add(IpAddress.parse(text)));
			document.processingUnits()
				.forEach((unit) -> unit.processingUnit()
					.addresses()
					.forEach((text) -> addresses.add(IpAddress.parse(text))));
		}
		return addresses;
	}

	private static String version(PolicyDocument document) {
		return (document != null) ? String.valueOf(document.version()) : "none";
	}

	private static String sets(List<NftSet> sets) {
		if (sets.isEmpty()) {
			return "";
		}
		String listed = sets.stream()
			.limit(SETS_LOGGED)
			.map((set) -> set.name() + "=" + set.elements().size())
			.collect(Collectors.joining(" "));
		return " (" + listed + ((sets.size() > SETS_LOGGED) ? " …" : "") + ")";
	}

	/** A document checked with these options and shards, and the ruleset it gave. */
	private record Checked(PolicyDocument document, RulesetOptions options, Shards shards, Ruleset ruleset,
			List<String> warnings) {

	}

}
