package io.mseg.console.externalnetwork;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

	private static final NetworkEntries NONE = new NetworkEntries(List.of(), List.of(), List.of(), List.of());

	private final FeedProperties feeds;

	ExternalNetworkKind(FeedProperties feeds) {
		this.feeds = feeds;
	}

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
		if (body.sourceStatus() != null) {
			errors.add("sourceStatus", "is read-only: the console sets it when it fetches the source");
		}
		if (body.source() != null) {
			applySource(body, entity, errors);
		}
		else {
			applyEntries(body, entity, errors);
		}
		ServicePorts ports = errors.parse("servicePorts", body.servicePorts(), ServicePorts::parse);
		entity.setServicePorts((body.servicePorts() == null || body.servicePorts().isEmpty() || ports == null)
				? List.of() : ports.toStrings());
		entity.setPropagate(Boolean.TRUE.equals(body.propagate()));
	}

	private static void applyEntries(ExternalNetworkBody body, ExternalNetworkEntity entity, FieldErrors errors) {
		NetworkEntries entries = null;
		if (body.entries() == null || body.entries().isEmpty()) {
			errors.add("entries", "at least one entry is required (a CIDR, an address or a domain name), "
					+ "or a source to fetch them from");
		}
		else {
			entries = errors.parse("entries", body.entries(), NetworkEntries::parse);
		}
		entity.setEntries((entries != null) ? entries.entries() : List.of());
		entity.setSource(null);
		entity.clearSourceStatus();
	}

	/**
	 * The entries are the feed's: those of the last good fetch while the source names the
	 * same list, none until the first fetch of a new one (never a list that came from
	 * elsewhere).
	 */
	private void applySource(ExternalNetworkBody body, ExternalNetworkEntity entity, FieldErrors errors) {
		if (body.entries() != null) {
			errors.add("entries", "is read-only with a source (the console fills it from the feed): "
					+ "give either entries or a source");
		}
		ExternalNetworkSource source = SourceFields.apply(body.source(), this.feeds.allowHttp(), errors);
		if (!SourceFields.sameList(source, entity.getSource())) {
			entity.setEntries(List.of());
			entity.clearSourceStatus();
		}
		entity.setSource(source);
	}

	/**
	 * With a source, what export writes and import compares is the source: the entries
	 * and the status are the console's, refetched wherever the document is imported.
	 */
	@Override
	public ExternalNetworkBody portable(ExternalNetworkBody body) {
		if (body.source() == null) {
			return body;
		}
		return new ExternalNetworkBody(body.id(), body.name(), body.namespace(), body.description(), null,
				body.source(), null, body.servicePorts(), body.propagate(), body.protectedObject(),
				body.associatedTags(), body.normalizedTags(), body.annotations(), body.createTime(), body.updateTime());
	}

	/**
	 * A feed-backed network's entries are recorded as what changed: {@code before} lists
	 * the entries removed, {@code after} those added (so a deletion lists them all,
	 * once). A feed of 100,000 entries refreshed every hour would otherwise add two
	 * copies of it to the audit trail at every change of one entry.
	 */
	@Override
	public List<ExternalNetworkBody> audited(ExternalNetworkBody before, ExternalNetworkBody after) {
		boolean fed = (before != null && before.source() != null) || (after != null && after.source() != null);
		if (!fed) {
			return Arrays.asList(before, after);
		}
		List<String> old = (before != null) ? before.entries() : List.of();
		List<String> now = (after != null) ? after.entries() : List.of();
		return Arrays.asList((before != null) ? withEntries(before, missingFrom(old, now)) : null,
				(after != null) ? withEntries(after, missingFrom(now, old)) : null);
	}

	private static List<String> missingFrom(List<String> entries, List<String> other) {
		Set<String> others = new HashSet<>(other);
		return entries.stream().filter((entry) -> !others.contains(entry)).toList();
	}

	private static ExternalNetworkBody withEntries(ExternalNetworkBody body, List<String> entries) {
		return new ExternalNetworkBody(body.id(), body.name(), body.namespace(), body.description(), entries,
				body.source(), body.sourceStatus(), body.servicePorts(), body.propagate(), body.protectedObject(),
				body.associatedTags(), body.normalizedTags(), body.annotations(), body.createTime(), body.updateTime());
	}

	@Override
	public ExternalNetworkBody toBody(ExternalNetworkEntity e) {
		return new ExternalNetworkBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getDescription(),
				e.getEntries(), e.getSource(), e.getSourceStatus(), e.getServicePorts(), e.propagates(),
				e.isProtectedObject(), e.getAssociatedTags(), List.copyOf(normalizedTags(e)), e.getAnnotations(),
				e.getCreateTime(), e.getUpdateTime());
	}

	static java.util.Set<String> normalizedTags(ExternalNetworkEntity e) {
		return SystemTags.forExternalNetwork(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				e.getAssociatedTags());
	}

	static ExternalNetwork toModel(ExternalNetworkEntity e) {
		return new ExternalNetwork(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				e.getEntries().isEmpty() ? NONE : NetworkEntries.parse(e.getEntries()),
				ServicePorts.parse(e.getServicePorts()), normalizedTags(e), e.propagates());
	}

}
