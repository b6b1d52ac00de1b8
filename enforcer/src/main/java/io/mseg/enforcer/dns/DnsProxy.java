package io.mseg.enforcer.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mseg.enforcer.nftables.DnsInterceptionRules;

/**
 * The enforcer's end of DNS interception: listens on the loopback addresses, UDP and TCP,
 * where the table redirects the host's queries; asks connection tracking where each query
 * was going ({@link Conntrack}); sends it there unchanged from a socket carrying
 * {@link DnsInterceptionRules#MARK} (which the redirect lets pass, so nothing loops); and
 * hands each answer to {@link DnsLearning} before sending it, unchanged, to the asking
 * process. Connection tracking turns the answer's source back into the resolver's
 * address, so the process sees the answer it expects.
 */
final class DnsProxy implements AutoCloseable {

	private static final Logger log = Logger.getLogger(DnsProxy.class.getName());

	/** A resolver's answer after this long is given up; the asking process retries. */
	static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);

	/** A TCP client silent this long is disconnected (RFC 7766 suggests seconds). */
	static final Duration IDLE_TCP = Duration.ofSeconds(10);

	private static final int MAX_MESSAGE = 65_535;

	private static final int MAX_QUERIES = 256;

	/**
	 * How many local ports the forwarded queries come from (and how many may be in
	 * flight).
	 */
	static final int FORWARDING_PORTS = 256;

	private final DnsLearning learning;

	/**
	 * The local ports of the forwarded queries: the ports right above the listening port,
	 * never ephemeral ones. A forwarded query's flow is tracked without the redirect; if
	 * it used an ephemeral port, a process's later query from the same port to the same
	 * resolver (within conntrack's 30 s) would match that flow and bypass the enforcer,
	 * its answer never learned.
	 */
	private int[] forwardingPorts;

	private final List<AutoCloseable> sockets = new ArrayList<>();

	private final ThreadPoolExecutor workers = new ThreadPoolExecutor(4, MAX_QUERIES, 30, TimeUnit.SECONDS,
			new SynchronousQueue<>(), DnsProxy::daemon);

	private volatile boolean closed;

	DnsProxy(DnsLearning learning) {
		this.learning = learning;
	}

	/**
	 * Binds the listeners and starts serving.
	 * @param port the port on 127.0.0.1 and ::1
	 * @throws IOException when the IPv4 port cannot be bound (or the IPv6 one, when the
	 * host has IPv6 loopback)
	 */
	void start(int port) throws IOException {
		this.forwardingPorts = new int[FORWARDING_PORTS];
		for (int i = 0; i < FORWARDING_PORTS; i++) {
			this.forwardingPorts[i] = port + 1 + i;
		}
		try {
			listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
			try {
				listen(new InetSocketAddress(InetAddress.getByName("::1"), port));
			}
			catch (BindException ex) {
				if (!String.valueOf(ex.getMessage()).contains("assign requested address")) {
					throw ex;
				}
				log.info("No IPv6 loopback address: DNS interception for IPv4 only");
			}
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private void listen(InetSocketAddress local) throws IOException {
		DatagramChannel udp = DatagramChannel.open((local.getAddress().getAddress().length == 4)
				? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
		this.sockets.add(udp);
		try {
			udp.bind(local);
		}
		catch (IOException ex) {
			throw bindFailure(ex, "UDP", local);
		}
		ServerSocket tcp = new ServerSocket();
		this.sockets.add(tcp);
		try {
			tcp.bind(local, 128);
		}
		catch (IOException ex) {
			throw bindFailure(ex, "TCP", local);
		}
		daemon(() -> receiveUdp(udp, local)).start();
		daemon(() -> acceptTcp(tcp, local)).start();
	}

	private static IOException bindFailure(IOException ex, String protocol, InetSocketAddress local) {
		BindException failure = new BindException(
				"cannot listen on " + protocol + " " + local.getAddress().getHostAddress() + " port " + local.getPort()
						+ " for DNS interception: " + ex.getMessage());
		failure.initCause(ex);
		return failure;
	}

	private void receiveUdp(DatagramChannel channel, InetSocketAddress local) {
		ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE);
		while (!this.closed) {
			try {
				buffer.clear();
				SocketAddress peer = channel.receive(buffer);
				byte[] query = Arrays.copyOf(buffer.array(), buffer.position());
				submit(() -> answerUdp(channel, local, (InetSocketAddress) peer, query), null);
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				log.log(Level.FINE, "DNS receive failed", ex);
			}
		}
	}

	private void answerUdp(DatagramChannel channel, InetSocketAddress local, InetSocketAddress peer, byte[] query) {
		if (query.length < 12) {
			return;
		}
		try {
			InetSocketAddress resolver = Conntrack.originalDestination(false, local, peer);
			byte[] answer = forwardUdp(resolver, query);
			if (answer != null) {
				learn(answer);
				channel.send(ByteBuffer.wrap(answer), peer);
			}
		}
		catch (IOException ex) {
			log.fine(() -> "DNS query from " + peer + " not answered: " + ex.getMessage());
		}
	}

	/** The resolver's answer with the query's ID, or {@code null} when none came. */
	private byte[] forwardUdp(InetSocketAddress resolver, byte[] query) throws IOException {
		try (NativeSocket upstream = NativeSocket.connect(resolver, false, DnsInterceptionRules.MARK, UPSTREAM_TIMEOUT,
				this.forwardingPorts)) {
			upstream.send(query);
			byte[] buffer = new byte[MAX_MESSAGE];
			long deadline = System.nanoTime() + UPSTREAM_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				int length = upstream.receive(buffer);
				if (length >= 12 && buffer[0] == query[0] && buffer[1] == query[1]) {
					return Arrays.copyOf(buffer, length);
				}
			}
			return null;
		}
	}

	private void acceptTcp(ServerSocket server, InetSocketAddress local) {
		while (!this.closed) {
			try {
				Socket client = server.accept();
				submit(() -> relayTcp(client, local), client);
			}
			catch (IOException ex) {
				if (server.isClosed()) {
					return;
				}
				log.log(Level.FINE, "DNS accept failed", ex);
			}
		}
	}

	/** Relays length-prefixed messages, one answer per query, until the client closes. */
	private void relayTcp(Socket client, InetSocketAddress local) {
		try (client) {
			client.setSoTimeout((int) IDLE_TCP.toMillis());
			InetSocketAddress peer = (InetSocketAddress) client.getRemoteSocketAddress();
			InetSocketAddress resolver = Conntrack.originalDestination(true, local, peer);
			DataInputStream in = new DataInputStream(client.getInputStream());
			OutputStream out = client.getOutputStream();
			try (NativeSocket upstream = NativeSocket.connect(resolver, true, DnsInterceptionRules.MARK,
					UPSTREAM_TIMEOUT, this.forwardingPorts)) {
				byte[] query;
				while ((query = readMessage(in)) != null) {
					upstream.send(framed(query));
					byte[] length = upstream.receiveExactly(2);
					byte[] answer = upstream.receiveExactly(((length[0] & 0xff) << 8) | (length[1] & 0xff));
					learn(answer);
					out.write(framed(answer));
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			log.fine(() -> "DNS over TCP relay ended: " + ex.getMessage());
		}
	}

	/** Learns from an answer; a failure costs its addresses, never the answer itself. */
	private void learn(byte[] answer) {
		try {
			DnsAnswer.parse(answer).ifPresent(this.learning::learn);
		}
		catch (RuntimeException ex) {
			log.log(Level.WARNING, "Could not learn from a DNS answer (its addresses stay rejected)", ex);
		}
	}

	/** The next length-prefixed message, {@code null} when the client closed. */
	private static byte[] readMessage(DataInputStream in) throws IOException {
		int length;
		try {
			length = in.readUnsignedShort();
		}
		catch (EOFException ex) {
			return null;
		}
		byte[] message = new byte[length];
		in.readFully(message);
		return message;
	}

	private static byte[] framed(byte[] message) {
		byte[] framed = new byte[message.length + 2];
		framed[0] = (byte) (message.length >> 8);
		framed[1] = (byte) message.length;
		System.arraycopy(message, 0, framed, 2, message.length);
		return framed;
	}

	/**
	 * Runs a query's work; when too many are in flight, drops it (the client retries).
	 */
	private void submit(Runnable work, AutoCloseable onRejected) {
		try {
			this.workers.execute(work);
		}
		catch (RejectedExecutionException ex) {
			log.fine("Too many DNS queries in flight: one dropped");
			if (onRejected != null) {
				try {
					onRejected.close();
				}
				catch (Exception closeFailure) {
					// dropped anyway
				}
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		for (AutoCloseable socket : this.sockets) {
			try {
				socket.close();
			}
			catch (Exception ex) {
				// closing
			}
		}
		this.workers.shutdownNow();
	}

	private static Thread daemon(Runnable runnable) {
		Thread thread = new Thread(runnable, "dns-interception");
		thread.setDaemon(true);
		return thread;
	}

}
