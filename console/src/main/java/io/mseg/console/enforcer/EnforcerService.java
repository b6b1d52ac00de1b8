package io.mseg.console.enforcer;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.audit.AuditTrail.Operation;
import io.mseg.console.database.NamespacedRows;
import io.mseg.console.identity.Caller;
import io.mseg.console.object.CommonFields;
import io.mseg.console.pki.CertificateRequests;
import io.mseg.console.pki.ConsolePki;
import io.mseg.console.pki.Pem;
import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enforcers: enrollment with an enrollment token and a CSR, certificate renewal, status
 * reports, revocation; and the state that decides whether an enforcer certificate is
 * still accepted.
 */
@Service
public class EnforcerService {

	static final String KIND = "enforcer";

	private static final Logger log = LoggerFactory.getLogger(EnforcerService.class);

	private static final Set<String> ENFORCEMENT_STATUSES = Set.of("Active", "Failed", "Inactive");

	private final EnforcerRepository repository;

	private final EnrollmentTokenService enrollmentTokens;

	private final ConsolePki pki;

	private final EnforcerProperties properties;

	private final AuditTrail audit;

	private final Clock clock;

	private final ProcessingUnitService units;

	EnforcerService(EnforcerRepository repository, EnrollmentTokenService enrollmentTokens, ConsolePki pki,
			EnforcerProperties properties, AuditTrail audit, Clock clock, ProcessingUnitService units) {
		this.repository = repository;
		this.units = units;
		this.enrollmentTokens = enrollmentTokens;
		this.pki = pki;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Registers a new enforcer in the enrollment token's namespace and signs its key. The
	 * CSR is checked before the token's use is taken, so a bad request costs no use.
	 */
	@Transactional
	public EnrollmentResponse enroll(Caller.Enrollment caller, EnrollmentRequest request) {
		FieldErrors errors = new FieldErrors();
		String name = CommonFields.name((request.name() != null) ? request.name() : null, errors);
		errors.throwIfAny();
		PublicKey key = CertificateRequests.publicKey(request.certificateRequest());
		EnrollmentTokenEntity token = this.enrollmentTokens.consume(caller.tokenId());
		Instant now = this.clock.instant();
		EnforcerEntity enforcer = new EnforcerEntity(UUID.randomUUID(), name, token.getNamespace(), token.getId(),
				token.getTags(), now);
		X509Certificate certificate = issue(enforcer, key, now);
		this.repository.saveAndFlush(enforcer);
		this.audit.record(Operation.CREATE, KIND, enforcer.getNamespace(), enforcer.getId().toString(), name, null,
				toBody(enforcer));
		log.info("Enrolled enforcer {} ({}) in {} with enrollment token {}", enforcer.getId(), name,
				enforcer.getNamespace(), token.getId());
		return response(enforcer, certificate);
	}

	/** A new certificate for the calling enforcer, with the same identity. */
	@Transactional
	public EnrollmentResponse renew(Caller.Enforcer caller, EnrollmentRequest request) {
		EnforcerEntity enforcer = active(caller.enforcerId());
		if (request.name() != null && !request.name().equals(enforcer.getName())) {
			// A renewal renews; it never renames (nothing is accepted and ignored).
			throw ApiException.invalid("name",
					"a renewal cannot change the enforcer's name: leave it out or give '" + enforcer.getName() + "'");
		}
		PublicKey key = CertificateRequests.publicKey(request.certificateRequest());
		X509Certificate certificate = issue(enforcer, key, this.clock.instant());
		this.repository.saveAndFlush(enforcer);
		log.info("Renewed the certificate of enforcer {} (serial {})", enforcer.getId(),
				enforcer.getCertificateSerial());
		return response(enforcer, certificate);
	}

	@Transactional
	public void reportStatus(Caller.Enforcer caller, StatusReport report) {
		FieldErrors errors = new FieldErrors();
		if (report.enforcementStatus() != null && !ENFORCEMENT_STATUSES.contains(report.enforcementStatus())) {
			errors.add("enforcementStatus", "must be Active, Failed or Inactive");
		}
		if (report.enforcerVersion() != null && report.enforcerVersion().length() > 256) {
			errors.add("currentVersion", "must be at most 256 characters");
		}
		if (report.dns() != null) {
			report.dns().validate(errors.nested("dns"));
		}
		if (report.workloads() != null) {
			report.workloads().validate(errors.nested("workloads"));
		}
		errors.throwIfAny();
		EnforcerEntity enforcer = active(caller.enforcerId());
		enforcer.reportStatus(report.enforcerVersion(), report.startTime(), report.lastSyncTime(),
				report.enforcementStatus(), report.dns(), report.workloads(), this.clock.instant());
		this.repository.saveAndFlush(enforcer);
	}

	/**
	 * Why a certificate naming this enforcer must be refused, or {@code null} when it is
	 * still accepted: the enforcer must exist and not be revoked. An accepted request
	 * counts as contact (recorded at most once a minute).
	 */
	@Transactional
	public String admit(String enforcerId) {
		EnforcerEntity enforcer = this.repository.findById(UUID.fromString(enforcerId)).orElse(null);
		if (enforcer == null) {
			return "enforcer " + enforcerId + " is not registered";
		}
		if (enforcer.isRevoked()) {
			return "enforcer " + enforcerId + " was revoked at " + enforcer.getRevokeTime();
		}
		Instant now = this.clock.instant();
		if (enforcer.getLastContactTime() == null || enforcer.getLastContactTime().isBefore(now.minusSeconds(60))) {
			enforcer.contact(now);
		}
		return null;
	}

	/**
	 * The namespace and tags of an active enforcer, for the processing units it
	 * registers.
	 */
	@Transactional(readOnly = true)
	public Registration registration(String enforcerId) {
		EnforcerEntity enforcer = active(enforcerId);
		return new Registration(NamespacePath.parse(enforcer.getNamespace()), List.copyOf(enforcer.getTags()));
	}

	/**
	 * Where an enforcer's processing units live and the tags they get.
	 *
	 * @param namespace the enforcer's namespace
	 * @param tags the tags of its enrollment token
	 */
	public record Registration(NamespacePath namespace, List<String> tags) {

	}

	@Transactional(readOnly = true)
	public PageOf<EnforcerBody> list(NamespacePath namespace, boolean recursive, Paging paging) {
		return NamespacedRows.page(this.repository, namespace, recursive, paging,
				Sort.by("namespace", "name", "createTime"), this::toBody);
	}

	@Transactional(readOnly = true)
	public EnforcerBody get(NamespacePath namespace, String id) {
		return toBody(find(namespace, id));
	}

	/**
	 * Revokes the enforcer: its next request is refused and it can never renew. Its
	 * processing units go with it: nothing protects them any more, and a host that
	 * enrolls again registers them afresh.
	 */
	@Transactional
	public EnforcerBody revoke(NamespacePath namespace, String id) {
		EnforcerEntity enforcer = find(namespace, id);
		EnforcerBody before = toBody(enforcer);
		if (!enforcer.isRevoked()) {
			enforcer.revoke(this.clock.instant());
			this.repository.saveAndFlush(enforcer);
			this.audit.record(Operation.DELETE, KIND, enforcer.getNamespace(), id, enforcer.getName(), before,
					toBody(enforcer));
			NamespacePath owner = NamespacePath.parse(enforcer.getNamespace());
			this.units.ofEnforcer(id).values().forEach((unit) -> this.units.delete(owner, unit.id(), null, true));
			log.info("Revoked enforcer {} ({}) and deleted its processing units", id, enforcer.getName());
		}
		return toBody(enforcer);
	}

	private X509Certificate issue(EnforcerEntity enforcer, PublicKey key, Instant now) {
		EnforcerIdentity identity = new EnforcerIdentity(enforcer.getId().toString(),
				NamespacePath.parse(enforcer.getNamespace()));
		X509Certificate certificate = this.pki.authority()
			.issueClientCertificate(key, "enforcer " + enforcer.getId(), identity.toUri(),
					this.properties.certificateLifetime());
		enforcer.certificateIssued(certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
				now);
		return certificate;
	}

	private EnrollmentResponse response(EnforcerEntity enforcer, X509Certificate certificate) {
		return new EnrollmentResponse(enforcer.getId().toString(), enforcer.getName(), enforcer.getNamespace(),
				Pem.encode(certificate), Pem.encode(this.pki.authority().certificate()),
				enforcer.getCertificateExpiration());
	}

	private EnforcerEntity active(String id) {
		EnforcerEntity enforcer = this.repository.findById(UUID.fromString(id))
			.orElseThrow(() -> ApiException.notFound("no enforcer with ID " + id));
		if (enforcer.isRevoked()) {
			throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "enforcer " + id + " was revoked");
		}
		return enforcer;
	}

	private EnforcerEntity find(NamespacePath namespace, String id) {
		return NamespacedRows.find(this.repository, EnforcerEntity::getNamespace, namespace, id, KIND);
	}

	EnforcerBody toBody(EnforcerEntity e) {
		boolean connected = !e.isRevoked() && e.getLastContactTime() != null
				&& e.getLastContactTime().isAfter(this.clock.instant().minus(this.properties.disconnectedAfter()));
		return new EnforcerBody(e.getId().toString(), e.getName(), e.getNamespace(), List.copyOf(e.getTags()),
				e.getCertificateSerial(), e.getCertificateExpiration(), e.isRevoked(), e.getRevokeTime(),
				e.getEnforcerVersion(), e.getStartTime(), e.getLastSyncTime(), e.getLastContactTime(),
				connected ? "Connected" : "Disconnected", e.getEnforcementStatus(), e.getDns(), e.getWorkloads(),
				e.getFlowRecordsDropped(), e.getFlowsUnrecorded(), e.getCreateTime(), e.getUpdateTime());
	}

}
