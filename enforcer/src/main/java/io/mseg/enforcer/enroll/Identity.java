package io.mseg.enforcer.enroll;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who this enforcer is for the console, kept in {@code identity.json}.
 *
 * @param id the enforcer's ID
 * @param name its name
 * @param namespace the namespace it enrolled in
 * @param console the console it enrolled with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Identity(@JsonProperty("ID") String id, String name, String namespace, String console) {

}
