package io.mseg.enforcer.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Instant;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.store.StateFiles;

/** DNS interception for agent tests whose policies have no domain entries. */
final class DnsTesting {

	private DnsTesting() {
	}

	static DnsInterception interception() {
		try {
			Settings.Dns dns = Settings.Dns.DEFAULTS;
			int port;
			try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = free.getLocalPort();
			}
			return new DnsInterception(port, dns.ttlFloor(), dns.grace(), "mseg",
					new StateFiles(Files.createTempDirectory("dns-state")), () -> Instant.EPOCH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
