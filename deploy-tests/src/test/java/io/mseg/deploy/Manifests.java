package io.mseg.deploy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * The Kubernetes objects {@code helm template} rendered, with the look-ups the tests
 * need.
 */
record Manifests(List<JsonNode> objects) {

	static Manifests parse(String yaml) {
		return new Manifests(Repository.yamlDocuments(yaml));
	}

	List<JsonNode> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.path("kind").asString())).toList();
	}

	JsonNode single(String kind) {
		List<JsonNode> found = ofKind(kind);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + ", found " + found.size());
		}
		return found.get(0);
	}

	Optional<JsonNode> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((object) -> name.equals(object.at("/metadata/name").asString()))
			.findFirst();
	}

	List<String> kinds() {
		return this.objects.stream().map((object) -> object.path("kind").asString()).sorted().toList();
	}

	/**
	 * The pod spec of the single workload of a kind ({@code Deployment},
	 * {@code DaemonSet}).
	 */
	JsonNode podSpec(String kind) {
		return single(kind).at("/spec/template/spec");
	}

	/** A container of the single workload of a kind. */
	JsonNode container(String kind, String name) {
		return elements(podSpec(kind).path("containers")).stream()
			.filter((container) -> name.equals(container.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container named " + name + " in the " + kind));
	}

	/** The console container of the Deployment. */
	JsonNode container() {
		return container("Deployment", "console");
	}

	/** An environment variable of the console container. */
	JsonNode env(String name) {
		return env(container(), name);
	}

	/** An environment variable of a container. */
	static JsonNode env(JsonNode container, String name) {
		return elements(container.path("env")).stream()
			.filter((variable) -> name.equals(variable.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no environment variable " + name));
	}

	boolean hasEnv(String name) {
		return elements(container().path("env")).stream()
			.anyMatch((variable) -> name.equals(variable.path("name").asString()));
	}

	/** A volume of the Deployment's pods. */
	JsonNode volume(String name) {
		return volume("Deployment", name);
	}

	/** A volume of the pods of the single workload of a kind. */
	JsonNode volume(String kind, String name) {
		return elements(podSpec(kind).path("volumes")).stream()
			.filter((volume) -> name.equals(volume.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	/** The volume mounted at a path of the console container. */
	JsonNode volumeMountedAt(String mountPath) {
		return volumeMountedAt("Deployment", container(), mountPath);
	}

	/** The volume mounted at a path of a container of the single workload of a kind. */
	JsonNode volumeMountedAt(String kind, JsonNode container, String mountPath) {
		JsonNode mount = elements(container.path("volumeMounts")).stream()
			.filter((candidate) -> mountPath.equals(candidate.path("mountPath").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
		return volume(kind, mount.path("name").asString());
	}

	/** The decoded value of a key of a rendered Secret. */
	Optional<String> secretValue(String secret, String key) {
		return named("Secret", secret).map((object) -> object.path("data").path(key))
			.filter((value) -> !value.isMissingNode())
			.map((value) -> new String(Base64.getDecoder().decode(value.asString())));
	}

	static List<JsonNode> elements(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).toList();
	}

}
