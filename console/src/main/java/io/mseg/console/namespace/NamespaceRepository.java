package io.mseg.console.namespace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface NamespaceRepository extends JpaRepository<NamespaceEntity, UUID> {

	Optional<NamespaceEntity> findByName(String name);

	boolean existsByName(String name);

	Page<NamespaceEntity> findByParent(String parent, Pageable pageable);

	/**
	 * Strict descendants of a namespace: {@code pattern} is its escaped path followed by
	 * {@code /%}.
	 */
	@Query("select n from NamespaceEntity n where n.name like :pattern escape '\\' or (:root = true and n.name <> '/')")
	Page<NamespaceEntity> findDescendants(String pattern, boolean root, Pageable pageable);

	@Query("select n from NamespaceEntity n where n.name like :pattern escape '\\' or (:root = true and n.name <> '/')")
	List<NamespaceEntity> findAllDescendants(String pattern, boolean root);

}
