package io.mseg.enforcer.nftables;

import java.util.List;

import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.policy.decision.DecisionReason;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.port.ServicePorts;

/**
 * The verdict class of a rule, and where its rules stand in a chain. Observations come
 * first: their rules count and decide nothing, so they must meet the packet before a
 * verdict ends the chain. Then come the classes of deciding policies in the policy core's
 * evaluation order ({@link DecisionReason#inEvaluationOrder()}), the order the decision
 * engine follows: the kernel rules take it from there, so a change of order in the core
 * changes them too.
 */
final class VerdictClass {

	/** The rank of observed rules: before every deciding class. */
	static final int OBSERVE = 0;

	private VerdictClass() {
	}

	/**
	 * The policy core's class of a rule, as it would decide if it were not observed.
	 * @param rule a rule
	 * @return one of the four policy classes
	 */
	static DecisionReason reason(Rule rule) {
		return DecisionReason.of(rule.rejects() ? PolicyAction.REJECT : PolicyAction.ALLOW, rule.fallback());
	}

	/**
	 * Where a rule's class stands in a chain: a lower rank first. Within a class, logged
	 * rules come first: order there cannot change the verdict, and a connection that a
	 * policy with {@code logsEnabled} decides (with others of its class) is then logged.
	 * @param rule a rule
	 * @param logged whether its matches are logged
	 * @return {@link #OBSERVE} for an observed rule, else above it by its class's place
	 * in the core's evaluation order, logged rules before the others of their class
	 */
	static int rank(Rule rule, boolean logged) {
		return rule.observed() ? OBSERVE
				: 1 + 2 * DecisionReason.inEvaluationOrder().indexOf(reason(rule)) + (logged ? 0 : 1);
	}

	/**
	 * The class as a rule's comment names it.
	 * @param rule a rule
	 * @return {@code observe allow}, {@code reject}, {@code fallback allow}, ...
	 */
	static String label(Rule rule) {
		if (rule.observed()) {
			return "observe " + ((reason(rule).verdict() == Verdict.REJECT) ? "reject" : "allow");
		}
		return label(reason(rule));
	}

	/**
	 * A class of the policy core as the comments name it.
	 * @param reason the class
	 * @return {@code reject}, {@code allow}, {@code fallback reject},
	 * {@code fallback allow} or {@code default reject}
	 */
	static String label(DecisionReason reason) {
		return switch (reason) {
			case REJECT_POLICY -> "reject";
			case ALLOW_POLICY -> "allow";
			case FALLBACK_REJECT_POLICY -> "fallback reject";
			case FALLBACK_ALLOW_POLICY -> "fallback allow";
			case DEFAULT_REJECT -> "default reject";
		};
	}

	/**
	 * What a rule of this class does with a packet it matches.
	 * @param rule a rule
	 * @param rejectStatement the statement of a reject verdict (the options')
	 * @return {@code counter} alone for an observed rule, else a counter and the verdict
	 * of the rule's class
	 */
	static String statement(Rule rule, String rejectStatement) {
		if (rule.observed()) {
			return "counter";
		}
		return "counter " + ((reason(rule).verdict() == Verdict.REJECT) ? rejectStatement : "accept");
	}

	/**
	 * The group of a rule within one unit and direction: the rules of one class with the
	 * same ports and logging, which become one rule (order within a class cannot change
	 * the verdict); an observed policy is a group of its own, its counter being its
	 * point. The key's text also names the chain of a sharded group, so it must not
	 * change.
	 * @param rule a rule
	 * @param ports its ports (for an external network: what the rule covers of it)
	 * @param logged whether its matches are logged
	 * @return the key: rank, ports, and the policy ID of an observed rule
	 */
	static List<Object> groupKey(Rule rule, ServicePorts ports, boolean logged) {
		return List.of(rank(rule, logged), ports.toStrings().stream().sorted().distinct().toList(),
				rule.observed() ? String.valueOf(rule.policyId()) : "");
	}

}
