package io.mseg.console.enforcer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.audit.AuditTrail.Operation;
import io.mseg.console.auth.Authenticators;
import io.mseg.console.auth.EnrollmentRequests;
import io.mseg.console.auth.Secrets;
import io.mseg.console.database.NamespacedRows;
import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.pki.ConsolePki;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.tag.Tags;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Sort;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrollment tokens: created by admins for a namespace, with an expiry, a use count and
 * tags; the check of a presented token on {@code POST /enforcers}.
 *
 * <p>
 * Token text: {@code msen_<secret>.<sha256 of the CA certificate>}.
 */
@Service
class EnrollmentTokenService implements Authenticators.BearerToken {

	static final String KIND = "enrollmenttoken";

	private static final int MAX_USES = 100_000;

	private final EnrollmentTokenRepository repository;

	private final ConsolePki pki;

	private final EnforcerProperties properties;

	private final AuditTrail audit;

	private final Clock clock;

	EnrollmentTokenService(EnrollmentTokenRepository repository, ConsolePki pki, EnforcerProperties properties,
			AuditTrail audit, Clock clock) {
		this.repository = repository;
		this.pki = pki;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public boolean appliesTo(HttpServletRequest request) {
		return EnrollmentRequests.matches(request);
	}

	@Override
	@Transactional(readOnly = true)
	public Caller authenticate(String token) {
		int dot = token.lastIndexOf('.');
		if (!Secrets.wellFormed(token) || dot < 0) {
			throw new BadCredentialsException(
					"the enrollment token is malformed (expected msen_<secret>.<CA fingerprint>)");
		}
		String fingerprint = token.substring(dot + 1);
		if (!fingerprint.equalsIgnoreCase(this.pki.authority().fingerprint())) {
			throw new BadCredentialsException("the enrollment token was issued by another console: it pins the CA "
					+ fingerprint + ", this console's CA is " + this.pki.authority().fingerprint());
		}
		EnrollmentTokenEntity entity = this.repository.findBySecretHash(Secrets.hash(token.substring(0, dot)))
			.orElseThrow(() -> new BadCredentialsException("unknown enrollment token"));
		String unusable = entity.unusableReason(this.clock.instant());
		if (unusable != null) {
			throw new BadCredentialsException(unusable);
		}
		return new Caller.Enrollment(entity.getId().toString(), NamespacePath.parse(entity.getNamespace()));
	}

	/**
	 * Takes one use of the token for an enrollment, under a row lock; refuses (401) when
	 * it became unusable since the request was authenticated.
	 */
	@Transactional
	public EnrollmentTokenEntity consume(String tokenId) {
		EnrollmentTokenEntity entity = this.repository.findForUpdate(UUID.fromString(tokenId))
			.orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED,
					"unknown enrollment token"));
		String unusable = entity.unusableReason(this.clock.instant());
		if (unusable != null) {
			throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, unusable);
		}
		entity.use(this.clock.instant());
		return entity;
	}

	@Transactional
	public EnrollmentTokenBody create(NamespacePath namespace, EnrollmentTokenBody body) {
		FieldErrors errors = new FieldErrors();
		Instant now = this.clock.instant();
		String name = (body.name() != null) ? body.name() : "enrollment";
		if (name.isBlank() || name.length() > 256) {
			errors.add("name", "must be 1 to 256 characters");
		}
		Instant expiration = (body.expirationTime() != null) ? body.expirationTime()
				: now.plus(this.properties.enrollmentTokenLifetime());
		if (!expiration.isAfter(now)) {
			errors.add("expirationTime", "must be in the future");
		}
		else if (expiration.isAfter(now.plus(java.time.Duration.ofDays(366)))) {
			errors.add("expirationTime", "must be within a year");
		}
		int maxUses = (body.maxUses() != null) ? body.maxUses() : 1;
		if (maxUses < 1 || maxUses > MAX_USES) {
			errors.add("maxUses", "must be between 1 and " + MAX_USES);
		}
		List<String> tags = errors.parse("tags", (body.tags() != null) ? body.tags() : List.of(),
				Tags::validateUserTags);
		errors.throwIfAny();
		String secret = Secrets.generate("msen_");
		EnrollmentTokenEntity entity = this.repository
			.saveAndFlush(new EnrollmentTokenEntity(UUID.randomUUID(), name, namespace.value(), Secrets.hash(secret),
					expiration, maxUses, List.copyOf(tags), Callers.displayName(), now));
		this.audit.record(Operation.CREATE, KIND, entity.getNamespace(), entity.getId().toString(), name, null,
				toBody(entity, null));
		return toBody(entity, secret + "." + this.pki.authority().fingerprint());
	}

	@Transactional(readOnly = true)
	public PageOf<EnrollmentTokenBody> list(NamespacePath namespace, boolean recursive, Paging paging) {
		return NamespacedRows.page(this.repository, namespace, recursive, paging, Sort.by("namespace", "createTime"),
				(e) -> toBody(e, null));
	}

	@Transactional(readOnly = true)
	public EnrollmentTokenBody get(NamespacePath namespace, String id) {
		return toBody(find(namespace, id), null);
	}

	@Transactional
	public EnrollmentTokenBody revoke(NamespacePath namespace, String id) {
		EnrollmentTokenEntity entity = find(namespace, id);
		EnrollmentTokenBody before = toBody(entity, null);
		if (!entity.isRevoked()) {
			entity.revoke(this.clock.instant());
			this.repository.saveAndFlush(entity);
			this.audit.record(Operation.UPDATE, KIND, entity.getNamespace(), id, entity.getName(), before,
					toBody(entity, null));
		}
		return toBody(entity, null);
	}

	private EnrollmentTokenEntity find(NamespacePath namespace, String id) {
		return NamespacedRows.find(this.repository, EnrollmentTokenEntity::getNamespace, namespace, id, KIND);
	}

	private EnrollmentTokenBody toBody(EnrollmentTokenEntity e, String token) {
		return new EnrollmentTokenBody(e.getId().toString(), e.getName(), e.getNamespace(), e.getExpirationTime(),
				e.getMaxUses(), e.getUses(), e.getTags(), e.isRevoked(), e.getCreatedBy(), e.getCreateTime(),
				this.pki.authority().fingerprint(), token);
	}

}
