package io.mseg.enforcer.agent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.enroll.Enrolled;
import io.mseg.enforcer.enroll.Enrollment;
import io.mseg.enforcer.enroll.EnrollmentException;

/**
 * Renews the client certificate after 2/3 of its lifetime (wall time), with a new key; a
 * failed renewal is tried again every minute until the certificate expires.
 */
final class CertificateRenewal {

	private static final Logger log = Logger.getLogger(CertificateRenewal.class.getName());

	static final Duration RETRY = Duration.ofMinutes(1);

	private final Enrollment enrollment;

	private final ConsoleLink link;

	private final TimeSource time;

	private Instant due;

	CertificateRenewal(Enrollment enrollment, ConsoleLink link, TimeSource time) {
		this.enrollment = enrollment;
		this.link = link;
		this.time = time;
	}

	/** Starts counting from the certificate the agent started with. */
	void start() {
		this.due = this.link.enrolled().credentials().renewAt();
	}

	/**
	 * When the next renewal is due.
	 * @return the wall time
	 */
	Instant due() {
		return this.due;
	}

	/** Renews the certificate if it is due, over the session's client. */
	void renewIfDue() {
		if (this.time.now().isBefore(this.due)) {
			return;
		}
		try {
			Enrolled renewed = this.enrollment.renew(this.link.enrolled(), this.link.api());
			this.due = renewed.credentials().renewAt();
			this.link.renewed(renewed);
		}
		catch (EnrollmentException | IOException | ConsoleException ex) {
			this.due = this.time.now().plus(RETRY);
			log.warning("Certificate renewal failed (valid until " + this.link.enrolled().credentials().expiresAt()
					+ "), retrying in " + RETRY.toSeconds() + " s: " + ex.getMessage());
		}
	}

}
