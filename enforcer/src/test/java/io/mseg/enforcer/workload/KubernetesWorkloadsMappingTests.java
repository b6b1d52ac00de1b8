package io.mseg.enforcer.workload;

import java.util.List;

import io.mseg.policy.InvalidValueException;
import org.junit.jupiter.api.Test;

import static io.mseg.enforcer.workload.TestPods.pod;
import static io.mseg.enforcer.workload.TestPods.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a pod becomes a workload ({@link PodMapping}, the mapping of
 * {@link KubernetesWorkloads}).
 */
class KubernetesWorkloadsMappingTests {

	@Test
	void aRunningPodIsAWorkloadNamedByNamespaceAndName() {
		Workload workload = PodMapping.workload(pod("shop", "web-1").label("app", "web").ips("10.0.0.7").build())
			.orElseThrow();

		assertThat(workload).isEqualTo(new Workload("shop/web-1", Workload.POD, List.of("10.0.0.7"),
				List.of("app=web", "k8s:namespace=shop"), "cali751425ce827"));
	}

	@Test
	void theVethIsCalicosName() {
		// printf 'default.nginx' | sha1sum: c440f455693b69cdd48a37aa5ecd78038f50413d
		assertThat(PodMapping.vethName("default", "nginx")).isEqualTo("calic440f455693");
		// printf 'kube-system.coredns-5d78c9869d-abcde' | sha1sum: 4d5f75c480cc7f...
		assertThat(PodMapping.vethName("kube-system", "coredns-5d78c9869d-abcde")).isEqualTo("cali4d5f75c480c")
			.hasSize(15);
	}

	@Test
	void aDualStackPodHasBothAddressesIpv4First() {
		Workload workload = PodMapping.workload(pod("shop", "web-1").ips("fd00::7", "10.0.0.7").build()).orElseThrow();

		assertThat(workload.addresses()).containsExactly("10.0.0.7", "fd00::7");
	}

	@Test
	void ipv6AddressesAreCanonical() {
		Workload workload = PodMapping.workload(pod("shop", "web-1").ips("FD00:0:0:0:0:0:0:00A7").build())
			.orElseThrow();

		assertThat(workload.addresses()).containsExactly("fd00::a7");
	}

	@Test
	void podIpAloneIsEnoughWithoutPodIps() {
		Workload workload = PodMapping.workload(pod("shop", "web-1").ipOnly("10.0.0.7").build()).orElseThrow();

		assertThat(workload.addresses()).containsExactly("10.0.0.7");
	}

	@Test
	void labelsBecomeTagsSortedByKeyAndAnEmptyValueIsTwoQuotes() {
		Workload workload = PodMapping
			.workload(pod("shop", "web-1").label("tier", "").label("app", "web").ips("10.0.0.7").build())
			.orElseThrow();

		assertThat(workload.tags()).containsExactly("app=web", "tier=\"\"", "k8s:namespace=shop");
	}

	@Test
	void aLabelThatCannotBeATagIsRefusedNamingTheLabel() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PodMapping.workload(pod("shop", "web-1").label("bad key", "x").ips("10.0.0.7").build()))
			.withMessageContaining("label bad key");
	}

	@Test
	void aPodWithALabelThatCannotBeATagIsLeftOutWithAProblemNamingPodAndLabel() {
		Workloads workloads = PodMapping.workloads(List.of(running("web-1", "10.0.0.1"),
				pod("shop", "web-2").label("bad key", "x").ips("10.0.0.2").build()), List.of());

		assertThat(workloads.workloads()).extracting(Workload::name).containsExactly("shop/web-1");
		assertThat(workloads.problems()).singleElement()
			.asString()
			.startsWith("kubernetes: pod shop/web-2 is left out: label bad key");
	}

	@Test
	void aPodWithAnAddressThatIsNoAddressIsLeftOutWithAProblem() {
		Workloads workloads = PodMapping.workloads(List.of(running("web-1", "10.0.0.300")), List.of());

		assertThat(workloads.workloads()).isEmpty();
		assertThat(workloads.problems()).singleElement()
			.asString()
			.startsWith("kubernetes: pod shop/web-1 is left out: its address '10.0.0.300'");
	}

	@Test
	void hostNetworkPodsAreTheNodeItselfAndLeftOut() {
		assertThat(PodMapping.workload(pod("kube-system", "kube-proxy").hostNetwork().ips("192.0.2.10").build()))
			.isEmpty();
	}

	@Test
	void podsWithoutAnAddressYetAreLeftOut() {
		assertThat(PodMapping.workload(pod("shop", "web-1").phase("Pending").build())).isEmpty();
	}

	@Test
	void finishedPodsAreLeftOutSinceTheirAddressesAreReused() {
		assertThat(PodMapping.workload(pod("shop", "job-1").phase("Succeeded").ips("10.0.0.7").build())).isEmpty();
		assertThat(PodMapping.workload(pod("shop", "job-2").phase("Failed").ips("10.0.0.8").build())).isEmpty();
	}

	@Test
	void podsBeingDeletedAreLeftOut() {
		assertThat(PodMapping.workload(pod("shop", "web-1").deleting().ips("10.0.0.7").build())).isEmpty();
	}

	@Test
	void podsLeftOutAsNoneOfOursAreNoProblem() {
		Workloads workloads = PodMapping.workloads(
				List.of(pod("shop", "web-1").phase("Pending").build(),
						pod("kube-system", "kube-proxy").hostNetwork().ips("192.0.2.10").build()),
				List.of("source problem"));

		assertThat(workloads.workloads()).isEmpty();
		assertThat(workloads.problems()).containsExactly("source problem");
	}

	@Test
	void twoPodsClaimingOneAddressKeepTheFirstByName() {
		Workloads workloads = PodMapping.workloads(List.of(running("web-2", "10.0.0.1"), running("web-1", "10.0.0.1")),
				List.of());

		assertThat(workloads.workloads()).extracting(Workload::name).containsExactly("shop/web-1");
		assertThat(workloads.problems()).singleElement().asString().contains("shop/web-2");
	}

}
