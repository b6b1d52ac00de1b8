package io.mseg.console.processingunit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mseg.console.database.PolicyWrites;
import io.mseg.console.object.ObjectKind;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.network.IpAddress;

/**
 * Validation and representation of processing units (docs/api.md, "Policy semantics").
 */
final class ProcessingUnitKind implements ObjectKind<ProcessingUnitEntity, ProcessingUnitBody> {

	static final Set<String> TYPES = Set.of("Host", "HostService", "LinuxService", "Docker", "Kubernetes", "Pod",
			"Container");

	private final ProcessingUnitRepository repository;

	ProcessingUnitKind(ProcessingUnitRepository repository) {
		this.repository = repository;
	}

	@Override
	public String identity() {
		return "processingunit";
	}

	@Override
	public String plural() {
		return "processingunits";
	}

	@Override
	public ProcessingUnitEntity newEntity() {
		return new ProcessingUnitEntity();
	}

	@Override
	public Class<ProcessingUnitBody> bodyType() {
		return ProcessingUnitBody.class;
	}

	@Override
	public void apply(ProcessingUnitBody body, ProcessingUnitEntity entity, FieldErrors errors) {
		String type = (body.type() != null) ? body.type() : "Host";
		if (!TYPES.contains(type)) {
			errors.add("type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
		}
		entity.setType(type);
		List<String> addresses = (body.addresses() != null) ? body.addresses() : List.of();
		List<String> valid = errors.parse("addresses", addresses, ProcessingUnitKind::canonicalAddresses);
		entity.setAddresses((valid != null) ? valid : List.of());
		String enforcerId = body.enforcerId();
		if (enforcerId != null && (enforcerId.isBlank() || enforcerId.length() > 256)) {
			errors.add("enforcerID", "must be 1 to 256 characters when given");
		}
		entity.setEnforcerId(enforcerId);
	}

	/** Canonical texts of the addresses, sorted, refusing CIDRs and duplicates. */
	static List<String> canonicalAddresses(List<String> texts) {
		Set<String> seen = new LinkedHashSet<>();
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			if (text == null) {
				throw new InvalidValueException(i, "must be an IP address");
			}
			IpAddress address;
			try {
				address = IpAddress.parse(text);
			}
			catch (InvalidValueException ex) {
				throw new InvalidValueException(i, ex.getMessage());
			}
			if (!seen.add(address.toString())) {
				throw new InvalidValueException(i, "duplicate address " + address);
			}
		}
		// One canonical order (the stored one, text order), whatever order they were
		// given in.
		return seen.stream().sorted().toList();
	}

	@Override
	public void checkConsistency(ProcessingUnitEntity entity) {
		if (entity.getAddresses().isEmpty() || PolicyWrites.inGroup()) {
			return; // none, or the key of processing_unit_addresses decides
		}
		List<String> taken = this.repository.findAddressesTakenByOthers(entity.getAddresses(), entity.getId());
		if (!taken.isEmpty()) {
			// Which PU holds it is not said: it may live in a namespace the caller cannot
			// see.
			throw ApiException.conflict("address " + taken.get(0) + " already belongs to another processing unit; "
					+ "an address identifies one processing unit only");
		}
	}

	@Override
	public ProcessingUnitBody toBody(ProcessingUnitEntity e) {
		return new ProcessingUnitBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getDescription(),
				e.getType(), List.copyOf(e.getAddresses()), e.getEnforcerId(), e.isProtectedObject(),
				e.getAssociatedTags(), List.copyOf(normalizedTags(e)), e.getAnnotations(), e.getCreateTime(),
				e.getUpdateTime());
	}

	static Set<String> normalizedTags(ProcessingUnitEntity e) {
		return SystemTags.forProcessingUnit(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()),
				e.getType(), e.getEnforcerId(), e.getAssociatedTags());
	}

	static ProcessingUnit toModel(ProcessingUnitEntity e) {
		return new ProcessingUnit(e.getId().toString(), e.getName(), NamespacePath.parse(e.getNamespace()), e.getType(),
				e.getAddresses().stream().map(IpAddress::parse).toList(), normalizedTags(e), e.getEnforcerId());
	}

}
