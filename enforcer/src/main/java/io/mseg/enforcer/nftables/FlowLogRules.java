package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.nftables.FlowLogPrefix.LoggedClass;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.policy.decision.DecisionReason;

/**
 * The rules that log new connections for flow reports. A rule of a policy with
 * {@code logsEnabled} does not end in its verdict but goes to a log chain of its unit,
 * direction and class ({@code u0_in_log_A}), and the default reject to one of its base
 * chain: there, one rule logs the packet to the NFLOG group (the prefix names unit,
 * direction and class, {@link FlowLogPrefix}) and gives the verdict, while the shared
 * {@code limit} lets it; beyond the limit a second rule counts the connection in
 * {@link #UNRECORDED} and gives the same verdict. An observed rule jumps to its own log
 * chain and comes back ({@code return}): it decides nothing. Only new connections reach
 * these rules (established ones are accepted first), so one packet is logged per
 * connection attempt, and nothing is written to the kernel log: the group's packets go to
 * the enforcer's netlink socket alone.
 */
final class FlowLogRules {

	/** The counter of connections the limit kept from being logged. */
	static final String UNRECORDED = "flowlog_unrecorded";

	private final FlowLogOptions options;

	private final String rejectStatement;

	private final String limit;

	/** The unit and direction of each unit chain, by the chain's name. */
	private final Map<String, FlowLogPrefix> units = new LinkedHashMap<>();

	private final Map<String, NftChain> chains = new LinkedHashMap<>();

	/**
	 * @param options the group and rate, or {@code null} when flow logs are off
	 * @param rejectStatement the statement of a reject verdict
	 */
	FlowLogRules(FlowLogOptions options, String rejectStatement) {
		this.options = options;
		this.rejectStatement = rejectStatement;
		this.limit = (options != null) ? "flowlog_" + options.rate() + "_" + options.burst() : null;
	}

	/** Whether new connections are logged at all. */
	boolean enabled() {
		return this.options != null;
	}

	/**
	 * Whether a rule's matches are logged.
	 * @param rule a rule
	 * @return whether flow logs are on and its policy has {@code logsEnabled}
	 */
	boolean logs(Rule rule) {
		return enabled() && rule.logsEnabled();
	}

	/**
	 * Names the unit and direction a unit chain decides, for the prefixes of its log
	 * chains.
	 * @param unitChain the unit chain ({@code u0_in})
	 * @param unitId the processing unit's ID
	 * @param incoming the direction
	 */
	void unit(String unitChain, String unitId, boolean incoming) {
		this.units.put(unitChain, new FlowLogPrefix(unitId, incoming, LoggedClass.ALLOW, null));
	}

	/**
	 * What a rule of a unit chain does with a packet it matches.
	 * @param rule the rule
	 * @param unitChain the unit chain it belongs to
	 * @return its verdict with a counter, or a counter and a jump to its log chain when
	 * it is logged
	 */
	String statement(Rule rule, String unitChain) {
		if (!logs(rule)) {
			return VerdictClass.statement(rule, this.rejectStatement);
		}
		FlowLogPrefix unit = this.units.get(unitChain);
		LoggedClass loggedClass = loggedClass(rule);
		String policy = rule.observed() ? rule.policyId() : null;
		String name = unitChain + "_log_" + loggedClass.code()
				+ (rule.observed() ? "_" + SetNames.hash("policy", List.of(String.valueOf(policy))) : "");
		this.chains.computeIfAbsent(name,
				(key) -> logChain(key, new FlowLogPrefix(unit.unitId(), unit.incoming(), loggedClass, policy),
						rule.observed() ? "return" : verdict(loggedClass)));
		return rule.observed() ? "counter jump " + name : "counter goto " + name;
	}

	/**
	 * The last rule of a base chain: the default reject, logged when flow logs are on.
	 * @param incoming whether it ends {@code input}
	 * @return the rule
	 */
	NftRule defaultReject(boolean incoming) {
		if (!enabled()) {
			return NftRule.frame("counter " + this.rejectStatement, VerdictClass.label(DecisionReason.DEFAULT_REJECT));
		}
		String name = (incoming ? BaseChains.INPUT : BaseChains.OUTPUT) + "_log_" + LoggedClass.DEFAULT_REJECT.code();
		this.chains.computeIfAbsent(name, (key) -> logChain(key,
				new FlowLogPrefix(null, incoming, LoggedClass.DEFAULT_REJECT, null), this.rejectStatement));
		return NftRule.frame("counter goto " + name, VerdictClass.label(DecisionReason.DEFAULT_REJECT));
	}

	/**
	 * The log chains the statements named.
	 * @return them, in the order first named
	 */
	List<NftChain> chains() {
		return new ArrayList<>(this.chains.values());
	}

	/**
	 * The named limit and counter the log chains use.
	 * @return none when flow logs are off
	 */
	List<NftObject> objects() {
		if (!enabled()) {
			return List.of();
		}
		return List.of(
				new NftObject("limit", this.limit,
						"rate " + this.options.rate() + "/second burst " + this.options.burst() + " packets"),
				new NftObject("counter", UNRECORDED, ""));
	}

	private NftChain logChain(String name, FlowLogPrefix prefix, String verdict) {
		String log = "log prefix \"" + prefix.text() + "\" group " + this.options.group();
		return new NftChain(name, null,
				List.of(NftRule.frame(log + " " + verdict, null, "limit name \"" + this.limit + "\""),
						NftRule.frame("counter name \"" + UNRECORDED + "\" " + verdict, null)));
	}

	private String verdict(LoggedClass loggedClass) {
		return loggedClass.rejects() ? this.rejectStatement : "accept";
	}

	private static LoggedClass loggedClass(Rule rule) {
		if (rule.observed()) {
			return rule.rejects() ? LoggedClass.OBSERVED_REJECT : LoggedClass.OBSERVED_ALLOW;
		}
		if (rule.fallback()) {
			return rule.rejects() ? LoggedClass.FALLBACK_REJECT : LoggedClass.FALLBACK_ALLOW;
		}
		return rule.rejects() ? LoggedClass.REJECT : LoggedClass.ALLOW;
	}

}
