package io.mseg.console.networkpolicy;

import java.util.List;

import io.mseg.console.object.ObjectKind;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.Violation;
import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.TagExpression;

/**
 * Validation and representation of network policies (docs/api.md, "Policy semantics").
 */
final class NetworkPolicyKind implements ObjectKind<NetworkPolicyEntity, NetworkPolicyBody> {

	@Override
	public String identity() {
		return "networkaccesspolicy";
	}

	@Override
	public String plural() {
		return "networkaccesspolicies";
	}

	@Override
	public NetworkPolicyEntity newEntity() {
		return new NetworkPolicyEntity();
	}

	@Override
	public Class<NetworkPolicyBody> bodyType() {
		return NetworkPolicyBody.class;
	}

	@Override
	public void apply(NetworkPolicyBody body, NetworkPolicyEntity entity, FieldErrors errors) {
		PolicyAction action = (body.action() != null) ? errors.parse("action", body.action(), PolicyAction::fromWire)
				: PolicyAction.ALLOW;
		ApplyMode mode = (body.applyPolicyMode() != null)
				? errors.parse("applyPolicyMode", body.applyPolicyMode(), ApplyMode::fromWire)
				: ApplyMode.BIDIRECTIONAL;
		TagExpression subject = expression("subject", body.subject(), errors);
		TagExpression object = expression("object", body.object(), errors);
		ServicePorts ports = errors.parse("ports", body.ports(), ServicePorts::parse);
		if (mode != null && subject != null && object != null) {
			for (Violation violation : NetworkPolicy.validateSides(mode, subject, object)) {
				errors.add(violation.field(), violation.message());
			}
		}
		if (action != null) {
			entity.setAction(action.wireName());
		}
		if (mode != null) {
			entity.setApplyPolicyMode(mode.wireName());
		}
		entity.setSubject(body.subject());
		entity.setObject(body.object());
		entity.setPorts(canonical(body.ports(), ports));
		entity.setLogsEnabled(Boolean.TRUE.equals(body.logsEnabled()));
		entity.setObservationEnabled(Boolean.TRUE.equals(body.observationEnabled()));
		entity.setPropagate(Boolean.TRUE.equals(body.propagate()));
		entity.setFallback(Boolean.TRUE.equals(body.fallback()));
		entity.setDisabled(Boolean.TRUE.equals(body.disabled()));
		entity.setExpirationTime(body.expirationTime());
	}

	/**
	 * Canonical port texts; no ports stay no ports (not "any") so a policy reads back as
	 * written.
	 */
	static List<String> canonical(List<String> given, ServicePorts parsed) {
		return (given == null || given.isEmpty() || parsed == null) ? List.of() : parsed.toStrings();
	}

	private static TagExpression expression(String field, List<List<String>> clauses, FieldErrors errors) {
		if (clauses == null) {
			errors.add(field, "is required: a list of clauses, each a list of tags");
			return null;
		}
		return errors.parse(field, clauses, TagExpression::of);
	}

	@Override
	public NetworkPolicyBody toBody(NetworkPolicyEntity e) {
		return new NetworkPolicyBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getDescription(),
				e.getAction(), e.getApplyPolicyMode(), e.getSubject(), e.getObject(), e.getPorts(), e.isLogsEnabled(),
				e.isObservationEnabled(), e.propagates(), e.isFallback(), e.isDisabled(), e.isProtectedObject(),
				e.getExpirationTime(), e.getAssociatedTags(), e.getAnnotations(), e.getCreateTime(), e.getUpdateTime());
	}

	/** The policy as the decision core sees it; stored values were validated on write. */
	static NetworkPolicy toModel(NetworkPolicyEntity e) {
		return new NetworkPolicy(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				PolicyAction.fromWire(e.getAction()), ApplyMode.fromWire(e.getApplyPolicyMode()),
				TagExpression.of(e.getSubject()), TagExpression.of(e.getObject()), ServicePorts.parse(e.getPorts()),
				e.isFallback(), e.isDisabled(), e.getExpirationTime(), e.isObservationEnabled(), e.propagates(),
				e.isLogsEnabled());
	}

}
