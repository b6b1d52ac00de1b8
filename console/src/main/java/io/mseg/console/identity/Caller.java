package io.mseg.console.identity;

import io.mseg.policy.model.NamespacePath;

/**
 * Who is calling, as established by their credential, and the namespace subtree they are
 * confined to.
 */
public sealed interface Caller {

	/** The namespace subtree the caller may see. */
	NamespacePath namespace();

	/** How the caller appears in the audit trail (never a secret). */
	String displayName();

	/** A person or script with an API token. */
	record ApiToken(String tokenId, String name, NamespacePath namespace, Role role) implements Caller {

		@Override
		public String displayName() {
			return "apitoken:" + this.name + " (" + this.tokenId + ")";
		}

	}

	/** A new enforcer presenting an enrollment token (it may only enroll). */
	record Enrollment(String tokenId, NamespacePath namespace) implements Caller {

		@Override
		public String displayName() {
			return "enrollmenttoken:" + this.tokenId;
		}

	}

	/** An enrolled enforcer presenting its client certificate. */
	record Enforcer(String enforcerId, NamespacePath namespace) implements Caller {

		@Override
		public String displayName() {
			return "enforcer:" + this.enforcerId;
		}

	}

}
