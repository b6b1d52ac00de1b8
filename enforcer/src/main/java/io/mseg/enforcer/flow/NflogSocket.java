package io.mseg.enforcer.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import com.sun.jna.LastErrorException;
import io.mseg.enforcer.netlink.Libc;
import io.mseg.enforcer.netlink.Netlink;
import io.mseg.enforcer.nftables.FlowLogPrefix;

/**
 * The packets the kernel logs to one NFLOG group, read from a netfilter netlink socket
 * ({@code nfnetlink_log}, the mechanism of {@code libnetfilter_log} and of Calico's
 * dataplane), in the network namespace of the thread that opens it. Only the first 128
 * bytes of each packet are copied (IP and transport headers); the kernel gathers up to
 * {@link #BATCH} packets or waits {@link #FLUSH} before it sends them in one read.
 * Sequence numbers ({@code NFULNL_CFG_F_SEQ}) show what it could not deliver: a gap is a
 * packet lost to a full socket buffer.
 */
final class NflogSocket implements AutoCloseable {

	private static final int NFNL_SUBSYS_ULOG = 4;

	private static final int NFULNL_MSG_PACKET = 0;

	private static final int NFULNL_MSG_CONFIG = 1;

	private static final int NLM_F_ACK = 0x4;

	private static final int NFULA_CFG_CMD = 1;

	private static final int NFULA_CFG_MODE = 2;

	private static final int NFULA_CFG_NLBUFSIZ = 3;

	private static final int NFULA_CFG_TIMEOUT = 4;

	private static final int NFULA_CFG_QTHRESH = 5;

	private static final int NFULA_CFG_FLAGS = 6;

	private static final int NFULNL_CFG_CMD_BIND = 1;

	private static final int NFULNL_CFG_CMD_UNBIND = 2;

	private static final int NFULNL_COPY_PACKET = 2;

	private static final int NFULNL_CFG_F_SEQ = 1;

	private static final int NFULA_TIMESTAMP = 3;

	private static final int NFULA_PAYLOAD = 9;

	private static final int NFULA_PREFIX = 10;

	private static final int NFULA_SEQ = 12;

	private static final int SO_RCVBUFFORCE = 33;

	private static final int ENOBUFS = 105;

	private static final int EAGAIN = 11;

	private static final int COPY_RANGE = 128;

	/** Packets the kernel gathers before it sends them. */
	static final int BATCH = 64;

	/** The longest a logged packet waits in the kernel for others. */
	static final Duration FLUSH = Duration.ofMillis(100);

	private static final int RECEIVE_BUFFER = 8 << 20;

	private static final byte[] KERNEL = new byte[12];

	static {
		KERNEL[0] = (byte) Libc.AF_NETLINK;
	}

	private final int fd;

	private final int group;

	private int sequence;

	private long lastSeq = -1;

	private volatile boolean closed;

	private NflogSocket(int fd, int group) {
		this.fd = fd;
		this.group = group;
	}

	/**
	 * Opens a socket bound to a group.
	 * @param group the NFLOG group
	 * @return the socket
	 * @throws IOException when the kernel refuses: no {@code nfnetlink_log}, or another
	 * process of this network namespace reads the group ({@code EBUSY})
	 */
	static NflogSocket open(int group) throws IOException {
		int fd;
		try {
			fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_NETFILTER);
		}
		catch (LastErrorException ex) {
			throw new IOException("cannot open a netfilter netlink socket: errno " + ex.getErrorCode(), ex);
		}
		NflogSocket socket = new NflogSocket(fd, group);
		try {
			socket.option(SO_RCVBUFFORCE, RECEIVE_BUFFER);
			byte[] timeout = Libc.timeval(Duration.ofMillis(500));
			Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout, timeout.length);
			// a stale binding of this group by a crashed enforcer of this socket's port
			// is
			// not possible (it dies with its socket): unbind errors mean nothing was
			// bound
			socket.configure(NFULA_CFG_CMD, new byte[] { NFULNL_CFG_CMD_BIND }, "bind the group");
			socket.configure(NFULA_CFG_MODE,
					ByteBuffer.allocate(6).putInt(COPY_RANGE).put((byte) NFULNL_COPY_PACKET).put((byte) 0).array(),
					"copy the packets' headers");
			socket.configure(NFULA_CFG_NLBUFSIZ, ByteBuffer.allocate(4).putInt(64 << 10).array(), "size its batches");
			socket.configure(NFULA_CFG_QTHRESH, ByteBuffer.allocate(4).putInt(BATCH).array(), "batch its packets");
			socket.configure(NFULA_CFG_TIMEOUT, ByteBuffer.allocate(4).putInt((int) (FLUSH.toMillis() / 10)).array(),
					"flush its batches");
			socket.configure(NFULA_CFG_FLAGS, ByteBuffer.allocate(2).putShort((short) NFULNL_CFG_F_SEQ).array(),
					"number its packets");
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private void option(int name, int value) throws IOException {
		byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
		try {
			Libc.setsockopt(this.fd, Libc.SOL_SOCKET, name, bytes, bytes.length);
		}
		catch (LastErrorException ex) {
			throw new IOException("cannot size the NFLOG socket's buffer: errno " + ex.getErrorCode(), ex);
		}
	}

