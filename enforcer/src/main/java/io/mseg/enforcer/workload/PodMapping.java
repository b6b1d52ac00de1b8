package io.mseg.enforcer.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.tag.Tag;

/**
 * How a Kubernetes pod becomes a {@link Workload}: see {@link KubernetesWorkloads} for
 * which pods are left out and why. Pure functions, no client.
 */
final class PodMapping {

	/** Calico's default interface prefix ({@code FELIX_INTERFACEPREFIX} unset). */
	private static final String CALICO_PREFIX = "cali";

	private PodMapping() {
	}

	/**
	 * The workloads of some pods, without collisions.
	 * @param pods the pods, in any order
	 * @param problems the problems of the source itself, listed first
	 * @return the snapshot; a pod that cannot be a workload adds a problem
	 */
	static Workloads workloads(Collection<Pod> pods, List<String> problems) {
		List<Pod> sorted = new ArrayList<>(pods);
		// the problems' order must not depend on the cache's: snapshots are compared
		sorted.sort(Comparator.comparing(PodMapping::name));
		List<Workload> found = new ArrayList<>();
		List<String> allProblems = new ArrayList<>(problems);
		for (Pod pod : sorted) {
			try {
				workload(pod).ifPresent(found::add);
			}
			catch (InvalidValueException ex) {
				allProblems.add("kubernetes: pod " + name(pod) + " is left out: " + ex.getMessage());
			}
		}
		return Workloads.of(found, allProblems);
	}

	/**
	 * The workload of a pod.
	 * @param pod the pod
	 * @return the workload, or empty when the pod is none of ours (host network, no IP
	 * yet, finished, being deleted)
	 * @throws InvalidValueException when a label cannot be a tag or an address is no
	 * address
	 */
	static Optional<Workload> workload(Pod pod) {
		ObjectMeta metadata = pod.getMetadata();
		PodSpec spec = Objects.requireNonNullElseGet(pod.getSpec(), PodSpec::new);
		PodStatus status = Objects.requireNonNullElseGet(pod.getStatus(), PodStatus::new);
		if (Boolean.TRUE.equals(spec.getHostNetwork()) || metadata.getDeletionTimestamp() != null
				|| "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase())) {
			return Optional.empty();
		}
		List<String> addresses = addresses(status);
		if (addresses.isEmpty()) {
			return Optional.empty();
		}
		List<String> tags = new ArrayList<>(
				WorkloadTags.of(Objects.requireNonNullElse(metadata.getLabels(), Map.of())));
		tags.add(new Tag(WorkloadTags.KUBERNETES_NAMESPACE, metadata.getNamespace()).toString());
		return Optional.of(new Workload(name(pod), Workload.POD, addresses, tags,
				vethName(metadata.getNamespace(), metadata.getName())));
	}

	/**
	 * The host side of a pod's veth as Calico's CNI plugin names it
	 * ({@code VethNameForWorkload}): {@code cali} and the first 11 hex digits of the
	 * SHA-1 of {@code <namespace>.<pod name>}.
	 * @param namespace the pod's namespace
	 * @param pod the pod's name
	 * @return the interface name (15 characters, the kernel's longest)
	 */
	static String vethName(String namespace, String pod) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((namespace + "." + pod).getBytes(StandardCharsets.UTF_8));
			return CALICO_PREFIX + HexFormat.of().formatHex(digest).substring(0, 11);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-1", ex);
		}
	}

	static String name(Pod pod) {
		return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
	}

	/** {@code podIPs} holds one address per family; {@code podIP} alone predates it. */
	private static List<String> addresses(PodStatus status) {
		List<String> texts = new ArrayList<>();
		List<PodIP> podIps = Objects.requireNonNullElse(status.getPodIPs(), List.of());
		podIps.forEach((podIp) -> texts.add(podIp.getIp()));
		if (texts.isEmpty() && status.getPodIP() != null && !status.getPodIP().isEmpty()) {
			texts.add(status.getPodIP());
		}
		TreeSet<IpAddress> parsed = new TreeSet<>();
		for (String text : texts) {
			try {
				parsed.add(IpAddress.parse(text));
			}
			catch (InvalidValueException ex) {
				throw new InvalidValueException("its address '" + text + "': " + ex.getMessage());
			}
		}
		return parsed.stream().map(IpAddress::toString).toList();
	}

}
