package io.mseg.benchmarks.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ImportDocumentTests {

	@Test
	void theImportDocumentHoldsExactlyTheObjectsAskedFor() {
		JsonNode data = JsonMapper.builder().build().readTree(ApiLoad.importDocument(10_000)).get("data");
		assertThat(data.get("namespaces").size()).isEqualTo(100);
		assertThat(data.get("externalnetworks").size()).isEqualTo(1_000);
		assertThat(data.get("networkaccesspolicies").size()).isEqualTo(3_900);
		assertThat(data.get("processingunits").size()).isEqualTo(5_000);
	}

}
