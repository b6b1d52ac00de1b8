package io.mseg.console.auth;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, UUID>, JpaSpecificationExecutor<ApiTokenEntity> {

	Optional<ApiTokenEntity> findBySecretHash(String secretHash);

}
