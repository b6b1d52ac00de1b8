package io.mseg.console.object;

import java.util.List;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A page that would start beyond what an offset can count is refused on every list, not
 * answered with a server error.
 */
class PagingIntegrationTests extends ConsoleIntegrationTest {

	private static final List<String> LISTS = List.of("/namespaces", "/networkaccesspolicies", "/externalnetworks",
			"/processingunits", "/enforcers", "/apitokens", "/enrollmenttokens", "/auditrecords", "/tags");

	@Test
	void aPageBeyondTheLargestOffsetIsRefusedOnEveryList() {
		for (String list : LISTS) {
			this.api.get(this.tenant, list + "?page=1073741825&pagesize=2").expectProblem(422, "page");
			this.api.get(this.tenant, list + "?page=2147483647&pagesize=1000").expectProblem(422, "page");
			this.api.get(this.tenant, list + "?page=0").expectProblem(422, "page");
			this.api.get(this.tenant, list + "?page=99999999999").expectProblem(400, "page");
			this.api.get(this.tenant, list + "?page=1073741824&pagesize=2").expectStatus(200);
		}
	}

}
