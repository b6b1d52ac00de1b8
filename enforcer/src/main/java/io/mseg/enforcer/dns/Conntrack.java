package io.mseg.enforcer.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mseg.enforcer.netlink.Libc;
import io.mseg.enforcer.netlink.Netlink;

/**
 * Where a redirected query was going. The table redirects the host's DNS queries to the
 * enforcer's port; connection tracking keeps the query's original destination, and this
 * asks it with one ctnetlink {@code IPCTNL_MSG_CT_GET} by the connection's reply tuple
 * (from the enforcer's listening address and port to the asking socket), which the
 * enforcer knows from the packet it received. The message layout is the kernel's
 * ({@code linux/netfilter/nfnetlink_conntrack.h}); libnetfilter_conntrack cannot ask by
 * the reply tuple alone.
 */
final class Conntrack {

	private static final int NFNL_SUBSYS_CTNETLINK = 1;

	private static final int IPCTNL_MSG_CT_GET = 1;

	private static final int IPCTNL_MSG_CT_DELETE = 2;

	private static final int NLM_F_ACK = 0x4;

	private static final int CTA_STATUS = 3;

	private static final int CTA_MARK = 8;

	/** {@code IPS_DST_NAT}: the flow was redirected. */
	private static final int IPS_DST_NAT = 1 << 5;

	/** One request per socket: any sequence number does. */
	private static final int SEQUENCE = 1;

	private static final int CTA_TUPLE_ORIG = 1;

	private static final int CTA_TUPLE_REPLY = 2;

	private static final int CTA_TUPLE_IP = 1;

	private static final int CTA_TUPLE_PROTO = 2;

	private static final int CTA_IP_V4_SRC = 1;

	private static final int CTA_IP_V4_DST = 2;

	private static final int CTA_IP_V6_SRC = 3;

	private static final int CTA_IP_V6_DST = 4;

	private static final int CTA_PROTO_NUM = 1;

	private static final int CTA_PROTO_SRC_PORT = 2;

	private static final int CTA_PROTO_DST_PORT = 3;

	private Conntrack() {
	}

	/**
	 * The original destination of a redirected connection.
	 * @param tcp the protocol: TCP when true, UDP otherwise
	 * @param local the enforcer's address and port the query arrived at
	 * @param peer the asking socket's address and port
	 * @return the address and port the query was sent to
	 * @throws IOException when connection tracking does not know the connection
	 */
	static InetSocketAddress originalDestination(boolean tcp, InetSocketAddress local, InetSocketAddress peer)
			throws IOException {
		boolean v4 = local.getAddress().getAddress().length == 4;
		ByteBuffer answer = Netlink.exchange(request(tcp, v4, local, peer), SEQUENCE);
		int errno = Netlink.errno(answer);
		if (errno >= 0) {
			throw new IOException("connection tracking has no connection from " + peer + " (errno " + errno + ")");
		}
		return parse(answer.position(16 + 4), v4);
	}

