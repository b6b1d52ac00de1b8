/**
 * Protocols and ports: the {@code ports}/{@code servicePorts} syntax, the traffic they
 * cover and their intersection.
 */
package io.mseg.policy.port;
