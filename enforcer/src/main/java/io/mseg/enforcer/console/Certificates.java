package io.mseg.enforcer.console;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The console's answer to an enrollment or a renewal.
 *
 * @param id the enforcer's identifier
 * @param name its name
 * @param namespace the namespace it enrolled in
 * @param certificate the client certificate (PEM)
 * @param caCertificate the console's CA (PEM)
 * @param certificateExpiration when the certificate expires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Certificates(@JsonProperty("ID") String id, String name, String namespace, String certificate,
		String caCertificate, Instant certificateExpiration) {

}
