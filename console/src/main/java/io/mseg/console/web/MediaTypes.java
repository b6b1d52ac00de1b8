package io.mseg.console.web;

import org.springframework.http.MediaType;

/**
 * The body formats of the API: JSON and YAML, in and out.
 */
public final class MediaTypes {

	public static final String YAML = "application/yaml";

	public static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private MediaTypes() {
	}

}
