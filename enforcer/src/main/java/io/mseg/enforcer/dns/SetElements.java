package io.mseg.enforcer.dns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.LastErrorException;

/**
 * Adds elements with a timeout to a set of the enforcer's table over netlink, in one
 * nf_tables transaction ({@code NFT_MSG_NEWSETELEM} in a batch), without the {@code nft}
 * command's cache: before it adds an element, {@code nft} (and libnftables) reads every
 * element of every set in the kernel, 1 to 1.5 s when the policy has an interval set of
 * 100,000 ranges, and a DNS answer must not wait for that. The message layout is the
 * kernel's ({@code linux/netfilter/nf_tables.h}, {@code nfnetlink.h}). An element already
 * in the set gets the new timeout and expiry.
 */
final class SetElements {

	private static final int NFNL_SUBSYS_NFTABLES = 10;

	private static final int NFT_MSG_NEWSETELEM = 12;

	private static final int NFT_MSG_DELSETELEM = 14;

	private static final int NFNL_MSG_BATCH_BEGIN = 0x10;

	private static final int NFNL_MSG_BATCH_END = 0x11;

	private static final int NFPROTO_INET = 1;

	private static final int NLM_F_REQUEST = 0x1;

	private static final int NLM_F_ACK = 0x4;

	private static final int NLM_F_CREATE = 0x400;

	private static final int NLMSG_ERROR = 2;

	private static final int NLA_F_NESTED = 0x8000;

	private static final int NFTA_SET_ELEM_LIST_TABLE = 1;

	private static final int NFTA_SET_ELEM_LIST_SET = 2;

	private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;

	private static final int NFTA_LIST_ELEM = 1;

	private static final int NFTA_SET_ELEM_KEY = 1;

	private static final int NFTA_SET_ELEM_TIMEOUT = 4;

	private static final int NFTA_SET_ELEM_EXPIRATION = 5;

	private static final int NFTA_DATA_VALUE = 1;

	/** The kernel answers in microseconds; this long means it will not. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** {@code struct sockaddr_nl} of the kernel. */
	private static final byte[] KERNEL = new byte[12];

	static {
		KERNEL[0] = (byte) Libc.AF_NETLINK;
	}

	private final String table;

	private int sequence;

	/**
	 * @param table the enforcer's table (family {@code inet})
	 */
	SetElements(String table) {
		this.table = table;
	}

	/**
	 * An element: its key in network byte order, and how long it lives.
	 *
	 * @param key 4 bytes (IPv4), 16 (IPv6) or 2 (a port)
	 * @param lifetimeMillis its timeout and its expiry from now, in milliseconds
	 */
	record Element(byte[] key, long lifetimeMillis) {

	}

	/**
	 * Adds (or renews) elements of one set in one transaction.
	 * @param set the set's name
	 * @param elements the elements
	 * @throws IOException when the kernel refuses (the set does not exist, ...)
	 */
	synchronized void add(String set, List<Element> elements) throws IOException {
		send(NFT_MSG_NEWSETELEM, NLM_F_CREATE, set, elements);
	}

	/**
	 * Deletes elements of one set in one transaction.
	 * @param set the set's name
	 * @param keys the elements' keys
	 * @throws IOException when the kernel refuses (an element is not there, ...)
	 */
	synchronized void delete(String set, List<byte[]> keys) throws IOException {
		send(NFT_MSG_DELSETELEM, 0, set, keys.stream().map((key) -> new Element(key, -1)).toList());
	}

	private void send(int type, int flags, String set, List<Element> elements) throws IOException {
		int seq = ++this.sequence;
		ByteBuffer out = ByteBuffer.allocate(256 + elements.size() * 64).order(ByteOrder.nativeOrder());
		batch(out, NFNL_MSG_BATCH_BEGIN, seq);
		int message = out.position();
		header(out, (NFNL_SUBSYS_NFTABLES << 8) | type, NLM_F_REQUEST | NLM_F_ACK | flags, seq, NFPROTO_INET, 0);
		attribute(out, NFTA_SET_ELEM_LIST_TABLE, cString(this.table));
		attribute(out, NFTA_SET_ELEM_LIST_SET, cString(set));
		int list = begin(out, NFTA_SET_ELEM_LIST_ELEMENTS);
		for (Element element : elements) {
			int item = begin(out, NFTA_LIST_ELEM);
			int key = begin(out, NFTA_SET_ELEM_KEY);
			attribute(out, NFTA_DATA_VALUE, element.key());
			end(out, key);
			if (element.lifetimeMillis() >= 0) {
				attribute(out, NFTA_SET_ELEM_TIMEOUT, bigEndian(element.lifetimeMillis()));
				attribute(out, NFTA_SET_ELEM_EXPIRATION, bigEndian(element.lifetimeMillis()));
			}
			end(out, item);
		}
		end(out, list);
		out.putInt(message, out.position() - message);
		batch(out, NFNL_MSG_BATCH_END, seq);
		byte[] request = Arrays.copyOf(out.array(), out.position());
		exchange(request, seq);
	}

	private static void exchange(byte[] request, int seq) throws IOException {
		int fd;
		try {
			fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_NETFILTER);
		}
		catch (LastErrorException ex) {
			throw new IOException("cannot open an nf_tables netlink socket: errno " + ex.getErrorCode(), ex);
		}
		try {
			byte[] timeout = NativeSocket.timeval(TIMEOUT);
			Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout, timeout.length);
			Libc.sendto(fd, request, request.length, 0, KERNEL, KERNEL.length);
			byte[] buffer = new byte[8192];
			while (true) {
				int length = (int) Libc.recv(fd, buffer, buffer.length, 0);
				ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
				for (int at = 0; at + 16 <= length;) {
					int size = in.getInt(at);
					int type = Short.toUnsignedInt(in.getShort(at + 4));
					int answered = in.getInt(at + 8);
					if (type == NLMSG_ERROR && answered == seq) {
						int errno = -in.getInt(at + 16);
						if (errno != 0) {
							throw new IOException("nf_tables refused the set elements: errno " + errno);
						}
						return;
					}
					if (size < 16) {
						break;
					}
					at += (size + 3) & ~3;
				}
			}
		}
		catch (LastErrorException ex) {
			throw new IOException("nf_tables netlink: errno " + ex.getErrorCode(), ex);
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

	private static void batch(ByteBuffer out, int type, int seq) {
		int start = out.position();
		header(out, type, NLM_F_REQUEST, seq, 0, NFNL_SUBSYS_NFTABLES);
		out.putInt(start, out.position() - start);
	}

	/** {@code struct nlmsghdr} (length set by the caller) and {@code struct nfgenmsg}. */
	private static void header(ByteBuffer out, int type, int flags, int seq, int family, int resId) {
		out.putInt(0);
		out.putShort((short) type);
		out.putShort((short) flags);
		out.putInt(seq);
		out.putInt(0);
		out.put((byte) family);
		out.put((byte) 0);
		out.order(ByteOrder.BIG_ENDIAN).putShort((short) resId).order(ByteOrder.nativeOrder());
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

	private static byte[] cString(String text) {
		return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), text.length() + 1);
	}

	private static byte[] bigEndian(long value) {
		return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(value).array();
	}

}
