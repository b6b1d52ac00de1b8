package io.mseg.console.enforcer;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface EnforcerRepository extends JpaRepository<EnforcerEntity, UUID>, JpaSpecificationExecutor<EnforcerEntity> {

}
