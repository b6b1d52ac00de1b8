package io.mseg.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The enforcer's Helm chart, {@code helm/mseg-enforcer} (node mode, one enforcer per
 * node): {@code helm lint} passes and {@code helm template} renders a DaemonSet in the
 * node's network namespace with NET_ADMIN only, its state on the node, and a role that
 * reads pods and nothing else. Needs a helm binary (see {@link Helm}); skipped without
 * one unless {@code MSEG_REQUIRE_HELM=true}.
 */
class EnforcerChartTests {

	private static final String CHART = "helm/mseg-enforcer";

	private static final String RELEASE = "mseg";

	private static final String NAMESPACE = "mseg-system";

	/** {@code <release>-<chart>}. */
	private static final String FULLNAME = "mseg-mseg-enforcer";

	private static final String CONSOLE = "https://console.example.com:8443";

	private static final String TOKEN_SECRET = "msen_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

	/** An enrollment token as {@code POST /enrollmenttokens} answers it. */
	private static final String TOKEN = TOKEN_SECRET + "."
			+ "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static Helm helm;

	private static Manifests defaults;

	@BeforeAll
	static void findHelm() {
		Optional<Helm> found = Helm.find();
		if (found.isEmpty()) {
			String reason = "helm not found: " + Helm.HOW_TO_GET;
			if (Helm.required()) {
				fail(reason + " (" + Helm.REQUIRE_VARIABLE + "=true)");
			}
			System.err.println("[deploy-tests] SKIPPING the enforcer chart tests: " + reason);
			assumeTrue(false, reason);
		}
		helm = found.get();
		defaults = render();
	}

