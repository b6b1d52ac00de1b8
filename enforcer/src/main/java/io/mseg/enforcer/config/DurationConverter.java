package io.mseg.enforcer.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 500ms}, {@code 45s}, {@code 10m}, {@code 1h} (or
 * ISO-8601 {@code PT45S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

	@Override
	public Duration convert(String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		Matcher matcher = SIMPLE.matcher(text);
		Duration duration;
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			duration = switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}
		else {
			try {
				duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (RuntimeException ex) {
				throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 500ms, 45s, 10m, 1h");
			}
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new TypeConversionException("'" + value + "' must be a positive duration");
		}
		return duration;
	}

}
