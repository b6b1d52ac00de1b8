package io.mseg.enforcer.nftables;

import java.util.Objects;

/**
 * What a logged packet's NFLOG prefix says about the rule that logged it: the processing
 * unit and direction of the chain, the verdict class, and for an observed rule its
 * policy. The enforcer's flow log reads it back ({@link #parse}); a deciding rule's
 * policy is not in it, since one kernel rule stands for every policy of a class with the
 * same ports: the flow log finds it in the rules it applied.
 * <p>
 * Text: {@code <unit ID> <I|O> <class>[ <policy ID>]}, the unit {@code -} for the default
 * reject of a base chain; classes {@code A} allow, {@code R} reject, {@code FA} fallback
 * allow, {@code FR} fallback reject, {@code OA}/{@code OR} an observed allow or reject
 * (with its policy), {@code D} the default reject.
 *
 * @param unitId the processing unit of the chain, {@code null} for a base chain
 * @param incoming whether the chain decides incoming connections
 * @param verdictClass the class
 * @param policyId the observed rule's policy, else {@code null}
 */
public record FlowLogPrefix(String unitId, boolean incoming, LoggedClass verdictClass, String policyId) {

	/** The longest prefix the kernel keeps ({@code NF_LOG_PREFIXLEN} less the NUL). */
	public static final int MAX_LENGTH = 127;

	public FlowLogPrefix {
		Objects.requireNonNull(verdictClass, "verdictClass");
	}

	/** A verdict class as a prefix names it. */
	public enum LoggedClass {

		ALLOW("A"), REJECT("R"), FALLBACK_ALLOW("FA"), FALLBACK_REJECT("FR"), OBSERVED_ALLOW("OA"),
		OBSERVED_REJECT("OR"), DEFAULT_REJECT("D");

		private final String code;

		LoggedClass(String code) {
			this.code = code;
		}

		/** Its code in a prefix and in the name of its log chain. */
		public String code() {
			return this.code;
		}

		public boolean observed() {
			return this == OBSERVED_ALLOW || this == OBSERVED_REJECT;
		}

		public boolean rejects() {
			return this == REJECT || this == FALLBACK_REJECT || this == OBSERVED_REJECT || this == DEFAULT_REJECT;
		}

		public boolean fallback() {
			return this == FALLBACK_ALLOW || this == FALLBACK_REJECT;
		}

		static LoggedClass ofCode(String code) {
			for (LoggedClass value : values()) {
				if (value.code.equals(code)) {
					return value;
				}
			}
			return null;
		}

	}

	/**
	 * The prefix's text, safe inside nft's quotes.
	 * @return the text
	 */
	public String text() {
		String text = ((this.unitId != null) ? this.unitId : "-") + " " + (this.incoming ? "I" : "O") + " "
				+ this.verdictClass.code() + ((this.policyId != null) ? " " + this.policyId : "");
		String safe = RuleComments.sanitize(text);
		return (safe.length() > MAX_LENGTH) ? safe.substring(0, MAX_LENGTH) : safe;
	}

	/**
	 * Reads a prefix the enforcer wrote.
	 * @param text the NFLOG prefix
	 * @return what it says, or {@code null} when it is not one of the enforcer's
	 */
	public static FlowLogPrefix parse(String text) {
		String[] parts = text.split(" ");
		if (parts.length < 3 || parts.length > 4 || !("I".equals(parts[1]) || "O".equals(parts[1]))) {
			return null;
		}
		LoggedClass verdictClass = LoggedClass.ofCode(parts[2]);
		if (verdictClass == null || verdictClass.observed() != (parts.length == 4)) {
			return null;
		}
		return new FlowLogPrefix("-".equals(parts[0]) ? null : parts[0], "I".equals(parts[1]), verdictClass,
				(parts.length == 4) ? parts[3] : null);
	}

}