	private void configure(int attribute, byte[] value, String what) throws IOException {
		ByteBuffer out = Netlink.buffer(64);
		int seq = ++this.sequence;
		int start = Netlink.beginMessage(out, (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG,
				Netlink.NLM_F_REQUEST | NLM_F_ACK, seq, 0, this.group);
		Netlink.attribute(out, attribute, value);
		Netlink.endMessage(out, start);
		byte[] request = new byte[out.position()];
		out.flip().get(request);
		try {
			Libc.sendto(this.fd, request, request.length, 0, KERNEL, KERNEL.length);
			byte[] buffer = new byte[8192];
			while (true) {
				int length = (int) Libc.recv(this.fd, buffer, buffer.length, 0);
				ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
				if (length >= 20 && in.getInt(8) == seq && Netlink.errno(in) >= 0) {
					int errno = Netlink.errno(in);
					if (errno != 0) {
						throw new IOException("the kernel refused to " + what + " of NFLOG group " + this.group
								+ ": errno " + errno + ((errno == 16) ? " (another process reads this group)" : ""));
					}
					return;
				}
			}
		}
		catch (LastErrorException ex) {
			throw new IOException("NFLOG group " + this.group + ": cannot " + what + ": errno " + ex.getErrorCode(),
					ex);
		}
	}

	/**
	 * What one read brought.
	 *
	 * @param packets the packets handed over
	 * @param lost packets the kernel could not deliver (sequence gaps, and at least one
	 * for an overflow it reported without a gap yet)
	 */
	record Read(int packets, long lost) {

	}

	/**
	 * Reads what the kernel sent, waiting at most half a second.
	 * @param each receives each packet of the enforcer's rules
	 * @return what was read
	 * @throws IOException when the socket fails
	 */
	Read read(byte[] buffer, Consumer<LoggedPacket> each) throws IOException {
		int length;
		try {
			length = (int) Libc.recv(this.fd, buffer, buffer.length, 0);
		}
		catch (LastErrorException ex) {
			if (ex.getErrorCode() == ENOBUFS) {
				// the next sequence number shows how many
				return new Read(0, 0);
			}
			if (ex.getErrorCode() == EAGAIN || this.closed) {
				return new Read(0, 0);
			}
			throw new IOException("NFLOG socket: errno " + ex.getErrorCode(), ex);
		}
		ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
		int packets = 0;
		long lost = 0;
		for (int at = 0; at + 20 <= length;) {
			int size = in.getInt(at);
			if (size < 16 || at + size > length) {
				break;
			}
			int type = Short.toUnsignedInt(in.getShort(at + 4));
			if (type == ((NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_PACKET)) {
				Parsed parsed = parse(in, at + 20, at + size);
				if (parsed.seq >= 0) {
					if (this.lastSeq >= 0 && parsed.seq > this.lastSeq + 1) {
						lost += parsed.seq - this.lastSeq - 1;
					}
					this.lastSeq = parsed.seq;
				}
				if (parsed.packet != null) {
					each.accept(parsed.packet);
					packets++;
				}
			}
			at += (size + 3) & ~3;
		}
		return new Read(packets, lost);
	}

	private record Parsed(LoggedPacket packet, long seq) {

	}

	private static Parsed parse(ByteBuffer in, int from, int to) {
		String prefix = null;
		ByteBuffer payload = null;
		Instant time = null;
		long seq = -1;
		for (int at = from; at + 4 <= to;) {
			int length = Short.toUnsignedInt(in.getShort(at));
			int type = Short.toUnsignedInt(in.getShort(at + 2)) & 0x3FFF;
			if (length < 4 || at + length > to) {
				break;
			}
			int value = at + 4;
			int size = length - 4;
			switch (type) {
				case NFULA_PREFIX -> {
					int end = value;
					while (end < value + size && in.get(end) != 0) {
						end++;
					}
					byte[] text = new byte[end - value];
					in.get(value, text);
					prefix = new String(text, StandardCharsets.US_ASCII);
				}
				case NFULA_PAYLOAD -> payload = in.duplicate()
					.order(ByteOrder.BIG_ENDIAN)
					.position(value)
					.limit(value + size)
					.slice()
					.order(ByteOrder.BIG_ENDIAN);
				case NFULA_TIMESTAMP -> {
					if (size >= 16) {
						ByteBuffer big = in.duplicate().order(ByteOrder.BIG_ENDIAN);
						time = Instant.ofEpochSecond(big.getLong(value), big.getLong(value + 8) * 1000);
					}
				}
				case NFULA_SEQ -> {
					if (size >= 4) {
						seq = Integer.toUnsignedLong(in.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(value));
					}
				}
				default -> {
				}
			}
			at += (length + 3) & ~3;
		}
		FlowLogPrefix parsed = (prefix != null) ? FlowLogPrefix.parse(prefix) : null;
		if (parsed == null || payload == null) {
			return new Parsed(null, seq);
		}
		return new Parsed(LoggedPacket.parse((time != null) ? time : Instant.now(), parsed, payload), seq);
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			configure(NFULA_CFG_CMD, new byte[] { NFULNL_CFG_CMD_UNBIND }, "unbind the group");
		}
		catch (IOException ex) {
			// the socket's closing unbinds it too
		}
		try {
			Libc.close(this.fd);
		}
		catch (LastErrorException ex) {
			// closed anyway
		}
	}

}
