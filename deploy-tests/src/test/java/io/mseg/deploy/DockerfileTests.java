package io.mseg.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code console/Dockerfile}, {@code enforcer/Dockerfile} and {@code .dockerignore}: the
 * images are made of the jars Maven builds, and the console image's file layout is
 * rebuilt here step by step from the real jar (no Docker engine needed).
 */
class DockerfileTests {

	private static final String TEMURIN_JRE = "eclipse-temurin:(17|21)-jre(-[a-z]+)?";

	private final Dockerfile console = Dockerfile.parse(Repository.read("console/Dockerfile"));

	private final Dockerfile enforcer = Dockerfile.parse(Repository.read("enforcer/Dockerfile"));

	@Test
	void consoleImageRunsOnATemurinJre() {
		for (int stage = 1; stage <= this.console.finalStage(); stage++) {
			assertThat(this.console.baseImage(stage)).matches(TEMURIN_JRE);
		}
	}

	@Test
	void consoleImageCopiesTheJarMavenBuilds() {
		assertThat(Repository.jarOf("console")).isEqualTo("console/target/console.jar");
		assertThat(contextSources(this.console)).containsExactly(Repository.jarOf("console"));
	}

	@Test
	void consoleImageRunsAsAFixedUnprivilegedUserThatOwnsTheDataVolume() {
		assertThat(this.console.last("USER").orElseThrow().arguments()).isEqualTo("10001:10001");
		String runs = runs(this.console);
		assertThat(runs).contains("useradd --uid 10001 --gid 10001",
				"install -d -o 10001 -g 10001 -m 0750 /var/lib/mseg");
		assertThat(this.console.finalStage("VOLUME")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("[\"/var/lib/mseg\"]");
		assertThat(env(this.console)).contains("MSEG_DATA_DIR=/var/lib/mseg");
	}

	@Test
	void consoleImageExposesHttpsAndChecksTheReadinessGroup() {
		assertThat(this.console.finalStage("EXPOSE")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("8443");
		String healthcheck = this.console.last("HEALTHCHECK").orElseThrow().arguments();
		assertThat(healthcheck).contains("CMD curl",
				"https://localhost:${SERVER_PORT:-8443}/actuator/health/readiness");
		assertThat(runs(this.console)).containsPattern("apt-get install .*\\bcurl\\b");
	}

	@Test
	void consoleImageLayoutBuiltFromTheRealJarHasEveryLibraryOnTheClassPath(@TempDir Path images) throws Exception {
		Path jar = Repository.file(Repository.jarOf("console"));
		assertThat(jar).as("%s: run ./mvnw -B -DskipTests package first", jar).isRegularFile();
		int layersStage = this.console.stageNamed("layers");
		Path layersRoot = images.resolve("layers");
		Path finalRoot = images.resolve("final");
		Path layersDir = layersRoot;
		Path finalDir = finalRoot;
		for (Dockerfile.Instruction instruction : this.console.instructions()) {
			boolean inLayers = instruction.stage() == layersStage;
			boolean inFinal = instruction.stage() == this.console.finalStage();
			String[] words = instruction.arguments().split("\\s+");
			switch (instruction.keyword()) {
				case "WORKDIR" -> {
					if (inLayers) {
						layersDir = under(layersRoot, layersDir, words[0]);
					}
					else if (inFinal) {
						finalDir = under(finalRoot, finalDir, words[0]);
					}
				}
				case "COPY" -> {
					if (inLayers) {
						copy(Repository.file(words[0]), under(layersRoot, layersDir, words[1]));
					}
					else if (inFinal && words[0].equals("--from=layers")) {
						copy(under(layersRoot, layersRoot, words[1]), under(finalRoot, finalDir, words[2]));
					}
				}
				// Only the layers stage runs here: the final stage's RUNs install
				// packages.
				case "RUN" -> {
					if (inLayers) {
						run(layersDir, instruction.arguments());
					}
				}
				default -> {
				}
			}
		}
		List<String> entrypoint = this.console.last("ENTRYPOINT").orElseThrow().execForm();
		assertThat(entrypoint.subList(0, 2)).containsExactly("java", "-jar");
		Path application = under(finalRoot, finalRoot, entrypoint.get(2));
		assertThat(application).isRegularFile();
		try (JarFile applicationJar = new JarFile(application.toFile())) {
			Manifest manifest = applicationJar.getManifest();
			assertThat(manifest.getMainAttributes().getValue("Main-Class"))
				.isEqualTo("io.mseg.console.ConsoleApplication");
			String classPath = manifest.getMainAttributes().getValue("Class-Path");
			assertThat(classPath).isNotBlank();
			for (String entry : classPath.trim().split("\\s+")) {
				assertThat(application.resolveSibling(entry)).as("Class-Path entry " + entry).isRegularFile();
			}
			// Every library of the fat jar made it into the image.
			try (JarFile fat = new JarFile(jar.toFile())) {
				List<String> libraries = fat.stream()
					.map((entry) -> entry.getName())
					.filter((name) -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
					.map((name) -> "lib/" + name.substring("BOOT-INF/lib/".length()))
					.toList();
				assertThat(List.of(classPath.trim().split("\\s+"))).containsAll(libraries);
			}
		}
	}

	@Test
	void enforcerImageHasNftablesAndTheJarMavenBuilds() {
		assertThat(this.enforcer.baseImage(this.enforcer.finalStage())).matches(TEMURIN_JRE);
		assertThat(runs(this.enforcer)).containsPattern("apt-get install .*\\bnftables\\b");
		assertThat(contextSources(this.enforcer)).containsExactly("enforcer/target/enforcer.jar");
		if (Files.exists(Repository.file("enforcer/pom.xml"))) {
			assertThat(Repository.jarOf("enforcer")).isEqualTo("enforcer/target/enforcer.jar");
		}
		String destination = this.enforcer.finalStage("COPY").get(0).arguments().split("\\s+")[1];
		assertThat(this.enforcer.last("ENTRYPOINT").orElseThrow().execForm()).containsExactly("java", "-jar",
				destination);
	}

	@Test
	void enforcerImageRunsAsRootAndKeepsItsStateInAVolume() {
		// nft needs CAP_NET_ADMIN, which the runtime grants to root in the container.
		assertThat(this.enforcer.last("USER").map(Dockerfile.Instruction::arguments)).contains("root");
		assertThat(this.enforcer.finalStage("VOLUME")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("[\"/var/lib/mseg-enforcer\"]");
		assertThat(runs(this.enforcer)).contains("install -d -m 0700 /var/lib/mseg-enforcer");
	}

	@Test
	void dockerignoreAdmitsExactlyTheJarsTheImagesCopy() {
		List<String> rules = Repository.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(rules.get(0)).isEqualTo("*");
		Set<String> admitted = new TreeSet<>();
		rules.subList(1, rules.size()).forEach((rule) -> {
			assertThat(rule).startsWith("!");
			admitted.add(rule.substring(1));
		});
		Set<String> copied = new TreeSet<>(contextSources(this.console));
		copied.addAll(contextSources(this.enforcer));
		assertThat(admitted).isEqualTo(copied);
	}

	@Test
	void theOperationsGuideTellsHowToBuildBothImages() {
		assertThat(Repository.read("docs/operations.md")).contains(
				"docker build -f console/Dockerfile -t mseg/console .",
				"docker build -f enforcer/Dockerfile -t mseg/enforcer .");
	}

	/**
	 * What the COPY instructions take from the build context (not from another stage).
	 */
	private static List<String> contextSources(Dockerfile dockerfile) {
		return dockerfile.all("COPY")
			.stream()
			.map(Dockerfile.Instruction::arguments)
			.filter((arguments) -> !arguments.startsWith("--from="))
			.map((arguments) -> arguments.split("\\s+")[0])
			.toList();
	}

	private static String runs(Dockerfile dockerfile) {
		return String.join("\n", dockerfile.all("RUN").stream().map(Dockerfile.Instruction::arguments).toList());
	}

	private static List<String> env(Dockerfile dockerfile) {
		List<String> assignments = new ArrayList<>();
		dockerfile.finalStage("ENV")
			.forEach((instruction) -> assignments.addAll(List.of(instruction.arguments().split("\\s+"))));
		return assignments;
	}

	/** A path of an image, inside the directory that stands for the image's root. */
	private static Path under(Path root, Path current, String path) {
		Path resolved = path.startsWith("/") ? root.resolve(path.substring(1)) : current.resolve(path);
		return resolved.normalize();
	}

	/** COPY: a file to a file, or a directory's content into a directory. */
	private static void copy(Path source, Path target) throws IOException {
		if (Files.isRegularFile(source)) {
			Files.createDirectories(target.getParent());
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
			return;
		}
		assertThat(source).as("COPY source").isDirectory();
		try (Stream<Path> tree = Files.walk(source)) {
			for (Path path : tree.toList()) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.createDirectories(destination.getParent());
					Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/** RUN in the shell, with this JVM's java first on the PATH, bounded to 2 minutes. */
	private static void run(Path directory, String command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(directory.toFile())
			.redirectErrorStream(true);
		Path javaBin = Path.of(System.getProperty("java.home"), "bin");
		builder.environment().put("PATH", javaBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		Files.createDirectories(directory);
		Process process = builder.start();
		process.getOutputStream().close();
		String output;
		try {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("RUN " + command + " did not finish in 2 minutes");
		}
		assertThat(process.exitValue()).as("RUN %s:%n%s", command, output).isZero();
	}

}
