package io.mseg.console.audit;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AuditRecordRepository
		extends JpaRepository<AuditRecordEntity, Long>, JpaSpecificationExecutor<AuditRecordEntity> {

}
