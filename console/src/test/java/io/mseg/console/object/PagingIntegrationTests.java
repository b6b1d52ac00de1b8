package io.mseg.console.object;

import java.util.List;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A page that would start beyond what an offset can count is refused on every list, not
 * answered with a server error; numbers and booleans in the query are read strictly.
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

	@Test
	void numbersAndBooleansInTheQueryAreOnlyDigitsAndTrueOrFalse() {
		for (String list : LISTS) {
			// Spring's defaults read these as 16, 1, 1 and true.
			for (String query : List.of("page=0x10", "page=%23%31", "page=%D9%A1", "pagesize=%EF%BC%91", "page=+1",
					"recursive=yes", "recursive=1", "recursive=TRUE")) {
				this.api.get(this.tenant, list + "?" + query).expectStatus(400);
			}
			this.api.get(this.tenant, list + "?page=1&pagesize=5&recursive=true").expectStatus(200);
		}
	}

}
