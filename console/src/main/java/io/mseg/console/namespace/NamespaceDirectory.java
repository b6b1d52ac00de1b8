package io.mseg.console.namespace;

import io.mseg.console.web.ApiException;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.NamespacePath;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolves the namespace a request works in (its {@code X-Namespace} header) and answers
 * whether namespaces exist. Read-only, so that every feature may use it.
 */
@Component
public class NamespaceDirectory {

	public static final String HEADER = "X-Namespace";

	private final NamespaceRepository repository;

	NamespaceDirectory(NamespaceRepository repository) {
		this.repository = repository;
	}

	/**
	 * The namespace named by an {@code X-Namespace} header: {@code /} when absent, 400
	 * when it is not a namespace path, 404 when no such namespace exists.
	 */
	@Transactional(readOnly = true)
	public NamespacePath resolve(String header) {
		NamespacePath namespace;
		try {
			namespace = (header == null || header.isBlank()) ? NamespacePath.ROOT : NamespacePath.parse(header.strip());
		}
		catch (InvalidValueException ex) {
			throw ApiException.badRequest(HEADER + " is not a namespace path: " + ex.getMessage());
		}
		if (!exists(namespace)) {
			throw ApiException.notFound("namespace " + namespace + " does not exist");
		}
		return namespace;
	}

	@Transactional(readOnly = true)
	public boolean exists(NamespacePath namespace) {
		return this.repository.existsByName(namespace.value());
	}

}
