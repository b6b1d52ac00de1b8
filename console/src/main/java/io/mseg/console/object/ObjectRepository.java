package io.mseg.console.object;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * The queries every kind of namespaced object supports.
 *
 * @param <E> the entity
 */
@NoRepositoryBean
public interface ObjectRepository<E extends ManagedObject> extends JpaRepository<E, UUID>, JpaSpecificationExecutor<E> {

	Optional<E> findByNamespaceAndName(String namespace, String name);

	List<E> findByNamespace(String namespace);

}
