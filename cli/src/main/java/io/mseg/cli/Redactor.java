package io.mseg.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.cli.config.SettingsResolver;

/**
 * Hides secrets in what msegctl prints about its command line and its failures: the value
 * of {@code --token} (and of options spelled like it), the token of the environment, and
 * anything shaped like a secret the console generates ({@code mseg_...},
 * {@code msen_...}). picocli's errors quote the arguments, so they pass through here too.
 */
final class Redactor {

	static final String MASK = "***";

	/** API and enrollment tokens as the console generates them. */
	private static final Pattern GENERATED = Pattern.compile("(?:mseg|msen)_[A-Za-z0-9_-]{4,}");

	/**
	 * Options whose value is a secret, misspelled ones included ({@code --tokne}): their
	 * value would otherwise be quoted as an unknown argument.
	 */
	private static final Pattern SECRET_OPTION = Pattern.compile("--?[\\w-]*(?:tok|secret|passw|key)[\\w-]*",
			Pattern.CASE_INSENSITIVE);

	/** A secret is replaced where it stands as a whole word, not inside other words. */
	private static final String WORD_CHARACTER = "[A-Za-z0-9_-]";

	private final List<Pattern> secrets;

	private Redactor(List<Pattern> secrets) {
		this.secrets = secrets;
	}

	/** A redactor of the secrets on this command line and in this environment. */
	static Redactor of(String[] args, Environment environment) {
		List<String> values = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(0, equals) : arg;
			if (!SECRET_OPTION.matcher(name).matches()) {
				continue;
			}
			if (equals > 0) {
				values.add(arg.substring(equals + 1));
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				values.add(args[i + 1]);
			}
		}
		String environmentToken = environment.variable(SettingsResolver.TOKEN);
		if (environmentToken != null) {
			values.add(environmentToken.strip());
		}
		// Longest first, so that a secret containing another one is hidden whole.
		List<Pattern> secrets = values.stream()
			.filter((value) -> !value.isBlank())
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map((value) -> Pattern
				.compile("(?<!" + WORD_CHARACTER + ")" + Pattern.quote(value) + "(?!" + WORD_CHARACTER + ")"))
			.toList();
		return new Redactor(secrets);
	}

	/** The text with every secret replaced by {@value #MASK}. */
	String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (Pattern secret : this.secrets) {
			result = secret.matcher(result).replaceAll(Matcher.quoteReplacement(MASK));
		}
		return GENERATED.matcher(result).replaceAll(MASK);
	}

}
