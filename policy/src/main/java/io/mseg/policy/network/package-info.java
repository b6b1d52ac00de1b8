/**
 * IP addresses, CIDR prefixes, domain patterns and the {@code entries} of external
 * networks, all parsed without any DNS lookup.
 */
package io.mseg.policy.network;
