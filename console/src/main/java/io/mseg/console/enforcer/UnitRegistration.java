package io.mseg.console.enforcer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.identity.Caller;
import io.mseg.console.processingunit.ProcessingUnitBody;
import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldError;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.model.NamespacePath;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An enforcer declares the processing units it protects: the list replaces what it
 * declared before (units it no longer reports are deleted), all or nothing.
 */
@Service
class UnitRegistration {

	static final int MAX_UNITS = 1_000;

	private final EnforcerService enforcers;

	private final ProcessingUnitService units;

	private final PolicyWriteLock writeLock;

	UnitRegistration(EnforcerService enforcers, ProcessingUnitService units, PolicyWriteLock writeLock) {
		this.enforcers = enforcers;
		this.units = units;
		this.writeLock = writeLock;
	}

	@Transactional
	public List<ProcessingUnitBody> register(Caller.Enforcer caller, List<ReportedProcessingUnit> reported) {
		this.writeLock.acquire();
		FieldErrors errors = new FieldErrors();
		if (reported == null) {
			throw ApiException.invalid("body", "must be a list of processing units");
		}
		if (reported.size() > MAX_UNITS) {
			throw ApiException.invalid("body", "at most " + MAX_UNITS + " processing units per enforcer");
		}
		EnforcerService.Registration registration = this.enforcers.registration(caller.enforcerId());
		NamespacePath namespace = registration.namespace();
		Map<String, ProcessingUnitBody> mine = this.units.ofEnforcer(caller.enforcerId());
		Set<String> names = new HashSet<>();
		for (int i = 0; i < reported.size(); i++) {
			ReportedProcessingUnit unit = reported.get(i);
			if (unit == null || unit.name() == null) {
				errors.add("[" + i + "].name", "is required");
				continue;
			}
			if (unit.associatedTags() != null && unit.associatedTags().contains(null)) {
				errors.add("[" + i + "].associatedTags", "must be a list of tags");
				continue;
			}
			if (!names.add(unit.name())) {
				errors.add("[" + i + "].name", "'" + unit.name() + "' is reported twice");
				continue;
			}
			if (!mine.containsKey(unit.name()) && this.units.findByName(namespace, unit.name()).isPresent()) {
				throw ApiException.conflict("a processing unit named '" + unit.name() + "' already exists in "
						+ namespace + " and is not this enforcer's");
			}
			ProcessingUnitBody declared = body(caller.enforcerId(), unit, registration.tags());
			if (unchanged(mine.get(unit.name()), declared)) {
				// a node declares all its workloads at every change of one of them
				continue;
			}
			try {
				this.units.upsert(namespace, declared, null, true);
			}
			catch (ApiException ex) {
				if (ex.errors().isEmpty()) {
					throw ex;
				}
				for (FieldError error : ex.errors()) {
					errors.add("[" + i + "]." + error.field(), error.message());
				}
			}
		}
		errors.throwIfAny();
		for (ProcessingUnitBody gone : mine.values()) {
			if (!names.contains(gone.name())) {
				this.units.delete(namespace, gone.id(), null, true);
			}
		}
		return new ArrayList<>(this.units.ofEnforcer(caller.enforcerId()).values());
	}

	/**
	 * Whether a unit is stored as declared: same type, description, addresses and tags
	 * (in the stored order; any other difference, even of order only, is written).
	 */
	private static boolean unchanged(ProcessingUnitBody stored, ProcessingUnitBody declared) {
		return stored != null && Objects.equals(stored.type(), (declared.type() != null) ? declared.type() : "Host")
				&& Objects.equals(stored.description(), declared.description())
				&& Objects.equals(stored.addresses(), declared.addresses())
				&& Objects.equals(stored.associatedTags(), declared.associatedTags())
				&& Objects.equals(stored.enforcerId(), declared.enforcerId());
	}

	/** The unit with the enrollment token's tags added to the reported ones. */
	private static ProcessingUnitBody body(String enforcerId, ReportedProcessingUnit unit, List<String> tokenTags) {
		Set<String> tags = new LinkedHashSet<>((unit.associatedTags() != null) ? unit.associatedTags() : List.of());
		tags.addAll(tokenTags);
		return new ProcessingUnitBody(null, unit.name(), null, unit.description(), unit.type(), unit.addresses(),
				enforcerId, false, List.copyOf(tags), null, null, null, null);
	}

}
