package io.mseg.enforcer.console;

import java.time.Instant;

import io.mseg.enforcer.dns.DnsInterception.DnsStatus;

/**
 * What the enforcer reports about itself ({@code POST /enforcers/{id}/poke}).
 *
 * @param currentVersion the enforcer's software version
 * @param startTime when it started
 * @param lastSyncTime when it last applied the console's policy
 * @param enforcementStatus whether it enforces the console's policy
 * @param dns DNS interception for domain entries: its state and what it learned
 * @param workloads the workloads it protects in node mode, or {@code null} in host mode
 */
public record Status(String currentVersion, Instant startTime, Instant lastSyncTime,
		EnforcementStatus enforcementStatus, DnsStatus dns, WorkloadStatus workloads) {

}
