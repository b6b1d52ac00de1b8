package io.mseg.enforcer.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.jna.LastErrorException;
import io.mseg.enforcer.netlink.Libc;

/**
 * A connected UDP or TCP socket opened through the C library, so that it can carry a
 * firewall mark: the enforcer's table lets packets with that mark pass to the resolver
 * instead of redirecting them back to the enforcer. Blocking, with a timeout on every
 * call; one thread uses it at a time.
 */
final class NativeSocket implements AutoCloseable {

	private final int fd;

	private NativeSocket(int fd) {
		this.fd = fd;
	}

	/**
	 * Opens a socket with a mark and connects it.
	 * @param to where to
	 * @param stream TCP when true, UDP otherwise
	 * @param mark the firewall mark of its packets
	 * @param timeout for the connection and for each later send and receive
	 * @return the socket
	 * @throws IOException when it cannot be opened or connected
	 */
	static NativeSocket connect(InetSocketAddress to, boolean stream, int mark, Duration timeout) throws IOException {
		return connect(to, stream, mark, timeout, null);
	}

	/**
	 * Opens a socket with a mark, binds it to one of some local ports, and connects it.
	 * @param to where to
	 * @param stream TCP when true, UDP otherwise
	 * @param mark the firewall mark of its packets
	 * @param timeout for the connection and for each later send and receive
	 * @param ports the local ports to choose from (the first free one, from a random
	 * start), or {@code null} for an ephemeral port
	 * @return the socket
	 * @throws IOException when it cannot be opened, bound or connected
	 */
	static NativeSocket connect(InetSocketAddress to, boolean stream, int mark, Duration timeout, int[] ports)
			throws IOException {
		boolean v4 = to.getAddress() instanceof Inet4Address;
		int fd = (int) call(() -> Libc.socket(v4 ? Libc.AF_INET : Libc.AF_INET6,
				(stream ? Libc.SOCK_STREAM : Libc.SOCK_DGRAM) | Libc.SOCK_CLOEXEC, 0), "socket");
		NativeSocket socket = new NativeSocket(fd);
		try {
			socket.option(Libc.SO_MARK, intValue(mark));
			socket.option(Libc.SO_RCVTIMEO, Libc.timeval(timeout));
			socket.option(Libc.SO_SNDTIMEO, Libc.timeval(timeout));
			if (ports != null) {
				socket.bindOneOf(to.getAddress() instanceof Inet4Address, stream, ports);
			}
			byte[] address = sockaddr(to);
			call(() -> Libc.connect(fd, address, address.length), "connect to " + to);
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Sends all of a buffer.
	 * @param data what to send
	 * @throws IOException when the socket fails or times out
	 */
	void send(byte[] data) throws IOException {
		int sent = 0;
		while (sent < data.length) {
			byte[] rest = (sent == 0) ? data : Arrays.copyOfRange(data, sent, data.length);
			sent += (int) call(() -> Libc.send(this.fd, rest, rest.length, 0), "send");
		}
	}

	/**
	 * Receives what is there (one datagram, or what a stream has).
	 * @param buffer where to
	 * @return the bytes received, 0 at the end of a stream
	 * @throws IOException when the socket fails or times out
	 */
	int receive(byte[] buffer) throws IOException {
		return (int) call(() -> Libc.recv(this.fd, buffer, buffer.length, 0), "receive");
	}

	/**
	 * Receives exactly {@code length} bytes of a stream.
	 * @param length how many
	 * @return them
	 * @throws IOException when the stream ends before, fails or times out
	 */
	byte[] receiveExactly(int length) throws IOException {
		byte[] result = new byte[length];
		int read = 0;
		while (read < length) {
			byte[] chunk = new byte[length - read];
			int n = receive(chunk);
			if (n <= 0) {
				throw new IOException("the resolver closed the connection");
			}
			System.arraycopy(chunk, 0, result, read, n);
			read += n;
		}
		return result;
	}

	private void bindOneOf(boolean v4, boolean stream, int[] ports) throws IOException {
		if (stream) {
			// a port whose last TCP connection is in TIME_WAIT is free for a new one;
			// never
			// for UDP, where two sockets would share a port and one of them lose its
			// answer
			option(Libc.SO_REUSEADDR, intValue(1));
		}
		int start = ThreadLocalRandom.current().nextInt(ports.length);
		for (int i = 0; i < ports.length; i++) {
			int port = ports[(start + i) % ports.length];
			byte[] local = sockaddr(new InetSocketAddress(InetAddress.getByName(v4 ? "0.0.0.0" : "::"), port));
			try {
				Libc.bind(this.fd, local, local.length);
				return;
			}
			catch (LastErrorException ex) {
				if (ex.getErrorCode() != Libc.EADDRINUSE) {
					throw new IOException("bind to port " + port + ": errno " + ex.getErrorCode(), ex);
				}
			}
		}
		throw new IOException("all " + ports.length + " forwarding ports are in use");
	}

	@Override
	public void close() {
		try {
			Libc.close(this.fd);
		}
		catch (LastErrorException ex) {
			// nothing left to release
		}
	}

	private void option(int name, byte[] value) throws IOException {
		call(() -> Libc.setsockopt(this.fd, Libc.SOL_SOCKET, name, value, value.length), "setsockopt " + name);
	}

	/** {@code struct sockaddr_in} or {@code sockaddr_in6}. */
	static byte[] sockaddr(InetSocketAddress address) {
		byte[] ip = address.getAddress().getAddress();
		boolean v4 = ip.length == 4;
		ByteBuffer buffer = ByteBuffer.allocate(v4 ? 16 : 28).order(ByteOrder.nativeOrder());
		buffer.putShort((short) (v4 ? Libc.AF_INET : Libc.AF_INET6));
		buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort());
		if (!v4) {
			buffer.putInt(0);
		}
		buffer.put(ip);
		return buffer.array();
	}

	private static byte[] intValue(int value) {
		return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
	}

	private static long call(NativeCall call, String what) throws IOException {
		try {
			return call.run();
		}
		catch (LastErrorException ex) {
			throw new IOException(what + ": errno " + ex.getErrorCode(), ex);
		}
	}

	@FunctionalInterface
	private interface NativeCall {

		long run() throws LastErrorException;

	}

}
