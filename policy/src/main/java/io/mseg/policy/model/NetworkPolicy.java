package io.mseg.policy.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mseg.policy.Violation;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.TagExpression;

/**
 * A network access policy: "subject action object", as far as decisions are concerned.
 *
 * @param id the server-set identifier ({@code null} before creation)
 * @param name the policy's name
 * @param namespace the owning namespace
 * @param action allow or reject
 * @param mode which side(s) enforce it
 * @param subject selects the initiators of connections
 * @param object selects the recipients of connections
 * @param ports the destination traffic it is about; {@code null} is read as
 * {@link ServicePorts#ANY}
 * @param fallback whether it only counts when no non-fallback policy matches
 * @param disabled whether it is switched off
 * @param expirationTime when it stops counting, {@code null} for never
 * @param observationEnabled whether it only reports what it would do
 * @param propagate whether it also applies to processing units in descendant namespaces
 * @param logsEnabled whether matches are logged
 */
public record NetworkPolicy(String id, String name, NamespacePath namespace, PolicyAction action, ApplyMode mode,
		TagExpression subject, TagExpression object, ServicePorts ports, boolean fallback, boolean disabled,
		Instant expirationTime, boolean observationEnabled, boolean propagate, boolean logsEnabled) {

	public NetworkPolicy {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(object, "object");
		ports = (ports != null) ? ports : ServicePorts.ANY;
	}

	/**
	 * Whether the policy exists for enforcement at {@code now}.
	 * @param now the evaluation time
	 * @return whether it is enabled and not expired (it expires at {@code expirationTime}
	 * exactly)
	 */
	public boolean isActive(Instant now) {
		return !this.disabled && (this.expirationTime == null || now.isBefore(this.expirationTime));
	}

	/**
	 * Checks that a side that must be processing units does not pin
	 * {@code $identity=externalnetwork} in any clause.
	 * @param mode the policy's mode
	 * @param subject the policy's subject
	 * @param object the policy's object
	 * @return the violations, on fields {@code subject} and {@code object}; empty when
	 * valid
	 */
	public static List<Violation> validateSides(ApplyMode mode, TagExpression subject, TagExpression object) {
		List<Violation> violations = new ArrayList<>();
		if (mode.subjectMustBePu() && subject.anyClauseContains(SystemTags.IDENTITY_EXTERNAL_NETWORK)) {
			violations.add(new Violation("subject", mustBePu("subject", mode)));
		}
		if (mode.objectMustBePu() && object.anyClauseContains(SystemTags.IDENTITY_EXTERNAL_NETWORK)) {
			violations.add(new Violation("object", mustBePu("object", mode)));
		}
		return List.copyOf(violations);
	}

	private static String mustBePu(String side, ApplyMode mode) {
		return "in mode " + mode.wireName() + " the " + side + " must be processing units, but a clause selects "
				+ SystemTags.IDENTITY_EXTERNAL_NETWORK + (mode == ApplyMode.BIDIRECTIONAL
						? ": use IncomingTraffic or OutgoingTraffic to involve an external network" : "");
	}

}
