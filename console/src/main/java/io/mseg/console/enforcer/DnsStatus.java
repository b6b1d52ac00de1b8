package io.mseg.console.enforcer;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mseg.console.web.FieldErrors;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How an enforcer's DNS interception fares: whether it learns the addresses of the names
 * that domain entries match, and how many it holds (issue 16).
 *
 * @param interception {@code Active}, {@code Failed} or {@code Off}
 * @param learnedNames the names currently learned
 * @param learnedAddresses the distinct addresses currently learned
 * @param error why interception failed, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnforcerDnsStatus",
		description = "The enforcer's DNS interception, which domain entries of external networks depend on")
public record DnsStatus(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
		"Active", "Failed", "Off" },
		description = "Active: DNS answers are intercepted and their addresses learned. Failed: interception could"
				+ " not start, domain entries allow nothing. Off: no policy of the enforcer names a domain entry") String interception,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "3",
				description = "The names currently learned") Integer learnedNames,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "5",
				description = "The distinct addresses currently learned") Integer learnedAddresses,
		@Schema(maxLength = DnsStatus.MAX_ERROR_LENGTH,
				example = "port 53 interception: nft: No such file or directory",
				description = "Why interception failed; null or left out otherwise") String error){

	static final int MAX_ERROR_LENGTH = 1024;

	private static final Set<String> INTERCEPTIONS = Set.of("Active", "Failed", "Off");

	/**
	 * Records what is wrong with a reported status; a value the console cannot show as
	 * given is refused, never stored altered.
	 * @param errors where to record it, nested under the field of this status
	 */
	void validate(FieldErrors errors) {
		if (errors.required("interception", this.interception) != null && !INTERCEPTIONS.contains(this.interception)) {
			errors.add("interception", "must be Active, Failed or Off");
		}
		count("learnedNames", this.learnedNames, errors);
		count("learnedAddresses", this.learnedAddresses, errors);
		if (this.error != null && this.error.length() > MAX_ERROR_LENGTH) {
			errors.add("error", "must be at most " + MAX_ERROR_LENGTH + " characters");
		}
	}

	private static void count(String field, Integer value, FieldErrors errors) {
		if (errors.required(field, value) != null && value < 0) {
			errors.add(field, "must not be negative");
		}
	}

}
