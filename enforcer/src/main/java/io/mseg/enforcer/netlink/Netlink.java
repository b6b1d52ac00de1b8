package io.mseg.enforcer.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.function.Consumer;

import com.sun.jna.LastErrorException;

/**
 * Requests to the kernel's netfilter over netlink ({@code NETLINK_NETFILTER}), for what
 * the enforcer asks without a command: connection tracking ({@link Conntrack}) and set
 * elements ({@link SetElements}). Builds attributes ({@code struct nlattr}, 4-byte
 * aligned, host byte order headers) and sends one request on a socket of its own, in the
 * network namespace of the calling thread.
 */
public final class Netlink {

	public static final int NLM_F_REQUEST = 0x1;

	public static final int NLM_F_DUMP = 0x300;

	public static final int NLMSG_ERROR = 2;

	public static final int NLMSG_DONE = 3;

	public static final int NLA_F_NESTED = 0x8000;

	/** The kernel answers in microseconds; this long means it will not. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** {@code struct sockaddr_nl} of the kernel. */
	private static final byte[] KERNEL = new byte[12];

	static {
		KERNEL[0] = (byte) Libc.AF_NETLINK;
	}

	private Netlink() {
	}

	/**
	 * A buffer for a request, in host byte order.
	 * @param capacity its size
	 * @return the buffer
	 */
	public static ByteBuffer buffer(int capacity) {
		return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
	}

	/**
	 * A {@code struct nlmsghdr} (its length set by {@link #endMessage}) and a
	 * {@code struct nfgenmsg}.
	 * @return where the message starts
	 */
	public static int beginMessage(ByteBuffer out, int type, int flags, int seq, int family, int resId) {
		int start = out.position();
		out.putInt(0);
		out.putShort((short) type);
		out.putShort((short) flags);
		out.putInt(seq);
		out.putInt(0);
		out.put((byte) family);
		out.put((byte) 0);
		out.order(ByteOrder.BIG_ENDIAN).putShort((short) resId).order(ByteOrder.nativeOrder());
		return start;
	}

	public static void endMessage(ByteBuffer out, int start) {
		out.putInt(start, out.position() - start);
	}

	/** A nested attribute's header; its length is set by {@link #end}. */
	public static int begin(ByteBuffer out, int type) {
		int start = out.position();
		out.putShort((short) 0);
		out.putShort((short) (type | NLA_F_NESTED));
		return start;
	}

	public static void end(ByteBuffer out, int start) {
		out.putShort(start, (short) (out.position() - start));
	}

	public static void attribute(ByteBuffer out, int type, byte[] value) {
		out.putShort((short) (4 + value.length));
		out.putShort((short) type);
		out.put(value);
		while (out.position() % 4 != 0) {
			out.put((byte) 0);
		}
	}

	/**
	 * Sends a request and returns the kernel's first answer to it.
	 * @param request the messages, sent at once
	 * @param seq the sequence number of the message whose answer is wanted
	 * @return that answer (from its {@code nlmsghdr} on, host byte order)
	 * @throws IOException when the socket fails or no answer comes in time
	 */
	public static ByteBuffer exchange(byte[] request, int seq) throws IOException {
		ByteBuffer[] answer = new ByteBuffer[1];
		converse(request, 8192, (message) -> {
			if (message.getInt(8) != seq) {
				return false;
			}
			answer[0] = message;
			return true;
		});
		return answer[0];
	}

	/**
	 * Sends a request and hands each message of the answers to a handler, until it says
	 * it has what it wanted.
	 */
	public static void converse(byte[] request, int bufferSize, Handler handler) throws IOException {
		withSocket((fd) -> {
			Libc.sendto(fd, request, request.length, 0, KERNEL, KERNEL.length);
			byte[] buffer = new byte[bufferSize];
			while (true) {
				int length = (int) Libc.recv(fd, buffer, buffer.length, 0);
				ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
				for (int at = 0; at + 16 <= length;) {
					int size = in.getInt(at);
					if (size < 16 || at + size > length) {
						break;
					}
					ByteBuffer message = in.duplicate()
						.position(at)
						.limit(at + size)
						.slice()
						.order(ByteOrder.nativeOrder());
					if (handler.handle(message)) {
						return null;
					}
					at += (size + 3) & ~3;
				}
			}
		});
	}

	@FunctionalInterface
	public interface Handler {

		/** Whether the conversation is over. */
		boolean handle(ByteBuffer message) throws IOException;

	}

	/** Runs a conversation on a socket of its own, closed afterwards. */
	private static <T> T withSocket(Conversation<T> conversation) throws IOException {
		int fd;
		try {
			fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_NETFILTER);
		}
		catch (LastErrorException ex) {
			throw new IOException("cannot open a netfilter netlink socket: errno " + ex.getErrorCode(), ex);
		}
		try {
			byte[] timeout = Libc.timeval(TIMEOUT);
			Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout, timeout.length);
			return conversation.run(fd);
		}
		catch (LastErrorException ex) {
			throw new IOException("netfilter netlink: errno " + ex.getErrorCode(), ex);
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

	@FunctionalInterface
	private interface Conversation<T> {

		T run(int fd) throws IOException, LastErrorException;

	}

	/**
	 * Sends a dump request and hands each answer message to a consumer, until the kernel
	 * says it is done.
	 * @param request the request ({@code NLM_F_DUMP})
	 * @param each receives each message (from its {@code nlmsghdr} on, host byte order)
	 * @throws IOException when the socket fails or the kernel refuses
	 */
	public static void dump(byte[] request, Consumer<ByteBuffer> each) throws IOException {
		// a dump answers in many messages, several per read
		converse(request, 65536, (message) -> {
			int type = Short.toUnsignedInt(message.getShort(4));
			if (type == NLMSG_DONE) {
				return true;
			}
			if (type == NLMSG_ERROR && errno(message) != 0) {
				throw new IOException("netfilter netlink refused the dump: errno " + errno(message));
			}
			each.accept(message);
			return false;
		});
	}

	/**
	 * The error number of an {@code NLMSG_ERROR} answer.
	 * @param answer the answer
	 * @return the errno (0 for an acknowledgement), or -1 when it is not an error message
	 */
	public static int errno(ByteBuffer answer) {
		return (Short.toUnsignedInt(answer.getShort(4)) == NLMSG_ERROR) ? -answer.getInt(16) : -1;
	}

}
