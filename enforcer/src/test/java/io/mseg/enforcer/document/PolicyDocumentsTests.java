package io.mseg.enforcer.document;

import io.mseg.enforcer.nftables.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rendered policy is read strictly where a misreading would allow. */
class PolicyDocumentsTests {

	@Test
	void aRuleWithAnActionOtherThanAllowOrRejectIsRefusedNotReadAsAllow() throws Exception {
		String redis = Fixtures.resource("documents/redis.json");
		assertThat(PolicyDocuments.parse(redis).processingUnits()).isNotEmpty();
		for (String action : new String[] { "reject", "Deny", "Allo", "" }) {
			String changed = redis.replaceFirst("\"action\" *: *\"(Allow|Reject)\"", "\"action\":\"" + action + "\"");
			assertThatThrownBy(() -> PolicyDocuments.parse(changed)).as(action)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("only Allow and Reject are enforced");
		}
	}

}
