package io.mseg.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of msegctl, one meaning each, so scripts can tell a refused request from
 * an unreachable console.
 */
public final class ExitCodes {

	/** The command did what was asked. */
	public static final int OK = 0;

	/**
	 * The console refused the request (problem details printed), or an unexpected error.
	 */
	public static final int API_REFUSED = 1;

	/** The command line or the configuration is wrong. */
	public static final int USAGE = 2;

	/**
	 * The console cannot be reached, or TLS failed (certificate not trusted, wrong host
	 * name).
	 */
	public static final int UNREACHABLE = 3;

	/** No object has the name or ID given to get, delete, explain or flows. */
	public static final int NOT_FOUND = 4;

	private ExitCodes() {
	}

	/** The list shown by {@code --help}. */
	static Map<String, String> descriptions() {
		Map<String, String> codes = new LinkedHashMap<>();
		codes.put(" " + OK, "success");
		codes.put(" " + API_REFUSED,
				"the console refused the request (its status, detail and field errors are printed)");
		codes.put(" " + USAGE, "wrong command line or configuration");
		codes.put(" " + UNREACHABLE, "cannot reach the console, or TLS failed (untrusted certificate, host name)");
		codes.put(" " + NOT_FOUND, "no object with that name or ID (get, delete, explain, flows)");
		return codes;
	}

}
