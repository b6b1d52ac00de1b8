package io.mseg.console.processingunit;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.object.ObjectService;
import io.mseg.policy.model.ProcessingUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processing units: the shared object rules plus their conversion to the decision core.
 */
@Service
public class ProcessingUnitService extends ObjectService<ProcessingUnitEntity, ProcessingUnitBody> {

	private final ProcessingUnitRepository repository;

	ProcessingUnitService(ProcessingUnitRepository repository, AuditTrail audit, PolicyWriteLock writeLock, Clock clock,
			Invalidations invalidations) {
		super(new ProcessingUnitKind(repository), repository, audit, writeLock, clock, invalidations);
		this.repository = repository;
	}

	/** The processing units an enforcer registered, by name. */
	@Transactional(readOnly = true)
	public java.util.Map<String, ProcessingUnitBody> ofEnforcer(String enforcerId) {
		java.util.Map<String, ProcessingUnitBody> units = new java.util.TreeMap<>();
		this.repository.findByEnforcerId(enforcerId).forEach((unit) -> units.put(unit.getName(), kind().toBody(unit)));
		return units;
	}

	/** Every processing unit of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<ProcessingUnit> allModels() {
		return findAll().stream().map(ProcessingUnitKind::toModel).toList();
	}

	/** Those of these objects that still exist, as the decision core sees them, by ID. */
	@Transactional(readOnly = true)
	public Map<String, ProcessingUnit> models(Collection<String> ids) {
		Map<String, ProcessingUnit> models = new HashMap<>();
		findAllAnywhere(ids).forEach((id, entity) -> models.put(id, ProcessingUnitKind.toModel(entity)));
		return models;
	}

}
