package io.mseg.enforcer.enroll;

/**
 * An enrolled enforcer: its identity and current credentials.
 *
 * @param identity who it is
 * @param credentials its key, certificate and the CA
 */
public record Enrolled(Identity identity, Credentials credentials) {

}
