package io.mseg.enforcer.flow;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.mseg.enforcer.nftables.FlowLogPrefix;
import io.mseg.policy.network.IpAddress;

/**
 * The first packet of a connection as the kernel logged it: the rule that logged it (its
 * prefix) and what the packet's headers say.
 *
 * @param time when it was logged
 * @param prefix the logging rule's prefix
 * @param protocol the IANA protocol number
 * @param source the source address
 * @param destination the destination address
 * @param destinationPort the destination port for TCP and UDP, else {@code null}
 */
record LoggedPacket(Instant time, FlowLogPrefix prefix, int protocol, IpAddress source, IpAddress destination,
		Integer destinationPort) {

	private static final int TCP = 6;

	private static final int UDP = 17;

	/** IPv6 extension headers with the common layout (next header, length in 8 bytes). */
	private static final int HOP_BY_HOP = 0;

	private static final int ROUTING = 43;

	private static final int FRAGMENT = 44;

	private static final int AUTHENTICATION = 51;

	private static final int DESTINATION_OPTIONS = 60;

	/**
	 * Reads the IP header (and the ports) of a logged packet.
	 * @param time when it was logged
	 * @param prefix its rule's prefix
	 * @param payload the packet from its IP header on, as much as was copied
	 * @return the packet, or {@code null} when its headers are not complete IPv4 or IPv6
	 */
	static LoggedPacket parse(Instant time, FlowLogPrefix prefix, ByteBuffer payload) {
		if (payload.remaining() < 1) {
			return null;
		}
		int start = payload.position();
		int version = (payload.get(start) & 0xFF) >>> 4;
		if (version == 4 && payload.remaining() >= 20) {
			int headerLength = (payload.get(start) & 0x0F) * 4;
			int protocol = payload.get(start + 9) & 0xFF;
			IpAddress source = IpAddress.ofIpv4(Integer.toUnsignedLong(payload.getInt(start + 12)));
			IpAddress destination = IpAddress.ofIpv4(Integer.toUnsignedLong(payload.getInt(start + 16)));
			// only the first fragment carries the ports
			boolean firstFragment = (payload.getShort(start + 6) & 0x1FFF) == 0;
			Integer port = firstFragment ? port(payload, start + headerLength, protocol) : null;
			return new LoggedPacket(time, prefix, protocol, source, destination, port);
		}
		if (version == 6 && payload.remaining() >= 40) {
			IpAddress source = IpAddress.ofIpv6(payload.getLong(start + 8), payload.getLong(start + 16));
			IpAddress destination = IpAddress.ofIpv6(payload.getLong(start + 24), payload.getLong(start + 32));
			int next = payload.get(start + 6) & 0xFF;
			int at = start + 40;
			boolean firstFragment = true;
			while (isExtension(next) && at + 8 <= payload.limit()) {
				int following = payload.get(at) & 0xFF;
				if (next == FRAGMENT) {
					firstFragment = (payload.getShort(at + 2) & 0xFFF8) == 0;
					at += 8;
				}
				else if (next == AUTHENTICATION) {
					at += ((payload.get(at + 1) & 0xFF) + 2) * 4;
				}
				else {
					at += ((payload.get(at + 1) & 0xFF) + 1) * 8;
				}
				next = following;
			}
			if (isExtension(next)) {
				return null;
			}
			return new LoggedPacket(time, prefix, next, source, destination,
					firstFragment ? port(payload, at, next) : null);
		}
		return null;
	}

	private static boolean isExtension(int header) {
		return header == HOP_BY_HOP || header == ROUTING || header == FRAGMENT || header == AUTHENTICATION
				|| header == DESTINATION_OPTIONS;
	}

	private static Integer port(ByteBuffer payload, int transport, int protocol) {
		if ((protocol != TCP && protocol != UDP) || transport + 4 > payload.limit()) {
			return null;
		}
		return Short.toUnsignedInt(payload.getShort(transport + 2));
	}

	/**
	 * Whether the protocol has ports (TCP, UDP).
	 * @return whether {@link #destinationPort()} is expected
	 */
	boolean hasPorts() {
		return this.protocol == TCP || this.protocol == UDP;
	}

}
