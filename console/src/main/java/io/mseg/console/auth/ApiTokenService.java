package io.mseg.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.audit.AuditTrail.Operation;
import io.mseg.console.database.InvalidatedCache;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.NamespacedRows;
import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.identity.Role;
import io.mseg.console.object.CommonFields;
import io.mseg.console.web.FieldErrors;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Sort;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: created by admins for a namespace subtree and a role, listed without their
 * secrets, revoked; and the check of a presented token.
 */
@Service
class ApiTokenService implements Authenticators.BearerToken {

	static final String KIND = "apitoken";

	private static final String PREFIX = "mseg_";

	private final ApiTokenRepository repository;

	private final AuditTrail audit;

	private final Clock clock;

	private final Invalidations invalidations;

	/**
	 * Tokens by secret hash, so that a request does not read the token table; a
	 * revocation empties it on every replica (unknown tokens are not kept).
	 */
	private final InvalidatedCache<String, ApiTokenEntity> tokens;

	ApiTokenService(ApiTokenRepository repository, AuditTrail audit, Clock clock, Invalidations invalidations) {
		this.repository = repository;
		this.audit = audit;
		this.clock = clock;
		this.invalidations = invalidations;
		this.tokens = new InvalidatedCache<>(invalidations, KIND, Duration.ofMinutes(1), 10_000);
	}

	@Override
	public boolean appliesTo(HttpServletRequest request) {
		return !EnrollmentRequests.matches(request);
	}

	@Override
	public Caller authenticate(String token) {
		if (!Secrets.wellFormed(token)) {
			throw new BadCredentialsException("the bearer token is malformed");
		}
		ApiTokenEntity entity = this.tokens.get(Secrets.hash(token),
				(hash) -> this.repository.findBySecretHash(hash).orElse(null));
		if (entity == null) {
			throw new BadCredentialsException("unknown API token");
		}
		if (entity.isRevoked()) {
			throw new BadCredentialsException("the API token '" + entity.getName() + "' was revoked");
		}
		if (entity.getExpirationTime() != null && !this.clock.instant().isBefore(entity.getExpirationTime())) {
			throw new CredentialsExpiredException(
					"the API token '" + entity.getName() + "' expired at " + entity.getExpirationTime());
		}
		return new Caller.ApiToken(entity.getId().toString(), entity.getName(),
				NamespacePath.parse(entity.getNamespace()), entity.getRole());
	}

	@Transactional
	public ApiTokenBody create(NamespacePath namespace, ApiTokenBody body) {
		FieldErrors errors = new FieldErrors();
		String name = CommonFields.name(body.name(), errors);
		Role role = null;
		if (body.role() == null) {
			errors.add("role", "is required: viewer, editor or admin");
		}
		else {
			role = Role.fromWire(body.role()).orElse(null);
			if (role == null) {
				errors.add("role", "must be viewer, editor or admin");
			}
		}
		Instant now = this.clock.instant();
		if (body.expirationTime() != null && !body.expirationTime().isAfter(now)) {
			errors.add("expirationTime", "must be in the future");
		}
		errors.throwIfAny();
		String secret = Secrets.generate(PREFIX);
		return save(namespace, name, role, secret, body.expirationTime(), now);
	}

	/** Creates a token with a given secret (the bootstrap token). */
	@Transactional
	public ApiTokenBody createWithSecret(NamespacePath namespace, String name, Role role, String secret) {
		return save(namespace, name, role, secret, null, this.clock.instant());
	}

	private ApiTokenBody save(NamespacePath namespace, String name, Role role, String secret, Instant expiration,
			Instant now) {
		ApiTokenEntity entity = this.repository.saveAndFlush(new ApiTokenEntity(UUID.randomUUID(), name,
				namespace.value(), role, Secrets.hash(secret), expiration, Callers.displayName(), now));
		ApiTokenBody stored = toBody(entity, null);
		this.audit.record(Operation.CREATE, KIND, entity.getNamespace(), entity.getId().toString(), name, null, stored);
		return toBody(entity, secret);
	}

	@Transactional(readOnly = true)
	public PageOf<ApiTokenBody> list(NamespacePath namespace, boolean recursive, Paging paging) {
		return NamespacedRows.page(this.repository, namespace, recursive, paging,
				Sort.by("namespace", "name", "createTime"), (e) -> toBody(e, null));
	}

	@Transactional(readOnly = true)
	public ApiTokenBody get(NamespacePath namespace, String id) {
		return toBody(find(namespace, id), null);
	}

	/**
	 * Revokes the token: its very next use is refused (on other replicas, once the
	 * notification of the commit reached them: milliseconds).
	 */
	@Transactional
	public ApiTokenBody revoke(NamespacePath namespace, String id) {
		ApiTokenEntity entity = find(namespace, id);
		ApiTokenBody before = toBody(entity, null);
		if (!entity.isRevoked()) {
			entity.revoke(this.clock.instant());
			this.repository.saveAndFlush(entity);
			this.invalidations.publish(KIND);
			this.audit.record(Operation.UPDATE, KIND, entity.getNamespace(), id, entity.getName(), before,
					toBody(entity, null));
		}
		return toBody(entity, null);
	}

	private ApiTokenEntity find(NamespacePath namespace, String id) {
		return NamespacedRows.find(this.repository, ApiTokenEntity::getNamespace, namespace, id, KIND);
	}

	private static ApiTokenBody toBody(ApiTokenEntity e, String secret) {
		return new ApiTokenBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getRole().wireName(),
				e.getExpirationTime(), e.isRevoked(), e.getCreatedBy(), e.getCreateTime(), secret);
	}

}
