package io.mseg.enforcer.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The socket calls of the C library that Java's own sockets cannot make: a socket with a
 * firewall mark ({@code SO_MARK}, so that the enforcer's forwarded queries are not
 * intercepted again) and a netlink socket to ask connection tracking where an intercepted
 * query was going. Direct-mapped (JNA registers the native methods once); each call
 * throws {@link LastErrorException} with the {@code errno} when it fails.
 */
public final class Libc {

	public static final int AF_INET = 2;

	public static final int AF_INET6 = 10;

	public static final int AF_NETLINK = 16;

	public static final int SOCK_STREAM = 1;

	public static final int SOCK_DGRAM = 2;

	public static final int SOCK_RAW = 3;

	public static final int SOCK_CLOEXEC = 0x80000;

	public static final int SOL_SOCKET = 1;

	public static final int SO_REUSEADDR = 2;

	public static final int SO_RCVTIMEO = 20;

	public static final int SO_SNDTIMEO = 21;

	public static final int SO_MARK = 36;

	public static final int NETLINK_NETFILTER = 12;

	public static final int EADDRINUSE = 98;

	static {
		Native.register(Platform.C_LIBRARY_NAME);
	}

	private Libc() {
	}

	public static native int socket(int domain, int type, int protocol) throws LastErrorException;

	public static native int setsockopt(int fd, int level, int name, byte[] value, int length)
			throws LastErrorException;

	public static native int bind(int fd, byte[] address, int length) throws LastErrorException;

	public static native int connect(int fd, byte[] address, int length) throws LastErrorException;

	public static native long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

	public static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
			throws LastErrorException;

	public static native long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

	public static native int close(int fd) throws LastErrorException;

	/**
	 * A {@code struct timeval} for {@code SO_RCVTIMEO} and {@code SO_SNDTIMEO}.
	 * @param timeout the duration
	 * @return its bytes, host byte order
	 */
	public static byte[] timeval(Duration timeout) {
		return ByteBuffer.allocate(16)
			.order(ByteOrder.nativeOrder())
			.putLong(timeout.toSeconds())
			.putLong(timeout.toMillisPart() * 1000L)
			.array();
	}

}
