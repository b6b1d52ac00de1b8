package io.mseg.console.enforcer;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface EnrollmentTokenRepository
		extends JpaRepository<EnrollmentTokenEntity, UUID>, JpaSpecificationExecutor<EnrollmentTokenEntity> {

	Optional<EnrollmentTokenEntity> findBySecretHash(String secretHash);

	/**
	 * The token, locked until the transaction ends, so that two enrollments cannot share
	 * one use.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from EnrollmentTokenEntity t where t.id = :id")
	Optional<EnrollmentTokenEntity> findForUpdate(UUID id);

}
