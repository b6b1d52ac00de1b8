package io.mseg.console.processingunit;

import java.time.Clock;
import java.util.List;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.object.ObjectService;
import io.mseg.policy.model.ProcessingUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processing units: the shared object rules plus their conversion to the decision core.
 */
@Service
public class ProcessingUnitService extends ObjectService<ProcessingUnitEntity, ProcessingUnitBody> {

	ProcessingUnitService(ProcessingUnitRepository repository, AuditTrail audit, Clock clock) {
		super(new ProcessingUnitKind(repository), repository, audit, clock);
	}

	/** Every processing unit of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<ProcessingUnit> allModels() {
		return findAll().stream().map(ProcessingUnitKind::toModel).toList();
	}

}
