package io.mseg.enforcer.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import com.sun.jna.LastErrorException;

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

	private static final int NLM_F_REQUEST = 1;

	private static final int NLMSG_ERROR = 2;

	private static final int NLA_F_NESTED = 0x8000;

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

	/** {@code struct sockaddr_nl} of the kernel. */
	private static final byte[] KERNEL = new byte[12];

	static {
		KERNEL[0] = (byte) Libc.AF_NETLINK;
	}

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
		byte[] request = request(tcp, v4, local, peer);
		int fd;
		try {
			fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_NETFILTER);
		}
		catch (LastErrorException ex) {
			throw new IOException("cannot open a ctnetlink socket: errno " + ex.getErrorCode(), ex);
		}
		try {
			Libc.sendto(fd, request, request.length, 0, KERNEL, KERNEL.length);
			byte[] buffer = new byte[8192];
			int length = (int) Libc.recv(fd, buffer, buffer.length, 0);
			return parse(ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder()), v4, peer);
		}
		catch (LastErrorException ex) {
			throw new IOException("ctnetlink: errno " + ex.getErrorCode(), ex);
		}
		finally {
			try {
				Libc.close(fd);
			}
			catch (LastErrorException ex) {
				// closed anyway
			}
		}
	}

	static byte[] request(boolean tcp, boolean v4, InetSocketAddress local, InetSocketAddress peer) {
		ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
		out.putInt(0); // length, set below
		out.putShort((short) ((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET));
		out.putShort((short) NLM_F_REQUEST);
		out.putInt(1); // sequence
		out.putInt(0); // port id: the kernel assigns it
		out.put((byte) (v4 ? Libc.AF_INET : Libc.AF_INET6)); // struct nfgenmsg
		out.put((byte) 0);
		out.putShort((short) 0);
		int tuple = begin(out, CTA_TUPLE_REPLY);
		int ip = begin(out, CTA_TUPLE_IP);
		attribute(out, v4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, local.getAddress().getAddress());
		attribute(out, v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, peer.getAddress().getAddress());
		end(out, ip);
		int proto = begin(out, CTA_TUPLE_PROTO);
		attribute(out, CTA_PROTO_NUM, new byte[] { (byte) (tcp ? 6 : 17) });
		attribute(out, CTA_PROTO_SRC_PORT, port(local.getPort()));
		attribute(out, CTA_PROTO_DST_PORT, port(peer.getPort()));
		end(out, proto);
		end(out, tuple);
		out.putInt(0, out.position());
		return Arrays.copyOf(out.array(), out.position());
	}

	private static InetSocketAddress parse(ByteBuffer in, boolean v4, InetSocketAddress peer) throws IOException {
		int type = Short.toUnsignedInt(in.getShort(4));
		if (type == NLMSG_ERROR) {
			int errno = -in.getInt(16);
			throw new IOException("connection tracking has no connection from " + peer + " (errno " + errno + ")");
		}
		in.position(16 + 4);
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
			int type = Short.toUnsignedInt(view.getShort(start + 2)) & ~NLA_F_NESTED;
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

	private static int begin(ByteBuffer out, int type) {
		int start = out.position();
		out.putShort((short) 0);
		out.putShort((short) (type | NLA_F_NESTED));
		return start;
	}

	private static void end(ByteBuffer out, int start) {
		out.putShort(start, (short) (out.position() - start));
	}

	private static void attribute(ByteBuffer out, int type, byte[] value) {
		out.putShort((short) (4 + value.length));
		out.putShort((short) type);
		out.put(value);
		while (out.position() % 4 != 0) {
			out.put((byte) 0);
		}
	}

	private static byte[] port(int port) {
		return new byte[] { (byte) (port >> 8), (byte) port };
	}

}
