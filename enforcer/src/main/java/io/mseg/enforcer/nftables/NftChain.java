package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

/**
 * A chain of the table: a base chain ({@code input}, {@code output}) attached to a hook,
 * or a regular chain entered by a jump.
 *
 * @param name its name
 * @param hook the netfilter hook a base chain is attached to, {@code null} for a regular
 * chain
 * @param rules its rules, in order
 * @param attachment how a base chain is attached (type, priority, policy)
 */
public record NftChain(String name, String hook, List<NftRule> rules, Attachment attachment) {

	public NftChain {
		rules = List.copyOf(rules);
		Objects.requireNonNull(attachment, "attachment");
	}

	public NftChain(String name, String hook, List<NftRule> rules) {
		this(name, hook, rules, Attachment.FILTER);
	}

	/**
	 * Whether it is attached to a hook.
	 * @return {@code true} for a base chain
	 */
	public boolean base() {
		return this.hook != null;
	}

	/** How a base chain is attached to its hook. */
	public enum Attachment {

		/** The policy's filter chains: what no rule accepts is dropped. */
		FILTER("type filter hook %s priority filter; policy drop;"),

		/** The DNS redirect: before the filter chains see the packet (dstnat, -100). */
		NAT("type nat hook %s priority -100; policy accept;"),

		/**
		 * Node mode, the workloads' outgoing rules: before the filter chains, and what
		 * they do not reject goes on to them (or to {@link #WORKLOAD_DESTINATIONS}).
		 */
		WORKLOAD_SOURCES("type filter hook %s priority -2; policy accept;"),

		/** Node mode, the workloads' incoming rules: the same, after the sources. */
		WORKLOAD_DESTINATIONS("type filter hook %s priority -1; policy accept;");

		private final String declaration;

		Attachment(String declaration) {
			this.declaration = declaration;
		}

		/**
		 * How {@code nft} declares a base chain on a hook.
		 * @param hook the hook
		 * @return the declaration, without braces
		 */
		public String declaration(String hook) {
			return this.declaration.formatted(hook);
		}

	}

}
