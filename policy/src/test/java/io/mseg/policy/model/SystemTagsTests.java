package io.mseg.policy.model;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemTagsTests {

	@Test
	void processingUnitsGetSystemTagsFirstThenUserTags() {
		Set<String> tags = SystemTags.forProcessingUnit("pu1", "redis", NamespacePath.parse("/acme/prod"), "Host",
				"enf1", List.of("app=redis", "env=prod"));
		assertThat(tags).containsExactly("$identity=processingunit", "$name=redis", "$namespace=/acme/prod", "$id=pu1",
				"$type=Host", "$enforcerid=enf1", "app=redis", "env=prod");
	}

	@Test
	void missingValuesAreLeftOut() {
		assertThat(SystemTags.forProcessingUnit(null, "redis", NamespacePath.ROOT, null, null, null))
			.containsExactly("$identity=processingunit", "$name=redis", "$namespace=/");
	}

	@Test
	void externalNetworksGetTheirIdentityAndNoTypeOrEnforcer() {
		assertThat(SystemTags.forExternalNetwork("n1", "internet", NamespacePath.parse("/acme"),
				List.of("ext:name=internet")))
			.containsExactly("$identity=externalnetwork", "$name=internet", "$namespace=/acme", "$id=n1",
					"ext:name=internet");
	}

	@Test
	void processingUnitAndExternalNetworkRecordsCopyTheirCollections() {
		List<String> tags = new java.util.ArrayList<>(List.of("a=b"));
		ProcessingUnit pu = new ProcessingUnit("id", "n", NamespacePath.ROOT, "Host", null, Set.copyOf(tags), null);
		assertThat(pu.addresses()).isEmpty();
		assertThat(pu.tags()).containsExactly("a=b");
	}

}
