package io.mseg.enforcer.agent;

import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.NftRenderer;
import io.mseg.enforcer.nftables.NftSet;
import io.mseg.enforcer.nftables.Ruleset;
import io.mseg.enforcer.nftables.RulesetBuilder;
import io.mseg.enforcer.nftables.RulesetOptions;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;

/**
 * Desired state, then one atomic apply: renders the current policy with the current
 * options into a script and hands it to {@code nft} only when it differs from the last
 * script applied, so an unchanged policy never touches the kernel.
 */
final class Enforcement {

	private static final Logger log = Logger.getLogger(Enforcement.class.getName());

	private static final int SETS_LOGGED = 12;

	private final NftClient nft;

	private RulesetOptions options;

	private PolicyDocument document;

	private String applied;

	Enforcement(NftClient nft, RulesetOptions options) {
		this.nft = nft;
		this.options = options;
	}

	/**
	 * Checks that a document can be enforced, without applying it.
	 * @param candidate the document
	 * @throws IllegalArgumentException when it cannot
	 */
	void check(PolicyDocument candidate) {
		new RulesetBuilder(this.options, (warning) -> {
		}).build(candidate);
	}

	/**
	 * Enforces a document.
	 * @param next the document
	 * @param source where it comes from, for the log
	 * @return whether the kernel was touched
	 * @throws NftException when nft refused (the kernel keeps the previous rules)
	 */
	boolean enforce(PolicyDocument next, String source) throws NftException {
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
	boolean consoleMoved(List<Endpoint> console) throws NftException {
		RulesetOptions next = this.options.withConsole(console);
		if (next.equals(this.options)) {
			return false;
		}
		boolean touched = (this.applied != null) && apply(this.document, next, "console address change");
		this.options = next;
		return touched;
	}

	PolicyDocument document() {
		return this.document;
	}

	RulesetOptions options() {
		return this.options;
	}

	private boolean apply(PolicyDocument next, RulesetOptions with, String source) throws NftException {
		RulesetBuilder builder = new RulesetBuilder(with, (warning) -> log.warning(warning));
		Ruleset ruleset = builder.build(next);
		String script = NftRenderer.script(ruleset);
		if (script.equals(this.applied)) {
			log.fine(() -> "Policy version " + version(next) + " from " + source + " unchanged: kernel not touched");
			return false;
		}
		long start = System.nanoTime();
		this.nft.apply(script);
		long millis = (System.nanoTime() - start) / 1_000_000;
		this.applied = script;
		log.info(() -> "Applied policy version " + version(next) + " from " + source + ": " + ruleset.policyRuleCount()
				+ " rules, " + ruleset.sets().size() + " sets with " + ruleset.elementCount() + " elements"
				+ sets(ruleset.sets()) + ", in " + millis + " ms");
		return true;
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

}
