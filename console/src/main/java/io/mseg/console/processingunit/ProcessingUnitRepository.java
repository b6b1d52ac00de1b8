package io.mseg.console.processingunit;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.mseg.console.object.ObjectRepository;

import org.springframework.data.jpa.repository.Query;

interface ProcessingUnitRepository extends ObjectRepository<ProcessingUnitEntity> {

	List<ProcessingUnitEntity> findByEnforcerId(String enforcerId);

	/**
	 * Addresses among {@code addresses} that belong to another processing unit than
	 * {@code id}.
	 */
	@Query(value = "select address from processing_unit_addresses where address in (:addresses) "
			+ "and processing_unit_id <> :id", nativeQuery = true)
	List<String> findAddressesTakenByOthers(Collection<String> addresses, UUID id);

}