	@Test
	void lintsCleanWithTheRequiredValues() {
		Helm.Result lint = helm.run(arguments(List.of("lint", "--strict", CHART), required())).requireSuccess();
		assertThat(lint.out()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
	}

	@Test
	void lintsCleanWithEveryOptionSet() {
		Helm.Result lint = helm.run("lint", "--strict", CHART, "-f", allOptions()).requireSuccess();
		assertThat(lint.out()).contains("0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
	}

	@Test
	void appVersionIsTheMavenProjectVersion() {
		JsonNode chart = Repository.yaml(Repository.read(CHART + "/Chart.yaml"));
		assertThat(chart.path("appVersion").asString()).isEqualTo(Repository.version());
		assertThat(chart.path("apiVersion").asString()).isEqualTo("v2");
		assertThat(daemonSetContainer(defaults).path("image").asString())
			.isEqualTo("mseg/enforcer:" + Repository.version());
	}

	@Test
	void rendersTheDaemonSetItsRbacAndTheTokenSecret() {
		assertThat(defaults.kinds()).containsExactly("ClusterRole", "ClusterRoleBinding", "DaemonSet", "Secret",
				"ServiceAccount");
		assertThat(defaults.objects()).allSatisfy((object) -> {
			JsonNode labels = object.at("/metadata/labels");
			assertThat(labels.path("app.kubernetes.io/name").asString()).isEqualTo("mseg-enforcer");
			assertThat(labels.path("app.kubernetes.io/instance").asString()).isEqualTo(RELEASE);
			assertThat(labels.path("app.kubernetes.io/component").asString()).isEqualTo("enforcer");
			assertThat(labels.path("app.kubernetes.io/managed-by").asString()).isEqualTo("Helm");
			String kind = object.path("kind").asString();
			if (!kind.startsWith("Cluster")) {
				assertThat(object.at("/metadata/namespace").asString()).as(kind).isEqualTo(NAMESPACE);
			}
		});
		JsonNode daemonSet = defaults.single("DaemonSet");
		JsonNode podLabels = daemonSet.at("/spec/template/metadata/labels");
		daemonSet.at("/spec/selector/matchLabels")
			.properties()
			.forEach((label) -> assertThat(podLabels.path(label.getKey()).asString())
				.isEqualTo(label.getValue().asString()));
	}

	@Test
	void enforcerRunsInTheNodesNetworkNamespaceAndStillResolvesClusterNames() {
		JsonNode pod = defaults.podSpec("DaemonSet");
		assertThat(pod.path("hostNetwork").asBoolean()).isTrue();
		assertThat(pod.path("dnsPolicy").asString()).isEqualTo("ClusterFirstWithHostNet");
		assertThat(pod.has("hostPID")).isFalse();
		assertThat(pod.has("hostIPC")).isFalse();
	}

	@Test
	void enforcerProtectsTheKubernetesPodsOfTheNodeItIsNamedAfter() {
		JsonNode container = daemonSetContainer(defaults);
		assertThat(value(container, "MSEG_ENFORCER_WORKLOADS")).isEqualTo("kubernetes");
		JsonNode name = Manifests.env(container, "MSEG_ENFORCER_NAME");
		assertThat(name.has("value")).isFalse();
		assertThat(name.at("/valueFrom/fieldRef/fieldPath").asString()).isEqualTo("spec.nodeName");
		assertThat(value(container, "MSEG_ENFORCER_WORKLOAD_INTERFACES")).isEqualTo("cali*");
	}

	@Test
	void consoleUrlAndTokenFromTheSecretTheChartCreatesReachTheEnforcer() {
		JsonNode container = daemonSetContainer(defaults);
		assertThat(value(container, "MSEG_ENFORCER_CONSOLE")).isEqualTo(CONSOLE);
		JsonNode token = Manifests.env(container, "MSEG_ENFORCER_TOKEN");
		assertThat(token.has("value")).as("never the token itself in the pod spec").isFalse();
		String secret = FULLNAME + "-enrollment";
		assertThat(token.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo(secret);
		assertThat(token.at("/valueFrom/secretKeyRef/key").asString()).isEqualTo("token");
		assertThat(defaults.secretValue(secret, "token")).contains(TOKEN);
	}

	@Test
	void existingTokenSecretIsReferencedAndNoneIsCreated() {
		Manifests manifests = renderOnly("-f", allOptions());
		assertThat(manifests.ofKind("Secret")).isEmpty();
		JsonNode token = Manifests.env(daemonSetContainer(manifests), "MSEG_ENFORCER_TOKEN");
		assertThat(token.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo("mseg-enrollment");
		assertThat(token.at("/valueFrom/secretKeyRef/key").asString()).isEqualTo("enrollment-token");
	}

	@Test
	void containerIsRootWithNetAdminOnlyNoEscalationAndAReadOnlyRoot() {
		JsonNode context = daemonSetContainer(defaults).path("securityContext");
		assertThat(strings(context.at("/capabilities/drop"))).containsExactly("ALL");
		// Netlink sockets (nftables, conntrack, NFLOG) and SO_MARK need NET_ADMIN; the
		// enforcer opens no raw IP socket, so no NET_RAW (see values.yaml).
		assertThat(strings(context.at("/capabilities/add"))).containsExactly("NET_ADMIN");
		assertThat(context.path("privileged").asBoolean()).isFalse();
		assertThat(context.path("allowPrivilegeEscalation").asBoolean()).isFalse();
		assertThat(context.path("readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(context.path("runAsUser").asInt()).isZero();
		assertThat(context.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
		// The same capabilities as the enforcer of docker-compose.yml.
		JsonNode compose = Repository.yaml(Repository.read("docker-compose.yml")).at("/services/enforcer");
		assertThat(strings(context.at("/capabilities/add"))).isEqualTo(strings(compose.path("cap_add")));
		assertThat(strings(context.at("/capabilities/drop"))).isEqualTo(strings(compose.path("cap_drop")));
	}

	@Test
	void stateLivesOnTheNodeWhereTheEnforcerLooksForIt() {
		JsonNode container = daemonSetContainer(defaults);
		String stateDirectory = value(container, "MSEG_ENFORCER_STATE_DIR");
		assertThat(stateDirectory).isEqualTo("/var/lib/mseg-enforcer");
		JsonNode state = defaults.volumeMountedAt("DaemonSet", container, stateDirectory);
		assertThat(state.at("/hostPath/path").asString()).isEqualTo(stateDirectory);
		assertThat(state.at("/hostPath/type").asString()).isEqualTo("DirectoryOrCreate");
		// The image's volume is the enforcer's default state directory.
		Dockerfile image = Dockerfile.parse(Repository.read("enforcer/Dockerfile"));
		assertThat(image.finalStage("VOLUME")).extracting(Dockerfile.Instruction::arguments)
			.containsExactly("[\"" + stateDirectory + "\"]");
		Manifests moved = render("--set", "stateDir=/opt/mseg/state");
		JsonNode movedContainer = daemonSetContainer(moved);
		assertThat(value(movedContainer, "MSEG_ENFORCER_STATE_DIR")).isEqualTo("/opt/mseg/state");
		assertThat(
				moved.volumeMountedAt("DaemonSet", movedContainer, "/opt/mseg/state").at("/hostPath/path").asString())
			.isEqualTo("/opt/mseg/state");
	}

	@Test
	void jnaUnpacksIntoAWritableTmpSinceTheRootIsReadOnly() {
		JsonNode container = daemonSetContainer(defaults);
		assertThat(defaults.volumeMountedAt("DaemonSet", container, "/tmp").has("emptyDir")).isTrue();
		assertThat(value(container, "JAVA_TOOL_OPTIONS")).contains("-Djna.tmpdir=/tmp");
	}

	@Test
	void podUsesTheServiceAccountTheClusterRoleIsBoundTo() {
		JsonNode pod = defaults.podSpec("DaemonSet");
		String account = defaults.single("ServiceAccount").at("/metadata/name").asString();
		assertThat(account).isEqualTo(FULLNAME);
		assertThat(pod.path("serviceAccountName").asString()).isEqualTo(account);
		assertThat(pod.path("automountServiceAccountToken").asBoolean()).as("in-cluster config").isTrue();
		JsonNode binding = defaults.single("ClusterRoleBinding");
		assertThat(binding.at("/roleRef/kind").asString()).isEqualTo("ClusterRole");
		assertThat(binding.at("/roleRef/name").asString())
			.isEqualTo(defaults.single("ClusterRole").at("/metadata/name").asString());
		assertThat(Manifests.elements(binding.path("subjects"))).singleElement().satisfies((subject) -> {
			assertThat(subject.path("kind").asString()).isEqualTo("ServiceAccount");
			assertThat(subject.path("name").asString()).isEqualTo(account);
			assertThat(subject.path("namespace").asString()).isEqualTo(NAMESPACE);
		});
	}

	@Test
	void clusterRoleReadsPodsAndNothingElse() {
		JsonNode rules = defaults.single("ClusterRole").path("rules");
		assertThat(rules).isEqualTo(Repository.yaml("""
				- apiGroups: [""]
				  resources: [pods]
				  verbs: [get, list, watch]
				"""));
		assertThat(defaults.ofKind("Role")).isEmpty();
		assertThat(defaults.ofKind("RoleBinding")).isEmpty();
	}

	@Test
	void rbacAndServiceAccountCanBeLeftToTheOperator() {
		Manifests manifests = render("--set", "rbac.create=false", "--set", "serviceAccount.create=false", "--set",
				"serviceAccount.name=mseg-node-reader");
		assertThat(manifests.kinds()).containsExactly("DaemonSet", "Secret");
		assertThat(manifests.podSpec("DaemonSet").path("serviceAccountName").asString()).isEqualTo("mseg-node-reader");
	}

	@Test
	void runsOnEveryLinuxNodeAsNodeCriticalOneNodeAtATime() {
		JsonNode daemonSet = defaults.single("DaemonSet");
		JsonNode pod = defaults.podSpec("DaemonSet");
		assertThat(pod.path("tolerations")).isEqualTo(Repository.yaml("[{operator: Exists}]"));
		assertThat(pod.path("nodeSelector")).isEqualTo(Repository.yaml("{kubernetes.io/os: linux}"));
		assertThat(pod.path("priorityClassName").asString()).isEqualTo("system-node-critical");
		assertThat(daemonSet.at("/spec/updateStrategy/type").asString()).isEqualTo("RollingUpdate");
		assertThat(daemonSet.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asInt()).isEqualTo(1);
		JsonNode resources = daemonSetContainer(defaults).path("resources");
		assertThat(resources.at("/requests/memory").asString()).isNotEmpty();
		assertThat(resources.at("/limits/memory").asString()).isNotEmpty();
	}

	@Test
	void failsafePortsKeepTheNodeInTheCluster() {
		JsonNode container = daemonSetContainer(defaults);
		// The kubelet's API and the API server, in both directions; SSH in; DNS out.
		assertThat(List.of(value(container, "MSEG_ENFORCER_FAILSAFE_INBOUND").split(","))).contains("tcp/22",
				"tcp/6443", "tcp/10250");
		assertThat(List.of(value(container, "MSEG_ENFORCER_FAILSAFE_OUTBOUND").split(","))).contains("udp/53", "tcp/53",
				"tcp/6443", "tcp/10250");
	}

	@Test
	void everyOptionReachesTheDaemonSet() {
		Manifests manifests = renderOnly("-f", allOptions());
		JsonNode daemonSet = manifests.single("DaemonSet");
		JsonNode pod = manifests.podSpec("DaemonSet");
		JsonNode container = daemonSetContainer(manifests);
		assertThat(container.path("image").asString()).isEqualTo("registry.example.com/mseg/enforcer:1.2.3");
		assertThat(container.path("imagePullPolicy").asString()).isEqualTo("Always");
		assertThat(value(container, "MSEG_ENFORCER_CONSOLE")).isEqualTo("https://console.example.com:8443");
		assertThat(value(container, "MSEG_ENFORCER_TAG")).isEqualTo("k8s:cluster=prod,zone=eu-1");
		assertThat(value(container, "MSEG_ENFORCER_WORKLOAD_INTERFACES")).isEqualTo("cali+");
		assertThat(value(container, "MSEG_ENFORCER_FAILSAFE_OUTBOUND")).isEqualTo("udp/53,tcp/53,tcp/443");
		assertThat(value(container, "MSEG_ENFORCER_FLOW_LOGS")).isEqualTo("false");
		assertThat(value(container, "MSEG_ENFORCER_REJECT_WITH")).isEqualTo("icmp");
		assertThat(Manifests.env(container, "MSEG_ENFORCER_ADDRESS").at("/valueFrom/fieldRef/fieldPath").asString())
			.isEqualTo("status.hostIP");
		assertThat(manifests.volumeMountedAt("DaemonSet", container, "/var/lib/mseg/enforcer")
			.at("/hostPath/path")
			.asString()).isEqualTo("/var/lib/mseg/enforcer");
		assertThat(container.at("/resources/limits/memory").asString()).isEqualTo("768Mi");
		assertThat(pod.path("priorityClassName").asString()).isEqualTo("mseg-enforcer-critical");
		assertThat(pod.at("/nodeSelector/example.com~1protected").asString()).isEqualTo("true");
		assertThat(pod.at("/tolerations/0/key").asString()).isEqualTo("node-role.kubernetes.io/control-plane");
		assertThat(pod.at("/affinity/nodeAffinity").isMissingNode()).isFalse();
		assertThat(pod.at("/imagePullSecrets/0/name").asString()).isEqualTo("regcred");
		assertThat(pod.path("serviceAccountName").asString()).isEqualTo("mseg-enforcer");
		assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(20);
		assertThat(daemonSet.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asString()).isEqualTo("10%");
		assertThat(daemonSet.at("/spec/template/metadata/labels/example.com~1tier").asString()).isEqualTo("node");
		assertThat(daemonSet.at("/spec/template/metadata/annotations/example.com~1team").asString())
			.isEqualTo("security");
	}

	@Test
	void refusesToRenderWithoutAConsoleUrl() {
		Helm.Result result = helm.templateOf(CHART, RELEASE, NAMESPACE, "--set", "enrollmentToken.value=" + TOKEN);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("console.url is required");
	}

	@Test
	void refusesAConsoleUrlTheEnforcerWouldRefuse() {
		for (String url : List.of("http://console:8443", "https://console:8443/api", "console:8443")) {
			Helm.Result result = helm.templateOf(CHART, RELEASE, NAMESPACE, "--set", "console.url=" + url, "--set",
					"enrollmentToken.value=" + TOKEN);
			assertThat(result.exitCode()).as(url).isNotZero();
			assertThat(result.err()).as(url).contains("console.url must be https://host[:port] without a path");
		}
	}

	@Test
	void refusesToRenderWithoutAnEnrollmentToken() {
		Helm.Result result = helm.templateOf(CHART, RELEASE, NAMESPACE, "--set", "console.url=" + CONSOLE);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("an enrollment token is required", "enrollmentToken.existingSecret",
				"enrollmentToken.value");
	}

	@Test
	void refusesAValueThatIsNoEnrollmentTokenWithoutRepeatingIt() {
		String apiToken = "mseg_notAnEnrollmentTokenButAnApiToken12345";
		Helm.Result result = helm.templateOf(CHART, RELEASE, NAMESPACE, "--set", "console.url=" + CONSOLE, "--set",
				"enrollmentToken.value=" + apiToken);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("enrollmentToken.value is not an enrollment token").doesNotContain(apiToken);
	}

	@Test
	void notesNeverShowTheToken(@TempDir Path work) {
		Helm.Result notes = helm.notes(CHART, work, RELEASE, NAMESPACE, required()).requireSuccess();
		assertThat(notes.out()).contains("daemonset/" + FULLNAME, FULLNAME + "-enrollment", CONSOLE)
			.doesNotContain(TOKEN_SECRET)
			.doesNotContain(TOKEN.substring(TOKEN.indexOf('.') + 1))
			.doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
		// A token from the values is also in the release's history: the notes say so.
		assertThat(notes.out()).contains("enrollmentToken.existingSecret");
	}

	@Test
	void consoleChartNamesTheUrlInClusterEnforcersUseAndItsCertificateCoversIt(@TempDir Path work) {
		String consoleNamespace = "security";
		Helm.Result consoleNotes = helm.notes("helm/mseg-console", work, RELEASE, consoleNamespace).requireSuccess();
		String url = consoleNotes.out()
			.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("--set console.url="))
			.map((line) -> line.substring("--set console.url=".length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no console.url in the console chart's notes"));
		String host = url.substring("https://".length(), url.lastIndexOf(':'));
		Manifests console = Manifests.parse(helm.template(RELEASE, consoleNamespace).requireSuccess().out());
		assertThat(console.named("Service", host.substring(0, host.indexOf('.'))))
			.hasValueSatisfying((service) -> assertThat(service.at("/spec/clusterIP").asString()).isEqualTo("None"));
		assertThat(List.of(console.env("MSEG_TLS_HOSTS").path("value").asString().split(","))).contains(host);
		Manifests enforcer = render("--set", "console.url=" + url);
		assertThat(value(daemonSetContainer(enforcer), "MSEG_ENFORCER_CONSOLE")).isEqualTo(url);
	}

	@Test
	void operationsGuideInstallsTheChartWithValuesThatRender() {
		String operations = Repository.read("docs/operations.md");
		assertThat(operations).contains("### Node mode on Kubernetes");
		String section = operations.substring(operations.indexOf("### Node mode on Kubernetes"));
		section = section.substring(0, section.indexOf("\n## "));
		String install = section.lines()
			.dropWhile((line) -> !line.startsWith("helm install"))
			.takeWhile((line) -> !line.isBlank() && !line.startsWith("kubectl"))
			.map((line) -> line.replaceAll("\\\\$", "").strip())
			.reduce("", (a, b) -> a + " " + b);
		assertThat(install).contains("helm install", CHART, "--namespace");
		List<String> values = new ArrayList<>();
		Matcher set = Pattern.compile("--set (\\S+)").matcher(install);
		while (set.find()) {
			values.add("--set");
			values.add(set.group(1));
		}
		assertThat(values).contains("enrollmentToken.existingSecret=mseg-enrollment");
		Manifests manifests = renderOnly(values.toArray(String[]::new));
		JsonNode container = daemonSetContainer(manifests);
		assertThat(value(container, "MSEG_ENFORCER_CONSOLE")).startsWith("https://").contains("-headless.");
		assertThat(section).contains("pod-security.kubernetes.io/enforce=privileged",
				"create secret generic mseg-enrollment", "NET_ADMIN", "NET_RAW", "hostNetwork", "hostPath",
				"--workload-interfaces", "spec.nodeName");
	}

	/** The chart rendered with the required values and these. */
	private static Manifests render(String... values) {
		return renderOnly(arguments(List.of(required()), values));
	}

	/** The chart rendered with these values only. */
	private static Manifests renderOnly(String... values) {
		return Manifests.parse(helm.templateOf(CHART, RELEASE, NAMESPACE, values).requireSuccess().out());
	}

	/** The values without which the chart refuses to render. */
	private static String[] required() {
		return new String[] { "--set", "console.url=" + CONSOLE, "--set", "enrollmentToken.value=" + TOKEN };
	}

	private static String[] arguments(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static String allOptions() {
		return Repository.file("deploy-tests/src/test/resources/enforcer-all-options-values.yaml").toString();
	}

	private static JsonNode daemonSetContainer(Manifests manifests) {
		return manifests.container("DaemonSet", "enforcer");
	}

	private static String value(JsonNode container, String variable) {
		return Manifests.env(container, variable).path("value").asString();
	}

	private static List<String> strings(JsonNode array) {
		return Manifests.elements(array).stream().map(JsonNode::asString).toList();
	}

}
