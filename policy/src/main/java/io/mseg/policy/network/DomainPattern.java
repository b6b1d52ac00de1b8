package io.mseg.policy.network;

import java.util.Locale;

import io.mseg.policy.InvalidValueException;

/**
 * A domain name ({@code example.com}) or a subdomain wildcard ({@code *.example.com}) in
 * the entries of an external network.
 *
 * @param domain the lowercase domain, without trailing dot and without {@code *.}
 * @param wildcard whether the pattern matches the subdomains of {@code domain} (and not
 * {@code domain} itself)
 */
public record DomainPattern(String domain, boolean wildcard) {

	/** The longest domain name DNS can carry, in characters, without the trailing dot. */
	public static final int MAX_LENGTH = 253;

	private static final int MAX_LABEL = 63;

	private static final String WILDCARD_PREFIX = "*.";

	public DomainPattern {
		String text = (wildcard ? WILDCARD_PREFIX : "") + domain;
		if (domain == null || domain.isEmpty()) {
			throw new InvalidValueException("a domain name must not be empty");
		}
		if (!domain.equals(domain.toLowerCase(Locale.ROOT))) {
			throw new InvalidValueException("domain '" + domain + "' must be lowercase");
		}
		checkDomain(domain, text, wildcard);
	}

	/**
	 * Parses a domain name or {@code *.domain}, case-insensitively, ignoring one trailing
	 * dot.
	 * @param text the entry
	 * @return the pattern
	 * @throws InvalidValueException saying why the text is refused: a misplaced
	 * {@code *}, an invalid label, a name too long, a name that looks like a broken IP
	 * address, ...
	 */
	public static DomainPattern parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException("a domain name must not be empty");
		}
		String name = text.toLowerCase(Locale.ROOT);
		if (name.endsWith(".") && name.length() > 1) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.equals("*")) {
			throw new InvalidValueException("'" + text
					+ "' would match every domain: a wildcard is '*.' followed by a domain, e.g. *.example.com");
		}
		boolean wildcard = name.startsWith(WILDCARD_PREFIX);
		String domain = wildcard ? name.substring(WILDCARD_PREFIX.length()) : name;
		checkDomain(domain, text, wildcard);
		return new DomainPattern(domain, wildcard);
	}

	/**
	 * Whether a host name is selected: {@code *.example.com} matches
	 * {@code a.example.com} and {@code a.b.example.com} but not {@code example.com}.
	 * Case-insensitive, one trailing dot ignored.
	 * @param name the host name, may be {@code null}
	 * @return whether it matches
	 */
	public boolean matches(String name) {
		if (name == null || name.isEmpty()) {
			return false;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		if (!this.wildcard) {
			return lower.equals(this.domain);
		}
		int prefix = lower.length() - this.domain.length() - 1;
		return prefix > 0 && lower.endsWith(this.domain) && lower.charAt(prefix) == '.'
				&& lower.charAt(prefix - 1) != '.';
	}

	/**
	 * The canonical text.
	 * @return {@code *.example.com} or {@code example.com}
	 */
	@Override
	public String toString() {
		return this.wildcard ? WILDCARD_PREFIX + this.domain : this.domain;
	}

	private static void checkDomain(String domain, String text, boolean wildcard) {
		if (domain.indexOf('*') >= 0) {
			throw new InvalidValueException(misplacedWildcard(domain, text, wildcard));
		}
		if (domain.isEmpty()) {
			throw new InvalidValueException("'" + text + "': a wildcard needs a domain after '*.', e.g. *.example.com");
		}
		if (domain.length() > MAX_LENGTH) {
			throw new InvalidValueException("'" + abbreviate(text) + "' is " + domain.length()
					+ " characters long: a domain name has at most " + MAX_LENGTH);
		}
		String[] labels = domain.split("\\.", -1);
		for (String label : labels) {
			checkLabel(label, text);
		}
		if (labels.length < 2) {
			throw new InvalidValueException(wildcard
					? "'" + text + "' is too broad: a wildcard needs at least two labels after '*.', e.g. *.example.com"
					: "'" + text
							+ "' is not a fully qualified domain name: write at least two labels, e.g. example.com");
		}
		String last = labels[labels.length - 1];
		if (last.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidValueException("'" + text + "' ends with the number '" + last
					+ "': it looks like a mistyped IP address, and no top-level domain is numeric");
		}
	}

	private static String misplacedWildcard(String domain, String text, boolean wildcard) {
		for (String label : domain.split("\\.", -1)) {
			if (label.indexOf('*') >= 0 && !label.equals("*")) {
				return "'" + text + "': '*' must be a whole label, only '*.' followed by a domain is allowed"
						+ " (e.g. *.example.com), not a partial name such as '" + label + "'";
			}
		}
		return "'" + text + "': '*' is only allowed as the first label, followed by a dot and a domain"
				+ " (e.g. *.example.com)" + (wildcard ? ", and only once" : "");
	}

	private static void checkLabel(String label, String text) {
		if (label.isEmpty()) {
			throw new InvalidValueException("'" + text + "' has an empty label (two dots in a row, or a leading dot)");
		}
		if (label.length() > MAX_LABEL) {
			throw new InvalidValueException("'" + abbreviate(text) + "' has a label of " + label.length()
					+ " characters: a label has at most " + MAX_LABEL);
		}
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
			if (!allowed) {
				throw new InvalidValueException("'" + abbreviate(text) + "': label '" + abbreviate(label)
						+ "' may only contain letters, digits and '-'"
						+ ((c > 127) ? " (write internationalized names in their xn-- form)" : ""));
			}
		}
		if (label.startsWith("-") || label.endsWith("-")) {
			throw new InvalidValueException("'" + text + "': label '" + label + "' must not start or end with '-'");
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 64) ? text : text.substring(0, 61) + "...";
	}

}
