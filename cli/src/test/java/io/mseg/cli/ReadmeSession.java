package io.mseg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the shell lines of the documentation's examples the way a reader's shell would,
 * for the few forms they use: {@code alias msegctl='...'}, {@code export NAME=VALUE ...}
 * (values may be {@code $(cat FILE)} or {@code $(msegctl ...)}) and {@code msegctl ...},
 * each msegctl a process of the jar in a working directory of its own.
 */
final class ReadmeSession {

	private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+)=(\\$\\([^)]*\\)|'[^']*'|\"[^\"]*\"|\\S+)");

	private static final Pattern ALIAS = Pattern.compile("alias msegctl='([^']*)'");

	private final Path jar;

	private final Path workDir;

	private final Map<String, String> exported = new LinkedHashMap<>();

	private List<String> msegctl;

	/** What one msegctl process did. */
	record Result(String command, int code, String out, String err) {

	}

	ReadmeSession(Path jar, Path workDir, Map<String, String> environment) {
		this.jar = jar;
		this.workDir = workDir;
		this.exported.putAll(environment);
	}

	/**
	 * {@code alias msegctl='java -jar /path/to/cli/target/msegctl.jar'}: the java of this
	 * test run and the jar under test stand for those of the documentation.
	 */
	void alias(String line) {
		Matcher alias = ALIAS.matcher(line);
		if (!alias.matches()) {
			throw new IllegalArgumentException("not an alias of msegctl: " + line);
		}
		List<String> command = new ArrayList<>();
		for (String word : words(alias.group(1))) {
			if (word.equals("java")) {
				command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			}
			else if (word.endsWith("/cli/target/msegctl.jar")) {
				command.add(this.jar.toAbsolutePath().toString());
			}
			else {
				command.add(word);
			}
		}
		this.msegctl = command;
	}

	/** {@code export A=value B=$(...)}: sets the variables of the later commands. */
	void export(String line) throws Exception {
		Matcher assignments = ASSIGNMENT.matcher(line.substring("export ".length()));
		while (assignments.find()) {
			this.exported.put(assignments.group(1), value(assignments.group(2)));
		}
	}

	private String value(String word) throws Exception {
		if (word.startsWith("$(") && word.endsWith(")")) {
			String inner = word.substring(2, word.length() - 1).strip();
			if (inner.startsWith("cat ")) {
				return stripTrailingNewlines(Files.readString(this.workDir.resolve(inner.substring(4).strip())));
			}
			if (inner.startsWith("msegctl ")) {
				Result result = run(inner);
				if (result.code() != 0) {
					throw new AssertionError("'" + inner + "' exited with " + result.code() + ": " + result.err());
				}
				return stripTrailingNewlines(result.out());
			}
			throw new IllegalArgumentException("a command substitution this session cannot run: " + word);
		}
		return (word.startsWith("'") || word.startsWith("\"")) ? word.substring(1, word.length() - 1) : word;
	}

	/** Runs {@code msegctl ARGS} as written. */
	Result run(String line) throws IOException, InterruptedException {
		if (this.msegctl == null) {
			throw new IllegalStateException("msegctl runs before the documentation's alias of it");
		}
		List<String> command = new ArrayList<>(this.msegctl);
		command.addAll(words(line.substring("msegctl ".length())));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile());
		// The reader's shell: nothing of the machine's own msegctl settings.
		builder.environment().keySet().removeIf((name) -> name.startsWith("MSEGCTL_"));
		builder.environment().putAll(this.exported);
		Process process = builder.start();
		process.getOutputStream().close();
		CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		String out = read(process.getInputStream());
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("'" + line + "' did not end within 2 minutes");
		}
		return new Result(line, process.exitValue(), out, err.join());
	}

	private static String read(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String stripTrailingNewlines(String text) {
		return text.replaceFirst("[\\r\\n]+$", "");
	}

	/** The words of a command line, with '...' and "..." quoting as in a shell. */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (char c : line.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException("unbalanced quote in: " + line);
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
