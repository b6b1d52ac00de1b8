package io.mseg.console.externalnetwork;

import java.util.List;

import io.mseg.console.object.ObjectKind;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.network.NetworkEntries;
import io.mseg.policy.port.ServicePorts;

/**
 * Validation and representation of external networks (docs/api.md, "Policy semantics").
 */
final class ExternalNetworkKind implements ObjectKind<ExternalNetworkEntity, ExternalNetworkBody> {

	@Override
	public String identity() {
		return "externalnetwork";
	}

	@Override
	public String plural() {
		return "externalnetworks";
	}

	@Override
	public ExternalNetworkEntity newEntity() {
		return new ExternalNetworkEntity();
	}

	@Override
	public Class<ExternalNetworkBody> bodyType() {
		return ExternalNetworkBody.class;
	}

	@Override
	public void apply(ExternalNetworkBody body, ExternalNetworkEntity entity, FieldErrors errors) {
		NetworkEntries entries = null;
		if (body.entries() == null || body.entries().isEmpty()) {
			errors.add("entries", "at least one entry is required (a CIDR, an address or a domain name)");
		}
		else {
			entries = errors.parse("entries", body.entries(), NetworkEntries::parse);
		}
		ServicePorts ports = errors.parse("servicePorts", body.servicePorts(), ServicePorts::parse);
		entity.setEntries((entries != null) ? entries.entries() : List.of());
		entity.setServicePorts((body.servicePorts() == null || body.servicePorts().isEmpty() || ports == null)
				? List.of() : ports.toStrings());
		entity.setPropagate(Boolean.TRUE.equals(body.propagate()));
	}

	@Override
	public ExternalNetworkBody toBody(ExternalNetworkEntity e) {
		return new ExternalNetworkBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getDescription(),
				e.getEntries(), e.getServicePorts(), e.propagates(), e.isProtectedObject(), e.getAssociatedTags(),
				List.copyOf(normalizedTags(e)), e.getAnnotations(), e.getCreateTime(), e.getUpdateTime());
	}

	static java.util.Set<String> normalizedTags(ExternalNetworkEntity e) {
		return SystemTags.forExternalNetwork(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				e.getAssociatedTags());
	}

	static ExternalNetwork toModel(ExternalNetworkEntity e) {
		return new ExternalNetwork(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				NetworkEntries.parse(e.getEntries()), ServicePorts.parse(e.getServicePorts()), normalizedTags(e),
				e.propagates());
	}

}
