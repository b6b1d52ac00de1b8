package io.mseg.benchmarks.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the load generators: {@code --name=value} pairs and
 * {@code --flag}s; {@code --full} switches the defaults to the full sizes.
 */
public final class Options {

	private final Map<String, List<String>> values = new LinkedHashMap<>();

	private Options() {
	}

	public static Options parse(String... args) {
		Options options = new Options();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("options look like --name=value, not " + arg);
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			String value = (equals < 0) ? "true" : arg.substring(equals + 1);
			options.values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return options;
	}

	public boolean full() {
		return flag("full");
	}

	public boolean flag(String name) {
		return Boolean.parseBoolean(last(name, "false"));
	}

	public String string(String name, String quick, String full) {
		return last(name, full() ? full : quick);
	}

	public int integer(String name, int quick, int full) {
		return Integer.parseInt(last(name, Integer.toString(full() ? full : quick)));
	}

	/** A duration such as {@code 30s}, {@code 2m} or {@code 500ms}. */
	public Duration duration(String name, String quick, String full) {
		String text = last(name, full() ? full : quick).trim().toLowerCase();
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		long amount = Long.parseLong(text.substring(0, text.length() - 1));
		return switch (text.charAt(text.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			default -> throw new IllegalArgumentException(name + " must end with ms, s or m: " + text);
		};
	}

	/** Every value of a repeatable option. */
	public List<String> all(String name) {
		return this.values.getOrDefault(name, List.of());
	}

	private String last(String name, String fallback) {
		List<String> given = this.values.get(name);
		return (given == null) ? fallback : given.get(given.size() - 1);
	}

}