	/**
	 * Forgets the UDP flows to port 53 that were not redirected (opened before the
	 * redirect existed), except the enforcer's own: a later query from the same port to
	 * the same resolver would follow such a flow past the enforcer, its answer never
	 * learned. Their next packet opens a new flow, which is redirected.
	 * @param mark the enforcer's own flows' mark
	 * @return the number of flows forgotten
	 * @throws IOException when connection tracking cannot be read or changed
	 */
	static int forgetUnredirectedDnsFlows(int mark) throws IOException {
		ByteBuffer dump = Netlink.buffer(64);
		Netlink.endMessage(dump, Netlink.beginMessage(dump, (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET,
				Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, SEQUENCE, 0, 0));
		List<byte[]> forget = new ArrayList<>();
		Netlink.dump(Arrays.copyOf(dump.array(), dump.position()), (message) -> {
			try {
				ByteBuffer attributes = message.duplicate().position(16 + 4);
				ByteBuffer orig = find(attributes, CTA_TUPLE_ORIG);
				ByteBuffer proto = find(orig, CTA_TUPLE_PROTO);
				boolean dns = find(proto, CTA_PROTO_NUM).get() == 17
						&& find(proto, CTA_PROTO_DST_PORT).order(ByteOrder.BIG_ENDIAN).getShort() == 53;
				boolean redirected = (bigEndianInt(attributes, CTA_STATUS) & IPS_DST_NAT) != 0;
				if (dns && !redirected && bigEndianInt(attributes, CTA_MARK) != mark) {
					forget.add(deleteRequest(message.get(4 + 12), orig));
				}
			}
			catch (IOException ex) {
				// a flow without these attributes is not one to forget
			}
		});
		for (byte[] delete : forget) {
			Netlink.exchange(delete, SEQUENCE);
		}
		return forget.size();
	}

	private static byte[] deleteRequest(byte family, ByteBuffer tuple) {
		ByteBuffer out = Netlink.buffer(256);
		int message = Netlink.beginMessage(out, (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_DELETE,
				Netlink.NLM_F_REQUEST | NLM_F_ACK, SEQUENCE, family, 0);
		int start = Netlink.begin(out, CTA_TUPLE_ORIG);
		out.put(tuple.duplicate().rewind());
		Netlink.end(out, start);
		Netlink.endMessage(out, message);
		return Arrays.copyOf(out.array(), out.position());
	}

	private static int bigEndianInt(ByteBuffer attributes, int type) {
		try {
			return find(attributes, type).order(ByteOrder.BIG_ENDIAN).getInt();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	static byte[] request(boolean tcp, boolean v4, InetSocketAddress local, InetSocketAddress peer) {
		ByteBuffer out = Netlink.buffer(256);
		int message = Netlink.beginMessage(out, (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET, Netlink.NLM_F_REQUEST,
				SEQUENCE, v4 ? Libc.AF_INET : Libc.AF_INET6, 0);
		int tuple = Netlink.begin(out, CTA_TUPLE_REPLY);
		int ip = Netlink.begin(out, CTA_TUPLE_IP);
		Netlink.attribute(out, v4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, local.getAddress().getAddress());
		Netlink.attribute(out, v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, peer.getAddress().getAddress());
		Netlink.end(out, ip);
		int proto = Netlink.begin(out, CTA_TUPLE_PROTO);
		Netlink.attribute(out, CTA_PROTO_NUM, new byte[] { (byte) (tcp ? 6 : 17) });
		Netlink.attribute(out, CTA_PROTO_SRC_PORT, port(local.getPort()));
		Netlink.attribute(out, CTA_PROTO_DST_PORT, port(peer.getPort()));
		Netlink.end(out, proto);
		Netlink.end(out, tuple);
		Netlink.endMessage(out, message);
		return Arrays.copyOf(out.array(), out.position());
	}

	private static InetSocketAddress parse(ByteBuffer in, boolean v4) throws IOException {
		ByteBuffer orig = find(in, CTA_TUPLE_ORIG);
		ByteBuffer ip = find(orig, CTA_TUPLE_IP);
		ByteBuffer proto = find(orig, CTA_TUPLE_PROTO);
		ByteBuffer address = find(ip, v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST);
		ByteBuffer port = find(proto, CTA_PROTO_DST_PORT);
		byte[] bytes = new byte[address.remaining()];
		address.get(bytes);
		int destinationPort = Short.toUnsignedInt(port.order(ByteOrder.BIG_ENDIAN).getShort());
		return new InetSocketAddress(InetAddress.getByAddress(bytes), destinationPort);
	}

	/** The payload of the first attribute of a type, from the buffer's position on. */
	private static ByteBuffer find(ByteBuffer in, int wanted) throws IOException {
		ByteBuffer view = in.slice().order(ByteOrder.nativeOrder());
		while (view.remaining() >= 4) {
			int start = view.position();
			int length = Short.toUnsignedInt(view.getShort(start));
			int type = Short.toUnsignedInt(view.getShort(start + 2)) & ~Netlink.NLA_F_NESTED;
			if (length < 4 || start + length > view.limit()) {
				break;
			}
			if (type == wanted) {
				return view.duplicate()
					.position(start + 4)
					.limit(start + length)
					.slice()
					.order(ByteOrder.nativeOrder());
			}
			int next = start + ((length + 3) & ~3);
			if (next > view.limit()) {
				break;
			}
			view.position(next);
		}
		throw new IOException("ctnetlink answer without attribute " + wanted);
	}

	private static byte[] port(int port) {
		return new byte[] { (byte) (port >> 8), (byte) port };
	}

}
