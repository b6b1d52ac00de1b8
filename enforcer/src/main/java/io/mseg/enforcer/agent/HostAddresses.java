package io.mseg.enforcer.agent;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import io.mseg.policy.network.IpAddress;

/**
 * The host's own addresses when none are given: every address of an interface that is up,
 * except loopback, link-local and multicast ones.
 */
final class HostAddresses {

	private HostAddresses() {
	}

	static List<String> detect() {
		TreeSet<IpAddress> found = new TreeSet<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (!nic.isUp() || nic.isLoopback()) {
					continue;
				}
				for (InetAddress address : Collections.list(nic.getInetAddresses())) {
					if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()
							|| address.isAnyLocalAddress()) {
						continue;
					}
					found.add(parse(address));
				}
			}
		}
		catch (SocketException ex) {
			return List.of();
		}
		List<String> addresses = new ArrayList<>();
		found.forEach((address) -> addresses.add(address.toString()));
		return addresses;
	}

	static IpAddress parse(InetAddress address) {
		String text = address.getHostAddress();
		int scope = text.indexOf('%');
		return IpAddress.parse((scope >= 0) ? text.substring(0, scope) : text);
	}

}
