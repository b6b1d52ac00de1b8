package io.mseg.enforcer.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;

/**
 * Resolves the console's host to the addresses the output chain must always let through.
 */
@FunctionalInterface
interface ConsoleResolver {

	/**
	 * The console's addresses.
	 * @return the addresses and port
	 * @throws IOException when the name does not resolve
	 */
	List<Endpoint> resolve() throws IOException;

	static ConsoleResolver dns(URI console) {
		return () -> {
			try {
				List<Endpoint> endpoints = new ArrayList<>();
				for (InetAddress address : InetAddress.getAllByName(console.getHost())) {
					endpoints.add(new Endpoint(HostAddresses.parse(address), console.getPort()));
				}
				return endpoints.stream().distinct().sorted((a, b) -> a.address().compareTo(b.address())).toList();
			}
			catch (UnknownHostException ex) {
				throw new IOException("cannot resolve the console's host " + console.getHost(), ex);
			}
		};
	}

}
