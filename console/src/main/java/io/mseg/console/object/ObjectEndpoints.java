package io.mseg.console.object;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.database.PolicyWrites;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the list, get, create, update and delete handlers of every kind of namespaced
 * object do, once: resolve the request's namespace, page, and answer with the ETag and
 * Location. Each feature's controller declares its own handlers and calls these, so that
 * a request's handler is found in the feature's package.
 *
 * @param <D> the body
 */
public final class ObjectEndpoints<D extends ObjectBody> {

	private final ObjectService<?, D> service;

	private final NamespaceDirectory namespaces;

	private final PolicyWrites writes;

	private final ConsoleProperties properties;

	public ObjectEndpoints(ObjectService<?, D> service, NamespaceDirectory namespaces, PolicyWrites writes,
			ConsoleProperties properties) {
		this.service = service;
		this.namespaces = namespaces;
		this.writes = writes;
		this.properties = properties;
	}

	/** A page of the namespace's objects, the total in {@code X-Count-Total}. */
	public ResponseEntity<List<D>> list(String namespace, boolean recursive, boolean propagated, String name, int page,
			int pagesize) {
		PageOf<D> result = this.service.list(this.namespaces.resolve(namespace), recursive, propagated, name,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	public ResponseEntity<D> get(String namespace, String id) {
		return withEtag(ResponseEntity.ok(), this.service.get(this.namespaces.resolve(namespace), id));
	}

	/** 201 with the new object, its {@code Location} and {@code ETag}. */
	public ResponseEntity<D> create(String namespace, D body) {
		NamespacePath resolved = this.namespaces.resolve(namespace);
		Versioned<D> created = this.writes.run(() -> this.service.create(resolved, body));
		var location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.body().id())
			.toUri();
		return withEtag(ResponseEntity.created(location), created);
	}

	public ResponseEntity<D> update(String namespace, String id, String ifMatch, boolean override, D body) {
		NamespacePath resolved = this.namespaces.resolve(namespace);
		return withEtag(ResponseEntity.ok(),
				this.writes.run(() -> this.service.update(resolved, id, body, ifMatch, override)));
	}

	/** The deleted object. */
	public D delete(String namespace, String id, String ifMatch, boolean override) {
		NamespacePath resolved = this.namespaces.resolve(namespace);
		return this.writes.run(() -> this.service.delete(resolved, id, ifMatch, override));
	}

	private ResponseEntity<D> withEtag(ResponseEntity.BodyBuilder builder, Versioned<D> versioned) {
		return builder.eTag(versioned.etag()).body(versioned.body());
	}

}
