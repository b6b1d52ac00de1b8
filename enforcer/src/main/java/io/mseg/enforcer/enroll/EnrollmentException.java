package io.mseg.enforcer.enroll;

/**
 * Enrollment or renewal failed.
 */
public class EnrollmentException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean unreachable;

	public EnrollmentException(String message, boolean unreachable, Throwable cause) {
		super(message, cause);
		this.unreachable = unreachable;
	}

	/**
	 * Whether the console could not be reached (rather than refusing).
	 * @return whether it was unreachable
	 */
	public boolean unreachable() {
		return this.unreachable;
	}

}
