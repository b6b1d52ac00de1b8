package io.mseg.console.enforcer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldError;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

/**
 * The sections an enforcer asks for.
 *
 * @param sections section names, each 32 lowercase hexadecimal characters
 */
@Schema(name = "RenderedPolicySectionsRequest")
record SectionsRequest(@ArraySchema(minItems = 1, maxItems = SectionsRequest.MAX_NAMES,
		schema = @Schema(pattern = "^[0-9a-f]{32}$")) List<String> sections) {

	/** The most names one request may ask for. */
	static final int MAX_NAMES = 10_000;

	/** The most invalid names listed in one answer. */
	private static final int MAX_ERRORS = 10;

	private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}");

	/**
	 * Reads and checks a request body, keeping its distinct names in request order. Read
	 * by hand rather than bound, so that every malformed body answers 400 as the wire
	 * contract says (binding errors answer 422 elsewhere in the API).
	 */
	static SectionsRequest read(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw invalid(List.of(new FieldError("body", "must be an object")));
		}
		List<FieldError> errors = new ArrayList<>();
		body.propertyNames()
			.stream()
			.filter((field) -> !field.equals("sections"))
			.forEach((field) -> errors.add(new FieldError(field, "is not a field of this object")));
		JsonNode sections = body.get("sections");
		if (sections == null || sections.isNull()) {
			errors.add(new FieldError("sections", "is required"));
		}
		else if (!sections.isArray()) {
			errors.add(new FieldError("sections", "must be a list of section names"));
		}
		else if (sections.isEmpty() || sections.size() > MAX_NAMES) {
			errors.add(new FieldError("sections", "must hold 1 to " + MAX_NAMES + " names"));
		}
		else {
			for (int i = 0; i < sections.size() && errors.size() < MAX_ERRORS; i++) {
				JsonNode name = sections.get(i);
				if (!name.isString() || !NAME.matcher(name.asString()).matches()) {
					errors.add(new FieldError("sections[" + i + "]", "must be 32 lowercase hexadecimal characters"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw invalid(errors);
		}
		LinkedHashSet<String> names = new LinkedHashSet<>();
		sections.forEach((name) -> names.add(name.asString()));
		return new SectionsRequest(List.copyOf(names));
	}

	private static ApiException invalid(List<FieldError> errors) {
		String detail = (errors.size() == 1) ? errors.get(0).field() + ": " + errors.get(0).message()
				: errors.size() + " fields are invalid";
		return new ApiException(HttpStatus.BAD_REQUEST, detail, errors);
	}

}
