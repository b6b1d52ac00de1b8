package io.mseg.enforcer.dns;

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
final class Libc {

	static final int AF_INET = 2;

	static final int AF_INET6 = 10;

	static final int AF_NETLINK = 16;

	static final int SOCK_STREAM = 1;

	static final int SOCK_DGRAM = 2;

	static final int SOCK_RAW = 3;

	static final int SOCK_CLOEXEC = 0x80000;

	static final int SOL_SOCKET = 1;

	static final int SO_REUSEADDR = 2;

	static final int SO_RCVTIMEO = 20;

	static final int SO_SNDTIMEO = 21;

	static final int SO_MARK = 36;

	static final int NETLINK_NETFILTER = 12;

	static final int EADDRINUSE = 98;

	static {
		Native.register(Platform.C_LIBRARY_NAME);
	}

	private Libc() {
	}

	static native int socket(int domain, int type, int protocol) throws LastErrorException;

	static native int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

	static native int bind(int fd, byte[] address, int length) throws LastErrorException;

	static native int connect(int fd, byte[] address, int length) throws LastErrorException;

	static native long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

	static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
			throws LastErrorException;

	static native long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

	static native int close(int fd) throws LastErrorException;

}
