package io.mseg.cli.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * Durations as people type them: {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 7d}, or
 * ISO-8601 ({@code PT1H}).
 */
final class Durations {

	private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

	private Durations() {
	}

	/** The duration, or {@code null} when the text is none of the accepted forms. */
	static Duration parse(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.startsWith("p")) {
			try {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		Matcher matcher = PART.matcher(value);
		Duration total = Duration.ZERO;
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			long amount = Long.parseLong(matcher.group(1));
			total = total.plus(switch (matcher.group(2)) {
				case "d" -> Duration.ofDays(amount);
				case "h" -> Duration.ofHours(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofSeconds(amount);
			});
			end = matcher.end();
		}
		return (end > 0 && end == value.length()) ? total : null;
	}

	/** Picocli's converter: a positive duration. */
	static final class Converter implements CommandLine.ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			Duration duration = parse(value);
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new CommandLine.TypeConversionException(
						"'" + value + "' is not a positive duration such as 30m, 1h, 1h30m, 7d or PT1H");
			}
			return duration;
		}

	}

}
