package io.mseg.console.externalnetwork.feed;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.policy.InvalidValueException;

/**
 * The {@code refreshInterval} of a source: {@code 1h}, {@code 30m}, {@code 1h30m},
 * {@code 1d}; at least one minute, at most 30 days, one hour when not given.
 */
public final class RefreshInterval {

	public static final Duration DEFAULT = Duration.ofHours(1);

	public static final Duration MINIMUM = Duration.ofMinutes(1);

	public static final Duration MAXIMUM = Duration.ofDays(30);

	private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,7}[dhms])+");

	private static final Pattern PART = Pattern.compile("([0-9]{1,7})([dhms])");

	private RefreshInterval() {
	}

	/**
	 * Reads an interval.
	 * @param text such as {@code 1h30m}; {@code null} for the default
	 * @return the interval
	 * @throws InvalidValueException when it is not of that form, or below one minute or
	 * above 30 days
	 */
	public static Duration parse(String text) {
		if (text == null) {
			return DEFAULT;
		}
		if (!WHOLE.matcher(text).matches()) {
			throw new InvalidValueException(
					"'" + text + "' is not an interval: whole numbers with units d, h, m or s, such as 1h or 1h30m");
		}
		Duration total = Duration.ZERO;
		Matcher part = PART.matcher(text);
		while (part.find()) {
			long amount = Long.parseLong(part.group(1));
			total = total.plus(switch (part.group(2)) {
				case "d" -> Duration.ofDays(amount);
				case "h" -> Duration.ofHours(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofSeconds(amount);
			});
		}
		if (total.compareTo(MINIMUM) < 0) {
			throw new InvalidValueException("'" + text + "' is below the minimum of 1m");
		}
		if (total.compareTo(MAXIMUM) > 0) {
			throw new InvalidValueException("'" + text + "' is above the maximum of 30d");
		}
		return total;
	}

	/**
	 * The shortest text for an interval, largest units first ({@code 90m} is
	 * {@code 1h30m}).
	 */
	public static String format(Duration interval) {
		StringBuilder text = new StringBuilder();
		long seconds = interval.getSeconds();
		long[] sizes = { 86400, 3600, 60, 1 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (seconds >= sizes[i]) {
				text.append(seconds / sizes[i]).append(units[i]);
				seconds %= sizes[i];
			}
		}
		return (text.length() > 0) ? text.toString() : "0s";
	}

}
